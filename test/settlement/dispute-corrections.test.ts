// Disputes and settlement: an open dispute holds its session out of every run; a dispute upheld
// on a settled session leaves the centre owing what it was paid, netted in its next statements.
import { expect } from 'chai';
import { findAccountId, getAccount } from '../../server/ledger/ledger-accounts.js';
import { formatReport, verifyLedger } from '../../server/ledger/ledger-verify.js';
import { idempotencyKey, type Actor } from '../support/actors.js';
import { createCentre, type TestCentre } from '../support/centre-factory.js';
import { harness, type Harness } from '../support/harness.js';
import { openLbcLike } from '../support/reference-like-programmes.js';
import { chequeInUse, sessionToday, type ChequeInUse } from './support/lbc-fixture.js';

type Money = { amount: string; currency: string };
type LineJson = {
  source: { type: string; id: string };
  correction: boolean;
  amount: Money;
  clawback: { disputeId: string; sessionId: string; carriedForward: Money } | null;
};
type StatementJson = { id: string; centreId: string; total: Money; carriedForward: Money; lines: LineJson[] };

// The file's own programme like LBC, at a fee of 100.00 an hour that keeps the sums readable.
const OPENED_ON = '2091-01-08';

describe('settlement of disputed sessions', () => {
  let h: Harness;
  let admin: Actor;
  let programme: string;

  const settle = async (centre: TestCentre): Promise<StatementJson | undefined> => {
    const res = await h.http
      .post('/v1/settlements')
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme, periodEnd: h.clock.today() });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return (res.body.statements as StatementJson[]).find((statement) => statement.centreId === centre.id);
  };
  const dispute = async (cheque: ChequeInUse, sessionId: string) => {
    const res = await h.http
      .post(`/v1/vouchers/${cheque.code}/disputes`)
      .set(cheque.citizen.actor.auth)
      .send({ sessionId, reason: 'I was not there.' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  };
  const resolve = async (disputeId: string, decision: 'upheld' | 'rejected') => {
    const res = await h.http
      .post(`/v1/disputes/${disputeId}/resolution`)
      .set(admin.auth)
      .send({ decision, note: 'Checked the attendance list.' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as { correction: { id: string; owed: Money } | null; chequeReleased: boolean };
  };
  const balance = async (ownerType: 'centre_receivable' | 'centre_payable', centre: TestCentre) => {
    const id = await findAccountId(h.sequelize, { ownerType, ownerId: `${centre.id}:${programme}`, unit: 'EUR' });
    return id ? (await getAccount(h.sequelize, id))!.balance.toFixed(2) : '0.00';
  };
  const lines = (statement: StatementJson | undefined) =>
    statement!.lines.map((line) => [line.source.type, line.amount.amount, line.clawback?.carriedForward.amount ?? null]);
  const day = (date: string) => h.clock.set(`${date}T10:00:00Z`);

  before(async () => {
    h = harness();
    day(OPENED_ON);
    const opened = await openLbcLike(h, { values: { hourlyFee: '100.000' }, budget: '100000.00' });
    ({ code: programme, author: admin } = opened);
  });
  afterEach(async () => {
    const report = await verifyLedger(h.sequelize);
    expect(report.ok, formatReport(report)).to.equal(true);
  });
  after(() => h.clock.set(new Date()));

  it('when a session is disputed, then no run settles it while the dispute is open, and the run after a rejection does', async () => {
    day('2091-01-10');
    const centre = await createCentre(h, { programme });
    const cheque = await chequeInUse(h, admin, programme, centre);
    const sessionId = await sessionToday(h, cheque, '1.00');
    const disputeId = await dispute(cheque, sessionId);
    expect(await settle(centre)).to.equal(undefined);
    await resolve(disputeId, 'rejected');
    const statement = await settle(centre);
    expect(statement!.lines.map((line) => [line.source.id, line.amount.amount])).to.deep.equal([[sessionId, '100.00']]);
  });

  it('when a dispute is upheld before any run, then the session is never paid and nothing is owed', async () => {
    day('2091-01-11');
    const centre = await createCentre(h, { programme });
    const cheque = await chequeInUse(h, admin, programme, centre);
    const disputeId = await dispute(cheque, await sessionToday(h, cheque, '1.00'));
    expect(await settle(centre)).to.equal(undefined);
    expect((await resolve(disputeId, 'upheld')).correction).to.equal(null);
    expect(await settle(centre)).to.equal(undefined);
    expect(await balance('centre_receivable', centre)).to.equal('0.00');
  });

  it('when a dispute on a settled session is upheld, then the centre owes its line on the receivable and the next statement nets it', async () => {
    day('2091-01-12');
    const centre = await createCentre(h, { programme });
    const first = await chequeInUse(h, admin, programme, centre);
    const sessionId = await sessionToday(h, first, '2.00');
    expect((await settle(centre))!.total.amount).to.equal('200.00');
    const disputeId = await dispute(first, sessionId);
    const resolved = await resolve(disputeId, 'upheld');
    expect(resolved.correction!.owed).to.deep.equal({ amount: '200.00', currency: 'EUR' });
    expect(await balance('centre_receivable', centre)).to.equal('-200.00');

    day('2091-01-13');
    const second = await chequeInUse(h, admin, programme, centre);
    await sessionToday(h, second, '3.00');
    const next = await settle(centre);
    expect(lines(next)).to.deep.equal([
      ['voucher_session', '300.00', null],
      ['correction', '-200.00', '0.00'],
    ]);
    const correction = next!.lines[1]!;
    expect(correction.correction).to.equal(true);
    expect(correction.clawback).to.include({ disputeId, sessionId });
    expect([next!.total.amount, next!.carriedForward.amount]).to.deep.equal(['100.00', '0.00']);
    expect(await balance('centre_receivable', centre)).to.equal('0.00');
    expect(await balance('centre_payable', centre)).to.equal('300.00');
  });

  it('when a correction is bigger than the next statement, then the rest is carried to the one after, shown on both, and never dropped', async () => {
    day('2091-01-14');
    const centre = await createCentre(h, { programme });
    const first = await chequeInUse(h, admin, programme, centre);
    const sessionId = await sessionToday(h, first, '4.00');
    expect((await settle(centre))!.total.amount).to.equal('400.00');
    await resolve(await dispute(first, sessionId), 'upheld');

    day('2091-01-15');
    const second = await chequeInUse(h, admin, programme, centre);
    await sessionToday(h, second, '1.50');
    const netted = await settle(centre);
    expect(lines(netted)).to.deep.equal([
      ['voucher_session', '150.00', null],
      ['correction', '-150.00', '250.00'],
    ]);
    expect([netted!.total.amount, netted!.carriedForward.amount]).to.deep.equal(['0.00', '250.00']);
    // A run with nothing earned makes no statement: the rest waits, still owed.
    expect(await settle(centre)).to.equal(undefined);
    expect(await balance('centre_receivable', centre)).to.equal('-250.00');

    day('2091-01-16');
    await sessionToday(h, second, '2.50');
    await sessionToday(h, await chequeInUse(h, admin, programme, centre), '1.00');
    const rest = await settle(centre);
    expect(lines(rest)).to.have.deep.members([
      ['voucher_session', '250.00', null],
      ['voucher_session', '100.00', null],
      ['correction', '-250.00', '0.00'],
    ]);
    expect([rest!.total.amount, rest!.carriedForward.amount]).to.deep.equal(['100.00', '0.00']);
    expect(await balance('centre_receivable', centre)).to.equal('0.00');
    // 400 + 0 + 100 paid for 400 + 150 + 350 delivered, less the 400 disputed.
    expect(await balance('centre_payable', centre)).to.equal('500.00');
    const read = await h.http.get(`/v1/statements/${netted!.id}`).set(centre.staff.auth).expect(200);
    expect(read.body.carriedForward.amount).to.equal('250.00');
  });
});
