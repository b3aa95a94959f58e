// Claims against accruing accounts (CPF-shaped) at 32 clients. A programme is opened for the bench
// the way an administrator opens one (a pending opening approved by a second administrator, a
// rule set drafted and approved), its budget funded with exactly what the accounts accrue, and
// 3,000 eligible citizens each open their account over HTTP (EUR 500 accrued: the set-up, not
// measured). Measured: every citizen claims a EUR 450 course (EUR 100 co-payment) twice at once, so
// the two claims race for the same account: one holds 350, the other the 150 left (the learner
// pays the rest). Exact
// to the cent: every claim funded, each account spent to exactly 0.00 and none below it, the
// budget spent to its last cent, and the ledger verified.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { pino } from 'pino';
import type { Sequelize } from 'sequelize';
import type { AppContext } from '../../server/app-context.js';
import { systemClock } from '../../server/app-context.js';
import { approveChange } from '../../server/approvals/approval-service.js';
import type { Principal } from '../../server/auth/principal.js';
import { insertUser } from '../../server/auth/user-store.js';
import type { Config } from '../../server/config.js';
import { queryRows } from '../../server/db/database.js';
import { approveRuleSet, draftRuleSet } from '../../server/eligibility/ruleset-service.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { programmeBudget } from '../../server/programmes/budget-read.js';
import { fundBudget } from '../../server/programmes/budget-service.js';
import { requestOpening } from '../../server/programmes/programme-opening.js';
import { programmeChangeAppliers } from '../../server/programmes/programmes.js';
import { accountsChangeAppliers } from '../../server/accounts/accounts.js';
import { settlementChangeAppliers } from '../../server/settlement/settlement.js';
import { benchCentre, benchCourse } from '../lib/actors.js';
import { cpuBound, cpuText, fmt, type BenchContext, type Section } from '../lib/context.js';
import { summarise } from '../lib/load.js';
import { belgianPerson, insertCitizens, type GeneratedCitizen } from '../lib/population.js';

const CODE = 'BENCHACC';
const CITIZENS = 3_000;
const CLIENTS = 32;
const ACCRUAL = new Decimal('500.00');
const PRICE = '450.00';

async function benchAdministrator(sequelize: Sequelize, label: string): Promise<Principal> {
  const email = `admin.${label}.${randomUUID()}@bench.example`;
  const user = await insertUser(sequelize, { email, passwordHash: null, name: `Bench ${label}`, role: 'admin' });
  return { userId: user.id, role: 'admin', email, centreId: null, citizenId: null };
}

/** The programme opened, its rules approved and its budget funded, each by the service a request would reach. */
async function openBenchProgramme(sequelize: Sequelize, config: Config, today: string) {
  const app: AppContext = { sequelize, config, clock: systemClock, logger: pino({ level: 'silent' }) };
  const [author, approver] = [await benchAdministrator(sequelize, 'author'), await benchAdministrator(sequelize, 'approver')];
  const requestId = `bench:${randomUUID()}`;
  const opening = await requestOpening(app, author, {
    code: CODE,
    kind: 'accruing_account',
    names: { en: 'Bench learning account', nl: 'Benchleerrekening' },
    currency: 'EUR',
    effectiveFrom: today,
    values: {
      yearlyAccrual: ACCRUAL.toFixed(2),
      ceiling: '5000.00',
      accountYearStartMonth: 1,
      boost: null,
      coPayment: '100.00',
      coPaymentExemptGroups: [],
      verificationWeeks: 4,
      placesTarget: null,
      closingDate: null,
    },
    note: 'bench',
    requestId,
  });
  const appliers = { ...programmeChangeAppliers, ...settlementChangeAppliers, ...accountsChangeAppliers };
  await sequelize.transaction((t) => approveChange({ app, actor: approver, id: opening.id, requestId }, appliers, t));
  const adults = {
    name: 'aged 18 or over',
    conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }] },
    event: {
      type: 'requirement',
      params: { code: 'too_young', message: { en: 'You must be 18 or over.', nl: 'Je moet 18 of ouder zijn.' } },
    },
  };
  const draft = await draftRuleSet(
    app,
    author,
    CODE,
    {
      rules: [adults],
      parameters: {},
      effectiveFrom: today,
      testCases: [{ name: 'an adult', referenceDate: today, facts: { birthDate: '1980-01-01' }, expected: { eligible: true } }],
    },
    requestId,
  );
  await approveRuleSet(app, approver, draft.id, requestId);
  await fundBudget(sequelize, {
    code: CODE,
    amount: ACCRUAL.times(CITIZENS),
    note: 'bench: one year of accrual for every account',
    businessDate: today,
    actor: { userId: null, role: 'system' },
  });
}

