import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { idempotencyKey, type Actor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  closeCheque,
  expectLedgerVerified,
  guidance,
  openVoucherProgramme,
  payAsAdmin,
  recordSession,
  register,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

describe('LBC at the centre: registration, sessions and closing', () => {
  let h: Harness;
  let lbc: VoucherProgramme;
  let admin: Actor;

  before(async () => {
    h = harness();
    lbc = await openVoucherProgramme(h, '2026-12-01');
    admin = lbc.admin;
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-12-01'));
  afterEach(() => expectLedgerVerified(h));

  async function paidCheque() {
    const { citizen, cheque } = await lbc.orderedCheque();
    return { citizen, cheque };
  }

  it('when the client number is wrong, the code unknown or the URL names another centre, then 404 alike', async () => {
    const { cheque } = await paidCheque();
    await payAsAdmin(h, admin, cheque.code);
    const centre = await lbc.centre();
    const other = await lbc.centre();
    const wrongNumber = cheque.clientNumber === '12345678' ? '87654321' : '12345678';
    expect((await register(h, centre, cheque.code, wrongNumber)).status).to.equal(404);
    expect((await register(h, centre, `${lbc.code}-0000000000`, cheque.clientNumber)).status).to.equal(404);
    const viaOtherUrl = await h.http
      .post(`/v1/centres/${other.id}/vouchers/${cheque.code}/registration`)
      .set(centre.staff.auth)
      .send({ clientNumber: cheque.clientNumber });
    expect(viaOtherUrl.status).to.equal(404);
    expect((await register(h, centre, cheque.code, cheque.clientNumber)).status).to.equal(200);
    // Now bound to `centre`: another centre with the right client number still gets 404.
    expect((await register(h, other, cheque.code, cheque.clientNumber)).status).to.equal(404);
    expect((await recordSession(h, other, cheque.code, guidance('2026-12-01'))).status).to.equal(404);
    expect((await closeCheque(h, other, cheque.code)).status).to.equal(404);
    expect((await register(h, centre, cheque.code, 'abc')).status).to.equal(400);
  });

  it('when the centre has no active LBC accreditation, then 422 centre_not_accredited; an unpaid cheque is 409 voucher_not_issued', async () => {
    const { cheque } = await paidCheque();
    const unaccredited = await lbc.centre('none');
    const res = await register(h, unaccredited, cheque.code, cheque.clientNumber);
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('centre_not_accredited');
    const centre = await lbc.centre();
    const unpaid = await register(h, centre, cheque.code, cheque.clientNumber);
    expect(unpaid.status).to.equal(409);
    expect(unpaid.body.code).to.equal('voucher_not_issued');
  });

  it('when a paid cheque is registered after its validity, before the expiry job ran, then 409 voucher_expired and it stays issued', async () => {
    const { cheque } = await paidCheque();
    const paid = await payAsAdmin(h, admin, cheque.code);
    expect(paid.body.validUntil).to.equal('2027-03-01');
    const centre = await lbc.centre();
    try {
      setToday(h, '2027-03-02');
      const late = await register(h, centre, cheque.code, cheque.clientNumber);
      expect(late.status).to.equal(409);
      expect(late.body).to.include({ code: 'voucher_expired' });
      expect(late.body.detail).to.contain('2027-03-01');
      const [row] = await queryRows<{ status: string; centre_id: string | null }>(
        h.sequelize,
        `SELECT status, centre_id FROM vouchers WHERE code = $1`,
        [cheque.code],
      );
      expect(row).to.deep.equal({ status: 'issued', centre_id: null });
      // On its last valid day it could still be registered.
      setToday(h, '2027-03-01');
      expect((await register(h, centre, cheque.code, cheque.clientNumber)).status).to.equal(200);
    } finally {
      setToday(h, '2026-12-01');
    }
  });

  it('when a session is not billable, in the future, outside the validity, not in quarter hours or more than is left, then it is refused', async () => {
    const { cheque, centre } = await lbc.chequeInUse();
    const prep = await recordSession(h, centre, cheque.code, { ...guidance('2026-12-01'), kind: 'preparation' });
    expect(prep.status).to.equal(422);
    expect(prep.body.code).to.equal('non_billable_session');
    expect((await recordSession(h, centre, cheque.code, { ...guidance('2026-12-01'), kind: 'report_writing' })).body.code).to.equal(
      'non_billable_session',
    );
    const future = await recordSession(h, centre, cheque.code, guidance('2026-12-02'));
    expect(future.status).to.equal(422);
    expect(future.body.errors[0].path).to.equal('/date');
    expect((await recordSession(h, centre, cheque.code, guidance('2026-11-30'))).status).to.equal(422);
    const odd = await recordSession(h, centre, cheque.code, guidance('2026-12-01', '0.10'));
    expect(odd.status).to.equal(400);
    expect(odd.body.errors[0].path).to.equal('/hours');
    expect((await recordSession(h, centre, cheque.code, { ...guidance('2026-12-01'), counsellor: '' })).status).to.equal(400);
    // PostgreSQL refuses NUL in text: it must be the client's 400, never our 500.
    const nul = await recordSession(h, centre, cheque.code, { ...guidance('2026-12-01'), counsellor: 'An\u0000Peeters' });
    expect(nul.status).to.equal(400);
    expect(nul.body.errors[0].path).to.equal('/counsellor');
    // Half a surrogate pair would reach the database as U+FFFD: the record would not say what was sent.
    const halfPair = await recordSession(h, centre, cheque.code, { ...guidance('2026-12-01'), counsellor: 'An\ud83dPeeters' });
    expect(halfPair.status).to.equal(400);
    expect(halfPair.body.errors[0].path).to.equal('/counsellor');
    const tooMuch = await recordSession(h, centre, cheque.code, guidance('2026-12-01', '4.25'));
    expect(tooMuch.status).to.equal(422);
    expect(tooMuch.body.code).to.equal('insufficient_balance');
    const sessions = await queryRows(
      h.sequelize,
      `SELECT s.id FROM voucher_sessions s JOIN vouchers c ON c.id = s.voucher_id WHERE c.code = $1`,
      [cheque.code],
    );
    expect(sessions).to.have.length(0);
  });

  it('when 8 one-hour sessions arrive at once on a fresh 4-hour cheque, then exactly 4 succeed and the cheque ends at zero', async () => {
    const { cheque, centre } = await lbc.chequeInUse();
    const answers = await Promise.all(Array.from({ length: 8 }, () => recordSession(h, centre, cheque.code, guidance('2026-12-01', 1))));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 201)).to.have.length(4);
    expect(statuses.filter((status) => status === 422)).to.have.length(4);
    expect(answers.filter((res) => res.status === 422).every((res) => res.body.code === 'insufficient_balance')).to.equal(true);
    const read = await h.http.get(`/v1/vouchers/${cheque.code}`).set(admin.auth).expect(200);
    expect(read.body.remainingHours.amount).to.equal('0.00');
    expect(read.body.sessions).to.have.length(4);
  });

  it('when a session is retried with the same key, then it is recorded once and the answer replayed', async () => {
    const { cheque, centre } = await lbc.chequeInUse();
    const key = idempotencyKey();
    const first = await recordSession(h, centre, cheque.code, guidance('2026-12-01', '1.25'), key);
    const again = await recordSession(h, centre, cheque.code, guidance('2026-12-01', '1.25'), key);
    expect(again.body).to.deep.equal(first.body);
    expect(again.body.voucher.remainingHours.amount).to.equal('2.75');
  });

  it('when the centre is suspended mid-way, then further sessions are refused with 422 centre_not_accredited', async () => {
    const { cheque, centre } = await lbc.chequeInUse();
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-01'))).status).to.equal(201);
    const suspended = await h.http
      .patch(`/v1/accreditations/${centre.accreditationId}`)
      .set(admin.auth)
      .send({ status: 'suspended', reason: 'Complaints about sessions that did not take place' });
    expect(suspended.status, JSON.stringify(suspended.body)).to.equal(200);
    const refused = await recordSession(h, centre, cheque.code, guidance('2026-12-01'));
    expect(refused.status).to.equal(422);
    expect(refused.body.code).to.equal('centre_not_accredited');
  });

  it('when a cheque is closed without sessions, then 409; closed after one, the rest returns and nothing more is recorded', async () => {
    const { citizen, cheque, centre } = await lbc.chequeInUse();
    const empty = await closeCheque(h, centre, cheque.code);
    expect(empty.status).to.equal(409);
    expect(empty.body.code).to.equal('no_sessions');
    await recordSession(h, centre, cheque.code, guidance('2026-12-01', '1.00'));
    const badPlan = await h.http
      .post(`/v1/centres/${centre.id}/vouchers/${cheque.code}/close`)
      .set(centre.staff.auth)
      .send({ developmentPlan: { summary: 'x', goals: [] } });
    expect(badPlan.status).to.equal(400);
    const closed = await closeCheque(h, centre, cheque.code);
    expect(closed.body).to.include({ status: 'closed' });
    expect(closed.body.remainingHours.amount).to.equal('0.00');
    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    expect(mine.body.items[0].balance).to.include({ used: '1.00', available: '6.00' });
    const late = await recordSession(h, centre, cheque.code, guidance('2026-12-01'));
    expect(late.status).to.equal(409);
    expect(late.body.code).to.equal('voucher_not_in_use');
    expect((await closeCheque(h, centre, cheque.code)).status).to.equal(409);
  });
});
