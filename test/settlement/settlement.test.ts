import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { openCommitments } from '../../server/entitlements/programme-accounts.js';
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
import { chequeInUse, fundLbc, sessionToday, type ChequeInUse } from './support/lbc-fixture.js';

type StatementJson = {
  id: string;
  centreId: string;
  status: string;
  total: { amount: string };
  lines: {
    amount: { amount: string };
    rate: { amount: string } | null;
    correction: boolean;
    source: { id: string; type: string };
    clawback: { sessionId: string } | null;
  }[];
};

// Far in the future so the fee change below never meets another suite's dates.
const FEE_CHANGE = '2090-03-01';

describe('settlement', () => {
  let h: Harness;
  let admin: Actor;
  let centre: TestCentre;
  let cheque: ChequeInUse;
  /** A second cheque at the centre, granted at the same fee, for the sessions after the first is released by a dispute. */
  let spare: ChequeInUse;
  const sessions: Record<string, string> = {};

  const settle = (periodEnd: string, key = idempotencyKey()) =>
    h.http.post('/v1/settlements').set(admin.auth).set('Idempotency-Key', key).send({ programme: 'LBC', periodEnd });
  const mine = (statements: StatementJson[]) => statements.filter((statement) => statement.centreId === centre.id);
  const balanceOf = async (ownerType: string) => {
    const id = await findAccountId(h.sequelize, { ownerType, ownerId: `${centre.id}:LBC`, unit: 'EUR' });
    return id ? (await getAccount(h.sequelize, id))!.balance.toFixed(2) : '0.00';
  };
  /** How a run moved the programme's money: what left the commitments and the budget, and reached the payable. */
  const moneyMovedBy = async (run: () => Promise<unknown>) => {
    const commitments = await h.sequelize.transaction((t) => openCommitments(h.sequelize, 'LBC', 'EUR', t));
    const { budgetAccountId } = await openBudgetAccounts(h.sequelize, 'LBC');
    const balances = async () =>
      Promise.all([commitments, budgetAccountId].map(async (id) => (await getAccount(h.sequelize, id))!.balance));
    const payable = async () => new Decimal(await balanceOf('centre_payable'));
    const [commitmentsBefore, budgetBefore] = await balances();
    const payableBefore = await payable();
    await run();
    const [commitmentsAfter, budgetAfter] = await balances();
    return {
      fromCommitments: commitmentsBefore!.minus(commitmentsAfter!).toFixed(2),
      fromBudget: budgetBefore!.minus(budgetAfter!).toFixed(2),
      toPayable: (await payable()).minus(payableBefore).toFixed(2),
    };
  };
  const newFee = (effectiveFrom: string, hourlyFee: string) =>
    h.sequelize.transaction(async (t) => {
      const inForce = await parametersInForce(h.sequelize, 'LBC', effectiveFrom, t);
      await insertParameterVersion(
        h.sequelize,
        {
          code: 'LBC',
          effectiveFrom,
          values: { ...inForce!.values, hourlyFee },
          note: 'settlement test fee',
          createdBy: admin.principal.userId,
        },
        t,
      );
    });

  before(async () => {
    h = harness();
    h.clock.set('2090-02-20T09:00:00Z');
    admin = await createActor(h, 'admin');
    await newFee(FEE_CHANGE, '150.125');
    await fundLbc(h, admin);
    centre = await createCentre(h, { programme: 'LBC' });
    cheque = await chequeInUse(h, admin, centre);
    spare = await chequeInUse(h, admin, centre);
    h.clock.set('2090-02-25T10:00:00Z');
    sessions.a = await sessionToday(h, cheque, '1.25'); // 1.25 x 140.256 = 175.32
    h.clock.set('2090-03-02T10:00:00Z');
    sessions.b = await sessionToday(h, cheque, '0.50'); // 0.50 x 150.125 = 75.0625 -> 75.06
    sessions.c = await sessionToday(h, cheque, '0.50');
    h.clock.set('2090-03-05T10:00:00Z');
    sessions.d = await sessionToday(h, cheque, '0.25'); // after the first period end
  });

  afterEach(async () => {
    expect((await verifyLedger(h.sequelize)).ok).to.equal(true);
  });

  it('when a period is settled, then each centre gets one statement: hours x the fee on each session date, rounded per line', async () => {
    let res: { body: { programme: string; periodEnd: string; statements: StatementJson[] } } | undefined;
    const moved = await moneyMovedBy(async () => (res = await settle('2090-03-04').expect(201)));
    res = res!;
    expect(res.body).to.include({ programme: 'LBC', periodEnd: '2090-03-04' });
    const [statement, ...others] = mine(res.body.statements);
    expect(others).to.have.length(0);
    expect(statement!.status).to.equal('open');
    expect(statement!.lines.map((line) => [line.source.id, line.rate?.amount, line.amount.amount])).to.have.deep.members([
      [sessions.a, '140.256', '175.32'],
      [sessions.b, '150.125', '75.06'],
      [sessions.c, '150.125', '75.06'],
    ]);
    // per line: 175.32 + 75.06 + 75.06, not round(325.445)
    expect(statement!.total.amount).to.equal('325.44');
    expect(await balanceOf('centre_payable')).to.equal('325.44');
    // The right was granted at 140.256 an hour: 175.32 + 70.13 + 70.13 was committed for these
    // hours; the fee rise on b and c is the budget's, not other rights' commitments.
    expect(moved).to.deep.equal({ fromCommitments: '315.58', fromBudget: '9.86', toPayable: '325.44' });
  });

  it('when the same request is replayed, then it answers the first run', async () => {
    const key = idempotencyKey();
    const first = await settle('2090-03-04', key).expect(201);
    const replay = await settle('2090-03-04', key).expect(201);
    expect(replay.body).to.deep.equal(first.body);
  });

  it('when settlement runs again for the same period, then nothing is settled twice', async () => {
    const res = await settle('2090-03-04').expect(201);
    expect(mine(res.body.statements)).to.have.length(0);
    expect(await balanceOf('centre_payable')).to.equal('325.44');
  });

  it('when a later, overlapping period is settled, then only the new session is on it', async () => {
    const res = await settle('2090-03-31').expect(201);
    const [statement] = mine(res.body.statements);
    expect(statement!.lines.map((line) => line.source.id)).to.deep.equal([sessions.d]);
    expect(statement!.total.amount).to.equal('37.53'); // 0.25 x 150.125 = 37.53125
  });

  it('when a statement is paid (asked by one administrator, approved by another), then the payable moves to paid, it is audited, and a second payment is refused', async () => {
    const list = await h.http.get(`/v1/centres/${centre.id}/statements`).set(admin.auth).expect(200);
    const first = (list.body.items as StatementJson[]).find((statement) => statement.total.amount === '325.44')!;
    const approver = await createActor(h, 'admin');
    const paid = await payStatementWithFourEyes(h, admin.auth, approver.auth, first.id);
    expect(paid.status).to.equal('paid');
    expect(paid.payTransactionId).to.be.a('string');
    expect(await balanceOf('centre_paid')).to.equal('325.44');
    expect(await balanceOf('centre_payable')).to.equal('37.53');
    const again = await h.http
      .post(`/v1/statements/${first.id}/payment`)
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .expect(409);
    expect(again.body.code).to.equal('statement_paid');
    const audit = await h.http.get(`/v1/audit?entityType=statement&entityId=${first.id}`).set(admin.auth).expect(200);
    expect(audit.body.items.map((item: { action: string; actor: { id: string } }) => [item.action, item.actor.id])).to.deep.equal([
      ['statement.paid', approver.principal.userId],
    ]);
    const staffNews = await h.http.get('/v1/me/notifications').set(centre.staff.auth).expect(200);
    expect(staffNews.body.items.map((item: { kind: string }) => item.kind)).to.include('statement_paid');
  });

  it('when a settled session is reversed after an upheld dispute, then the next run nets it with a correction line', async () => {
    let res: { body: { statements: StatementJson[] } } | undefined;
    const moved = await moneyMovedBy(async () => {
      const dispute = await openDispute(h.context, {
        principal: cheque.citizen.actor.principal,
        code: cheque.code,
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
      cheque = spare;
      h.clock.set('2090-04-02T10:00:00Z');
      sessions.e = await sessionToday(h, cheque, '2.00'); // 2 x 150.125 = 300.25
      res = await settle('2090-04-30').expect(201);
    });
    res = res!;
    const [statement] = mine(res.body.statements);
    expect(
      statement!.lines.map((line) => [line.clawback?.sessionId ?? line.source.id, line.correction, line.amount.amount]),
    ).to.have.deep.members([
      [sessions.a, true, '-175.32'],
      [sessions.e, false, '300.25'],
    ]);
    expect(statement!.total.amount).to.equal('124.93');
    // a's 175.32 committed returns with its hours when the dispute is upheld; e's 280.51 (2 x 140.256) leaves.
    expect(moved).to.deep.equal({ fromCommitments: '105.19', fromBudget: '19.74', toPayable: '124.93' });
    const rerun = await settle('2090-04-30').expect(201);
    expect(mine(rerun.body.statements)).to.have.length(0);
  });

  it('when the fee fell below the fee of the grant, then what was committed beyond the fee returns to the budget', async () => {
    await newFee('2090-04-10', '100.000');
    h.clock.set('2090-04-11T10:00:00Z');
    sessions.f = await sessionToday(h, cheque, '0.50'); // 0.50 x 100 = 50.00; committed 0.50 x 140.256 = 70.13
    const moved = await moneyMovedBy(() => settle('2090-05-05').expect(201));
    expect(moved).to.deep.equal({ fromCommitments: '70.13', fromBudget: '-20.13', toPayable: '50.00' });
  });

  it('when the budget cannot pay a fee rise, then 409 budget_exhausted names the centre and the sum, and nothing is settled until it is funded', async () => {
    await newFee('2090-05-10', '200.000');
    h.clock.set('2090-05-11T10:00:00Z');
    sessions.g = await sessionToday(h, cheque, '0.25'); // 0.25 x 200 = 50.00; committed 35.06; 14.94 from the budget
    const { budgetAccountId, fundingAccountId } = await openBudgetAccounts(h.sequelize, 'LBC');
    const moveBudget = (amount: Decimal) =>
      postTransaction(h.sequelize, {
        kind: 'test_defund',
        businessDate: h.clock.today(),
        entries: [
          { accountId: budgetAccountId, amount: amount.negated() },
          { accountId: fundingAccountId, amount },
        ],
      });
    const available = (await getAccount(h.sequelize, budgetAccountId))!.available;
    await moveBudget(available.minus('14.93')); // a cent short
    try {
      const moved = await moneyMovedBy(async () => {
        const refused = await settle('2090-05-20').expect(409);
        expect(refused.body).to.include({ code: 'budget_exhausted', reason: 'fee_rise_unfunded', centreId: centre.id });
        expect(refused.body.needed).to.deep.equal({ amount: '14.94', currency: 'EUR' });
      });
      expect(moved).to.deep.equal({ fromCommitments: '0.00', fromBudget: '0.00', toPayable: '0.00' });
    } finally {
      await moveBudget(available.minus('14.93').negated());
    }
    const res = await settle('2090-05-20').expect(201);
    expect(mine(res.body.statements).map((statement) => statement.lines.map((line) => line.source.id))).to.deep.equal([[sessions.g]]);
  });

  it('when another centre or a citizen asks for statements, then it is 404 or 403', async () => {
    const other = await createCentre(h, { programme: 'LBC' });
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
    await h.http.get(`/v1/statements/${id}`).set(cheque.citizen.actor.auth).expect(403);
    await h.http.post(`/v1/statements/${id}/payment`).set(centre.staff.auth).set('Idempotency-Key', idempotencyKey()).expect(403);
  });

  it('when ITA is settled, then its lines are claimed applications and already sit in the payable (no settle posting)', async () => {
    const res = await h.http
      .post('/v1/settlements')
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: 'ITA', periodEnd: '2090-04-30' })
      .expect(201);
    for (const statement of res.body.statements as (StatementJson & { settleTransactionId: string | null })[]) {
      expect(statement.settleTransactionId).to.equal(null);
      expect(statement.lines.every((line) => line.source.type === 'application')).to.equal(true);
    }
    const rerun = await h.http
      .post('/v1/settlements')
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: 'ITA', periodEnd: '2090-04-30' })
      .expect(201);
    expect(rerun.body.statements).to.deep.equal([]);
  });

  it('when the request is malformed, then it is refused before anything is written', async () => {
    const bad = await settle('2090-02-30').expect(400);
    expect(bad.body.errors[0].path).to.equal('/periodEnd');
    await h.http
      .post('/v1/settlements')
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: 'LBC', periodEnd: '2090-03-01', extra: 1 })
      .expect(400);
    await h.http.post('/v1/settlements').set(admin.auth).send({ programme: 'LBC', periodEnd: '2090-03-01' }).expect(400);
    await h.http
      .post('/v1/settlements')
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: 'NOPE', periodEnd: '2090-03-01' })
      .expect(404);
    await h.http.get(`/v1/centres/${centre.id}/statements?cursor=bm9wZQ`).set(admin.auth).expect(400);
    await h.http
      .post(`/v1/statements/${new Decimal(0).toFixed(0).padStart(8, '0')}-0000-4000-8000-000000000000/payment`)
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .expect(404);
  });
});
