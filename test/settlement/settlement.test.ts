import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { queryRows } from '../../server/db/database.js';
import { findAccountId, getAccount } from '../../server/ledger/ledger-accounts.js';
import { postTransaction } from '../../server/ledger/ledger-postings.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { openBudgetAccounts } from '../../server/programmes/budget-accounts.js';
import { insertParameterVersion, parametersInForce } from '../../server/programmes/programme-store.js';
import { openDispute, resolveDispute } from '../../server/vouchers/dispute-service.js';
import { createActor, idempotencyKey, type Actor } from '../support/actors.js';
import { payStatementWithFourEyes } from '../support/approvals.js';
import { createCentre, type TestCentre } from '../support/centre-factory.js';
import { harness, type Harness } from '../support/harness.js';
import { openItaLike, openLbcLike } from '../support/reference-like-programmes.js';
import { claimFunding, itaCitizen, verify } from '../applications/ita-fixtures.js';
import { claimOn, providerOf } from '../applications/course-grant-fixtures.js';
import { chequeInUse, sessionToday, type ChequeInUse } from './support/lbc-fixture.js';

type StatementJson = {
  id: string;
  centreId: string;
  status: string;
  total: { amount: string };
  settleTransactionId: string | null;
  lines: {
    amount: { amount: string };
    rate: { amount: string } | null;
    correction: boolean;
    source: { id: string; type: string };
    clawback: { sessionId: string } | null;
  }[];
};

/**
 * Settlement runs take every unsettled session of their programme up to their period end, and fee
 * versions hold for the whole programme, so each scene opens a programme of its own like LBC: its
 * fee versions, budget, sessions and runs never meet another test's, in any order or alone.
 */
const YEAR = 2096;

type Scene = {
  /** The scene's own LBC-like programme. */
  programme: string;
  admin: Actor;
  centre: TestCentre;
  cheque: ChequeInUse;
  /** A second cheque at the centre, granted at the same fee, for the sessions after the first is released by a dispute. */
  spare: ChequeInUse;
  sessions: Record<string, string>;
  /** `MM-DD` of the scene's year. */
  date: (monthDay: string) => string;
  /** Moves the clock to 10:00 on `MM-DD` of the scene's year. */
  on: (monthDay: string) => void;
};