/** Every citizen sends `body` once, at CLIENTS at a time; the statuses counted. */
async function claimEach(context: BenchContext, queue: GeneratedCitizen[], body: Record<string, unknown>) {
  const outcomes = new Map<string, number>();
  const answers: { citizenId: string; latency: number; funded: string | undefined }[] = [];
  const pending = [...queue];
  const worker = async () => {
    for (let citizen = pending.pop(); citizen; citizen = pending.pop()) {
      const sent = performance.now();
      const answer = await context.http.post(`/v1/programmes/${CODE}/claims`, { token: citizen.token, idempotencyKey: randomUUID(), body });
      const reply = answer.body as { code?: string; application?: { fundedAmount?: { amount: string } } } | undefined;
      answers.push({ citizenId: citizen.citizenId, latency: performance.now() - sent, funded: reply?.application?.fundedAmount?.amount });
      const outcome = `${answer.status} ${reply?.code ?? ''}`.trim();
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  return { outcomes, answers };
}

export const accountsSection: Section = {
  name: 'accounts',
  run: async (context) => {
    const { sequelize } = context;
    await openBenchProgramme(sequelize, context.service.config, context.today);
    const provider = await benchCentre(sequelize, context.service.config, CODE, context.today);
    const courseId = await benchCourse(sequelize, provider.id, CODE, PRICE);
    const people = Array.from({ length: CITIZENS }, () => belgianPerson({ residenceCountry: 'BE', employmentStatus: 'employee' }));
    const citizens = await insertCitizens(sequelize, context.service.config, 'accounts', people, context.today);
    const opened = await claimEach(context, citizens, {});
    if (opened.outcomes.get('201') !== CITIZENS) throw new Error(`accounts not opened: ${JSON.stringify([...opened.outcomes])}`);
    context.print(
      `  (set-up: ${CITIZENS} accounts opened over HTTP with EUR ${ACCRUAL.toFixed(2)} each; a EUR ${PRICE} course, EUR 100 co-payment)`,
    );

    // Each citizen twice, side by side in the queue, so two clients take them at once.
    const queue = citizens.flatMap((citizen) => [citizen, citizen]);
    await context.settle();
    const cpu = context.cpu();
    const started = performance.now();
    const { outcomes, answers } = await claimEach(context, queue, { courseId });
    const seconds = (performance.now() - started) / 1000;
    const split = cpu();
    const claims = answers.length;
    const result = summarise(
      CLIENTS,
      answers.map((answer) => answer.latency),
      0,
      seconds,
    );
    const perClaim = {
      service: (split.service * 1000) / claims,
      database: (split.database * 1000) / claims,
      bench: (split.bench * 1000) / claims,
    };
    context.print(
      `  claims_per_s=${fmt(result.tps)}  p50=${fmt(result.p50, 1)}ms  p99=${fmt(result.p99, 1)}ms  (${claims} claims in ${fmt(seconds, 1)} s, ${CLIENTS} clients)`,
    );
    context.print(`  cpu/claim: ${cpuText(perClaim)}`);
    context.print(`    ${cpuBound(perClaim, CLIENTS)}`);
    context.print(`  outcomes: ${[...outcomes].map(([outcome, count]) => `${outcome}: ${count}`).join(', ')}`);

    const fundedBy = new Map<string, Decimal>();
    for (const answer of answers)
      fundedBy.set(answer.citizenId, (fundedBy.get(answer.citizenId) ?? new Decimal(0)).plus(answer.funded ?? '0'));
    const wrongAccounts = [...fundedBy.values()].filter((funded) => !funded.eq(ACCRUAL)).length;
    const [accounts] = await queryRows<{ below_zero: string; left: string | null; count: string }>(
      sequelize,
      `SELECT count(*) FILTER (WHERE balance - held < 0) AS below_zero, sum(balance - held) AS left, count(*) AS count
       FROM ledger_accounts WHERE programme_code = $1 AND owner_type = 'entitlement'`,
      [CODE],
    );
    const budget = await programmeBudget(sequelize, CODE);
    const verified = await verifyLedger(sequelize);
    const exact =
      outcomes.get('201') === claims &&
      wrongAccounts === 0 &&
      accounts?.count === String(CITIZENS) &&
      accounts.below_zero === '0' &&
      new Decimal(accounts.left ?? '0').eq(0) &&
      budget.remaining.eq(0) &&
      verified.ok;
    context.print(
      `  accounts: ${accounts?.count ?? 0}, below zero: ${accounts?.below_zero ?? '?'}, left in them: EUR ${new Decimal(accounts?.left ?? '0').toFixed(2)}, each funded EUR 500.00 over its two claims: ${wrongAccounts === 0}; budget left: EUR ${budget.remaining.toFixed(2)}; ledger verified: ${verified.ok}; ${exact ? 'EXACT' : 'NOT EXACT'}`,
    );
    if (!exact) process.exitCode = 1;
  },
};
