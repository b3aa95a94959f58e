import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { AppError } from '../../server/errors.js';
import { openAccount } from '../../server/ledger/ledger-accounts.js';
import { postTransaction } from '../../server/ledger/ledger-postings.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { openBudgetAccounts } from '../../server/programmes/budget-accounts.js';
import { afterBudgetCharge, assertProgrammeOpen, placesLeft, returnPlace } from '../../server/programmes/budget-guard.js';
import { programmeYearOf } from '../../server/programmes/programmes.js';
import { fundBudget } from '../../server/programmes/budget-service.js';
import { createActor, type Actor } from '../support/actors.js';
import { harness } from '../support/harness.js';
import { createTestProgramme } from './support/test-programme.js';

const ON = '2026-06-01';

async function refusalOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code} ${String(error.extra.reason)}`;
    throw error;
  }
}

describe('budget guard', () => {
  afterEach(async () => {
    expect((await verifyLedger(harness().sequelize)).ok).to.equal(true);
  });

  it('when 50 claims race for a target of 20 places, then exactly 20 get one and the rest budget_exhausted', async () => {
    const h = harness();
    const code = await createTestProgramme(h, { placesTarget: 20, closingDate: null, accountYearStartMonth: 4 });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => refusalOf(h.sequelize.transaction((t) => assertProgrammeOpen(h.sequelize, code, ON, t)))),
    );
    expect(outcomes.filter((outcome) => outcome === undefined)).to.have.length(20);
    expect(new Set(outcomes.filter(Boolean))).to.deep.equal(new Set(['409 budget_exhausted places_target_reached']));
    expect(await placesLeft(h.sequelize, code, ON)).to.equal(0);
  });

  it('when a claim fails after taking a place, or a right lapses, then the place is free again', async () => {
    const h = harness();
    const code = await createTestProgramme(h, { placesTarget: 2, closingDate: null });
    await h.sequelize.transaction((t) => assertProgrammeOpen(h.sequelize, code, ON, t));
    const failed = h.sequelize.transaction(async (t) => {
      await assertProgrammeOpen(h.sequelize, code, ON, t);
      throw new Error('the grant failed later');
    });
    await failed.then(
      () => expect.fail('should have failed'),
      (error: Error) => expect(error.message).to.equal('the grant failed later'),
    );
    expect(await placesLeft(h.sequelize, code, ON)).to.equal(1);
    await h.sequelize.transaction((t) => assertProgrammeOpen(h.sequelize, code, ON, t));
    expect(await placesLeft(h.sequelize, code, ON)).to.equal(0);
    await h.sequelize.transaction((t) => returnPlace(h.sequelize, code, ON, t));
    expect(await placesLeft(h.sequelize, code, ON)).to.equal(1);
  });

  it('when the closing date has passed, then it refuses with closing_date_passed and shows no place left', async () => {
    const h = harness();
    const code = await createTestProgramme(h, { placesTarget: null, closingDate: '2026-05-31' });
    expect(await placesLeft(h.sequelize, code, '2026-05-31')).to.equal(null);
    await h.sequelize.transaction((t) => assertProgrammeOpen(h.sequelize, code, '2026-05-31', t));
    expect(await refusalOf(h.sequelize.transaction((t) => assertProgrammeOpen(h.sequelize, code, ON, t)))).to.equal(
      '409 budget_exhausted closing_date_passed',
    );
    expect(await placesLeft(h.sequelize, code, ON)).to.equal(0);
  });

  it('when the programme year starts in April, then places count per account year', () => {
    expect(programmeYearOf('2026-03-31', 4).start).to.equal('2025-04-01');
    expect(programmeYearOf('2026-04-01', 4).start).to.equal('2026-04-01');
    expect(programmeYearOf('2026-12-31', 1).start).to.equal('2026-01-01');
  });

  describe('thresholds', () => {
    let admin: Actor;
    before(async () => {
      admin = await createActor(harness(), 'admin');
    });

    it('when commitments cross 80% and 95%, then administrators are told once each, and again after new funds', async () => {
      const h = harness();
      const code = await createTestProgramme(h, { placesTarget: null, closingDate: null });
      const fund = (amount: string) =>
        fundBudget(h.sequelize, { code, amount: new Decimal(amount), note: 'test', businessDate: ON, actor: admin.principal });
      const charge = (amount: string) =>
        h.sequelize.transaction(async (t) => {
          const { budgetAccountId } = await openBudgetAccounts(h.sequelize, code, t);
          const commitments = await openAccount(
            h.sequelize,
            { ownerType: 'programme_commitments', ownerId: code, programmeCode: code, unit: 'GBP', mayGoNegative: false },
            t,
          );
          await postTransaction(
            h.sequelize,
            {
              kind: 'grant',
              businessDate: ON,
              entries: [
                { accountId: budgetAccountId, amount: new Decimal(amount).negated() },
                { accountId: commitments, amount: new Decimal(amount) },
              ],
            },
            t,
          );
          return afterBudgetCharge(h.sequelize, code, t);
        });
      await fund('100.00');
      expect(await charge('79.99')).to.deep.equal([]);
      expect(await charge('0.01')).to.deep.equal([80]);
      expect(await charge('10.00')).to.deep.equal([]);
      expect(await Promise.all([charge('2.50'), charge('2.50')])).to.have.deep.members([[95], []]);
      await fund('100.00'); // 95 of 200: the alerts of the new funding level are armed again
      expect(await charge('65.00')).to.deep.equal([80]);
      const res = await h.http.get('/v1/me/notifications?limit=500').set(admin.auth).expect(200);
      const alerts = res.body.items.filter((item: { data: { programme?: string } }) => item.data.programme === code);
      expect(alerts.map((item: { data: { threshold: number; total: string } }) => [item.data.threshold, item.data.total])).to.deep.equal([
        [80, '200.00'],
        [95, '100.00'],
        [80, '100.00'],
      ]);
      expect(alerts[0]).to.include({ kind: 'budget_threshold', audience: 'admin' });
    });
  });
});