describe('settlement', () => {
  let h: Harness;

  const settle = (scene: Scene, periodEnd: string, key = idempotencyKey()) =>
    h.http.post('/v1/settlements').set(scene.admin.auth).set('Idempotency-Key', key).send({ programme: scene.programme, periodEnd });
  const mine = (scene: Scene, statements: StatementJson[]) => statements.filter((statement) => statement.centreId === scene.centre.id);
  const balanceOf = async (scene: Scene, ownerType: string) => {
    const id = await findAccountId(h.sequelize, { ownerType, ownerId: `${scene.centre.id}:${scene.programme}`, unit: 'EUR' });
    return id ? (await getAccount(h.sequelize, id))!.balance.toFixed(2) : '0.00';
  };
  /** How a statement's settle posting moved the programme's money (its own entries, whatever else runs meanwhile). */
  const movedBy = async (statement: StatementJson) => {
    const entries = await queryRows<{ owner_type: string; amount: string }>(
      h.sequelize,
      `SELECT a.owner_type, e.amount FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE e.transaction_id = $1`,
      [statement.settleTransactionId],
    );
    const of = (ownerType: string) =>
      entries.reduce((sum, entry) => (entry.owner_type === ownerType ? sum.plus(entry.amount) : sum), new Decimal(0));
    return {
      fromCommitments: of('programme_commitments').negated().toFixed(2),
      fromBudget: of('programme_budget').negated().toFixed(2),
      toPayable: of('centre_payable').toFixed(2),
      toReceivable: of('centre_receivable').toFixed(2),
    };
  };
  const newFee = (scene: Pick<Scene, 'programme' | 'admin'>, effectiveFrom: string, hourlyFee: string) =>
    h.sequelize.transaction(async (t) => {
      const inForce = await parametersInForce(h.sequelize, scene.programme, effectiveFrom, t);
      await insertParameterVersion(
        h.sequelize,
        {
          code: scene.programme,
          effectiveFrom,
          values: { ...inForce!.values, hourlyFee },
          note: 'settlement test fee',
          createdBy: scene.admin.principal.userId,
        },
        t,
      );
    });

  /**
   * A programme opened on 02-20 with LBC's fee of 140.256 an hour and a budget of 100,000.00, the
   * fee 150.125 from 03-01, a centre with two cheques granted on 02-20, and sessions a (02-25,
   * 1.25 h), b and c (03-02, 0.50 h each) and d (03-05, 0.25 h) on the first.
   */
  async function scene(): Promise<Scene> {
    const date = (monthDay: string) => `${YEAR}-${monthDay}`;
    const on = (monthDay: string) => h.clock.set(`${date(monthDay)}T10:00:00Z`);
    on('02-20');
    const opened = await openLbcLike(h, { values: { hourlyFee: '140.256' }, budget: '100000.00' });
    const { code: programme, author: admin } = opened;
    await newFee({ programme, admin }, date('03-01'), '150.125');
    const centre = await createCentre(h, { programme });
    const cheque = await chequeInUse(h, admin, programme, centre);
    const spare = await chequeInUse(h, admin, programme, centre);
    const sessions: Record<string, string> = {};
    on('02-25');
    sessions.a = await sessionToday(h, cheque, '1.25'); // 1.25 x 140.256 = 175.32
    on('03-02');
    sessions.b = await sessionToday(h, cheque, '0.50'); // 0.50 x 150.125 = 75.0625 -> 75.06
    sessions.c = await sessionToday(h, cheque, '0.50');
    on('03-05');
    sessions.d = await sessionToday(h, cheque, '0.25'); // after the first period end
    return { programme, admin, centre, cheque, spare, sessions, date, on };
  }
  /** The scene's first run (to 03-04): sessions a, b and c, 325.44 in all. */
  async function settledScene() {
    const settled = await scene();
    const res = await settle(settled, settled.date('03-04')).expect(201);
    const [statement] = mine(settled, res.body.statements as StatementJson[]);
    return { ...settled, statement: statement! };
  }

  beforeEach(() => {
    h = harness();
  });

  afterEach(async () => {
    expect((await verifyLedger(h.sequelize)).ok).to.equal(true);
  });

  it('when a period is settled, then each centre gets one statement: hours x the fee on each session date, rounded per line', async () => {
    const { sessions, ...settled } = await scene();
    const res = await settle({ sessions, ...settled }, settled.date('03-04')).expect(201);
    expect(res.body).to.include({ programme: settled.programme, periodEnd: settled.date('03-04') });
    const [statement, ...others] = mine({ sessions, ...settled }, res.body.statements as StatementJson[]);
    expect(others).to.have.length(0);
    expect(statement!.status).to.equal('open');
    expect(statement!.lines.map((line) => [line.source.id, line.rate?.amount, line.amount.amount])).to.have.deep.members([
      [sessions.a, '140.256', '175.32'],
      [sessions.b, '150.125', '75.06'],
      [sessions.c, '150.125', '75.06'],
    ]);
    // per line: 175.32 + 75.06 + 75.06, not round(325.445)
    expect(statement!.total.amount).to.equal('325.44');
    expect(await balanceOf({ sessions, ...settled }, 'centre_payable')).to.equal('325.44');
    // The right was granted at 140.256 an hour: 175.32 + 70.13 + 70.13 was committed for these
    // hours; the fee rise on b and c is the budget's, not other rights' commitments.
    expect(await movedBy(statement!)).to.deep.equal({
      fromCommitments: '315.58',
      fromBudget: '9.86',
      toPayable: '325.44',
      toReceivable: '0.00',
    });
  });

  it('when the same request is replayed, then it answers the first run', async () => {
    const replayed = await scene();
    const key = idempotencyKey();
    const first = await settle(replayed, replayed.date('03-04'), key).expect(201);
    const replay = await settle(replayed, replayed.date('03-04'), key).expect(201);
    expect(replay.body).to.deep.equal(first.body);
    expect(mine(replayed, first.body.statements as StatementJson[])).to.have.length(1);
  });

  it('when settlement runs again for the same period, then nothing is settled twice', async () => {
    const settled = await settledScene();
    const res = await settle(settled, settled.date('03-04')).expect(201);
    expect(mine(settled, res.body.statements as StatementJson[])).to.have.length(0);
    expect(await balanceOf(settled, 'centre_payable')).to.equal('325.44');
  });

  it('when a later, overlapping period is settled, then only the new session is on it', async () => {
    const settled = await settledScene();
    const res = await settle(settled, settled.date('03-31')).expect(201);
    const [statement] = mine(settled, res.body.statements as StatementJson[]);
    expect(statement!.lines.map((line) => line.source.id)).to.deep.equal([settled.sessions.d]);
    expect(statement!.total.amount).to.equal('37.53'); // 0.25 x 150.125 = 37.53125
  });

  it('when a statement is paid (asked by one administrator, approved by another), then the payable moves to paid, it is audited, and a second payment is refused', async () => {
    const settled = await settledScene();
    await settle(settled, settled.date('03-31')).expect(201);
    const { admin, centre } = settled;
    const approver = await createActor(h, 'admin');
    const paid = await payStatementWithFourEyes(h, admin.auth, approver.auth, settled.statement.id);
    expect(paid.status).to.equal('paid');
    expect(paid.payTransactionId).to.be.a('string');
    expect(await balanceOf(settled, 'centre_paid')).to.equal('325.44');
    expect(await balanceOf(settled, 'centre_payable')).to.equal('37.53');
    const again = await h.http
      .post(`/v1/statements/${settled.statement.id}/payment`)
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .expect(409);
    expect(again.body.code).to.equal('statement_paid');
    const audit = await h.http.get(`/v1/audit?entityType=statement&entityId=${settled.statement.id}`).set(admin.auth).expect(200);
    expect(audit.body.items.map((item: { action: string; actor: { id: string } }) => [item.action, item.actor.id])).to.deep.equal([
      ['statement.paid', approver.principal.userId],
    ]);
    const staffNews = await h.http.get('/v1/me/notifications').set(centre.staff.auth).expect(200);
    expect(staffNews.body.items.map((item: { kind: string }) => item.kind)).to.include('statement_paid');
  });

  it('when a settled session is reversed after an upheld dispute, then the next run nets it with a correction line', async () => {
    const settled = await settledScene();
    const { admin, sessions } = settled;
    const dispute = await openDispute(h.context, {
      principal: settled.cheque.citizen.actor.principal,
      code: settled.cheque.code,
      sessionId: sessions.a!,
      reason: 'I was not there',
    });
    await resolveDispute(h.context, {
      principal: admin.principal,
      disputeId: dispute.id,
      decision: 'upheld',
      note: 'No attendance record',
      requestId: 'test',
    });
    // The upheld dispute released the cheque from this centre: its next sessions are on the citizen's other cheque.
    settled.on('04-02');
    sessions.e = await sessionToday(h, settled.spare, '2.00'); // 2 x 150.125 = 300.25
    const res = await settle(settled, settled.date('04-30')).expect(201);
    const [statement] = mine(settled, res.body.statements as StatementJson[]);
    expect(
      statement!.lines.map((line) => [line.clawback?.sessionId ?? line.source.id, line.correction, line.amount.amount]),
    ).to.have.deep.members([
      [sessions.a, true, '-175.32'],
      [sessions.d, false, '37.53'],
      [sessions.e, false, '300.25'],
    ]);
    expect(statement!.total.amount).to.equal('162.46');
    // d's 35.06 and e's 280.51 (2 x 140.256) were committed; the fee rise is the budget's; a's 175.32 pays back the receivable.
    expect(await movedBy(statement!)).to.deep.equal({
      fromCommitments: '315.57',
      fromBudget: '22.21',
      toPayable: '162.46',
      toReceivable: '175.32',
    });
    const rerun = await settle(settled, settled.date('04-30')).expect(201);
    expect(mine(settled, rerun.body.statements as StatementJson[])).to.have.length(0);
  });

  it('when the fee fell below the fee of the grant, then what was committed beyond the fee returns to the budget', async () => {
    const settled = await settledScene();
    await settle(settled, settled.date('03-31')).expect(201);
    await newFee(settled, settled.date('04-10'), '100.000');
    settled.on('04-11');
    await sessionToday(h, settled.cheque, '0.50'); // 0.50 x 100 = 50.00; committed 0.50 x 140.256 = 70.13
    const res = await settle(settled, settled.date('05-05')).expect(201);
    const [statement] = mine(settled, res.body.statements as StatementJson[]);
    expect(await movedBy(statement!)).to.deep.equal({
      fromCommitments: '70.13',
      fromBudget: '-20.13',
      toPayable: '50.00',
      toReceivable: '0.00',
    });
  });

  it('when the budget cannot pay a fee rise, then 409 budget_exhausted names the centre and the sum, and nothing is settled until it is funded', async () => {
    const settled = await settledScene();
    await settle(settled, settled.date('03-31')).expect(201);
    await newFee(settled, settled.date('05-10'), '200.000');
    settled.on('05-11');
    const g = await sessionToday(h, settled.cheque, '0.25'); // 0.25 x 200 = 50.00; committed 35.06; 14.94 from the budget
    const { budgetAccountId, fundingAccountId } = await openBudgetAccounts(h.sequelize, settled.programme);
    const moveBudget = (amount: Decimal) =>
      postTransaction(h.sequelize, {
        kind: 'test_defund',
        businessDate: h.clock.today(),
        entries: [
          { accountId: budgetAccountId, amount: amount.negated() },
          { accountId: fundingAccountId, amount },
        ],
      });
    // The scene's own budget is drained to a cent short of the rise, then given back.
    const available = (await getAccount(h.sequelize, budgetAccountId))!.available;
    await moveBudget(available.minus('14.93')); // a cent short
    try {
      const refused = await settle(settled, settled.date('05-20')).expect(409);
      expect(refused.body).to.include({ code: 'budget_exhausted', reason: 'fee_rise_unfunded', centreId: settled.centre.id });
      expect(refused.body.needed).to.deep.equal({ amount: '14.94', currency: 'EUR' });
    } finally {
      await moveBudget(available.minus('14.93').negated());
    }
    expect(await balanceOf(settled, 'centre_payable')).to.equal('362.97');
    const res = await settle(settled, settled.date('05-20')).expect(201);
    expect(
      mine(settled, res.body.statements as StatementJson[]).map((statement) => statement.lines.map((line) => line.source.id)),
    ).to.deep.equal([[g]]);
  });

  it('when another centre or a citizen asks for statements, then it is 404 or 403', async () => {
    const settled = await settledScene();
    await settle(settled, settled.date('03-31')).expect(201);
    const { centre } = settled;
    const other = await createCentre(h, { programme: settled.programme });
    await h.http.get(`/v1/centres/${centre.id}/statements`).set(other.staff.auth).expect(404);
    const own = await h.http.get(`/v1/centres/${centre.id}/statements?limit=1`).set(centre.staff.auth).expect(200);
    expect(own.body.items).to.have.length(1);
    expect(own.body.nextCursor).to.be.a('string');
    const next = await h.http
      .get(`/v1/centres/${centre.id}/statements?limit=1&cursor=${own.body.nextCursor}`)
      .set(centre.staff.auth)
      .expect(200);
    expect(next.body.items[0].id).to.not.equal(own.body.items[0].id);
    const id = own.body.items[0].id as string;
    await h.http.get(`/v1/statements/${id}`).set(other.staff.auth).expect(404);
    await h.http.get(`/v1/statements/${id}`).set(centre.staff.auth).expect(200);
    await h.http
      .get(`/v1/statements/${id}`)
      .set((await createActor(h, 'auditor')).auth)
      .expect(200);
    await h.http.get(`/v1/statements/${id}`).set(settled.cheque.citizen.actor.auth).expect(403);
    await h.http.post(`/v1/statements/${id}/payment`).set(centre.staff.auth).set('Idempotency-Key', idempotencyKey()).expect(403);
  });

  it('when a course grant programme like ITA is settled, then its lines are claimed applications and already sit in the payable (no settle posting)', async () => {
    h.clock.set('2026-05-10T10:00:00Z');
    const programme = await openItaLike(h);
    const { provider, course } = await providerOf(h, programme, '120.00', 'GBP');
    const citizen = await itaCitizen(h);
    const claimed = await claimOn(h, programme.code, citizen.actor, course.id, idempotencyKey());
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(201);
    const reference = claimed.body.reference as string;
    await verify(h, provider.staff, provider.id, reference).expect(200);
    await claimFunding(h, provider.staff, provider.id, reference, h.clock.today()).expect(200);
    const settleIt = () =>
      h.http
        .post('/v1/settlements')
        .set(programme.author.auth)
        .set('Idempotency-Key', idempotencyKey())
        .send({ programme: programme.code, periodEnd: h.clock.today() })
        .expect(201);
    const res = await settleIt();
    const [statement, ...others] = res.body.statements as StatementJson[];
    expect(others).to.have.length(0);
    expect(statement!.centreId).to.equal(provider.id);
    expect(statement!.settleTransactionId).to.equal(null);
    expect(statement!.lines.map((line) => line.source.type)).to.deep.equal(['application']);
    expect((await settleIt()).body.statements).to.deep.equal([]);
  });

  it('when the request is malformed, then it is refused before anything is written', async () => {
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h, { programme: 'LBC' });
    const post = (body: Record<string, unknown>) =>
      h.http.post('/v1/settlements').set(admin.auth).set('Idempotency-Key', idempotencyKey()).send(body);
    const bad = await post({ programme: 'LBC', periodEnd: `${YEAR}-02-30` }).expect(400);
    expect(bad.body.errors[0].path).to.equal('/periodEnd');
    await post({ programme: 'LBC', periodEnd: `${YEAR}-03-01`, extra: 1 }).expect(400);
    await h.http
      .post('/v1/settlements')
      .set(admin.auth)
      .send({ programme: 'LBC', periodEnd: `${YEAR}-03-01` })
      .expect(400);
    await post({ programme: 'NOPE', periodEnd: `${YEAR}-03-01` }).expect(404);
    await h.http.get(`/v1/centres/${centre.id}/statements?cursor=bm9wZQ`).set(admin.auth).expect(400);
    await h.http
      .post(`/v1/statements/${new Decimal(0).toFixed(0).padStart(8, '0')}-0000-4000-8000-000000000000/payment`)
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .expect(404);
  });
});
