import { expect } from 'chai';
import { createActor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { disputedSession, disputeProgramme, type DisputeProgramme } from '../portal/admin/dispute-support.js';

type Entry = { owner: { type: string }; unit: string; amount: string };
type Transaction = { id: string; kind: string; entries: Entry[] };

describe('GET /v1/disputes/:id: a dispute with its session and the ledger transactions its decision made', () => {
  let h: Harness;
  let programme: DisputeProgramme;
  before(async () => {
    h = harness();
    h.clock.set('2094-05-03T10:00:00Z');
    programme = await disputeProgramme(h);
  });
  beforeEach(() => h.clock.set('2094-05-03T10:00:00Z'));
  after(() => h.clock.set(new Date()));

  it('when a dispute is open, then it reads with its session and no ledger effect, for administrators and auditors only', async () => {
    const { disputeId, sessionId, cheque } = await disputedSession(h, programme, { hours: '1.50' });
    const auditor = await createActor(h, 'auditor');
    const read = await h.http.get(`/v1/disputes/${disputeId}`).set(auditor.auth).expect(200);
    expect(read.body).to.include({
      id: disputeId,
      status: 'open',
      programme: programme.code,
      centreName: cheque.centre.name,
      voucherCode: cheque.code,
    });
    expect(read.body.session).to.include({ id: sessionId, status: 'recorded' });
    expect(read.body.correction).to.equal(null);
    expect(read.body.ledgerEffect).to.deep.equal([]);
    expect((await h.http.get(`/v1/disputes/${disputeId}`).set(cheque.citizen.actor.auth)).status).to.equal(403);
    expect((await h.http.get(`/v1/disputes/${disputeId}`).set(cheque.centre.staff.auth)).status).to.equal(403);
    const missing = await h.http.get('/v1/disputes/00000000-0000-4000-8000-000000000000').set(auditor.auth);
    expect([missing.status, missing.body.code]).to.deep.equal([404, 'not_found']);
  });

  it('when a dispute on a settled session is upheld, then it reads with the reversal in hours and the clawback in EUR, each balanced, and the correction naming its transaction', async () => {
    const { disputeId } = await disputedSession(h, programme, { hours: '2.00', settled: true });
    await h.http
      .post(`/v1/disputes/${disputeId}/resolution`)
      .set(programme.admin.auth)
      .send({ decision: 'upheld', note: 'No attendance list.' })
      .expect(200);
    const read = await h.http.get(`/v1/disputes/${disputeId}`).set(programme.admin.auth).expect(200);
    const effect = read.body.ledgerEffect as Transaction[];
    expect(effect.map((transaction) => transaction.kind)).to.deep.equal(['reversal', 'clawback']);
    const [reversal, clawback] = effect;
    expect(reversal!.entries.map((entry) => [entry.owner.type, entry.unit, entry.amount])).to.have.deep.members([
      ['voucher', 'HOUR', '2.00'],
      ['centre_delivered', 'HOUR', '-2.00'],
    ]);
    expect(clawback!.entries.find((entry) => entry.owner.type === 'centre_receivable')).to.deep.include({ unit: 'EUR', amount: '-200.00' });
    expect(read.body.correction).to.deep.include({ owed: { amount: '200.00', currency: 'EUR' }, transactionId: clawback!.id });
  });
});
