// A lottery window's draw (issue 15, point 6; the STAP lesson): 100,000 eligible citizens entered
// one window of a course grant programme opened for the bench as an administrator would (opening
// approved by a second administrator, rule set drafted and approved, budget funded). The entries
// are inserted in bulk with SQL (set-up, not measured: an entry is a claim like any other); what is
// measured is the draw: the seed recorded, 100,000 entries ranked by it, winners funded in that
// order as applications (place, grant, hold) exactly to the window's budget, and every entry's
// outcome written. Courses at four prices, so the pass-over rule (an entry dearer than what is left
// is passed over, a later cheaper one still funded) is exercised. Checked: the funded total equals
// the budget, or no entry left undrawn would have fitted in what is left; the draw computed again
// from its seed matches what was recorded; the ledger verifies at the end of the run.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { pino } from 'pino';
import type { Sequelize } from 'sequelize';
import type { AppContext } from '../../server/app-context.js';
import { systemClock } from '../../server/app-context.js';
import { readDraw } from '../../server/applications/windows/window-draw-read.js';
import { drawWindow } from '../../server/applications/windows/window-draw.js';
import { accountsChangeAppliers } from '../../server/accounts/accounts.js';
import { approveChange } from '../../server/approvals/approval-service.js';
import type { Principal } from '../../server/auth/principal.js';
import { insertUser } from '../../server/auth/user-store.js';
import { queryRows } from '../../server/db/database.js';
import { approveRuleSet, draftRuleSet } from '../../server/eligibility/ruleset-service.js';
import { fundBudget } from '../../server/programmes/budget-service.js';
import { requestOpening } from '../../server/programmes/programme-opening.js';
import { programmeChangeAppliers } from '../../server/programmes/programmes.js';
import { settlementChangeAppliers } from '../../server/settlement/settlement.js';
import { addDays } from '../../server/shared/calendar.js';
import { benchCentre, benchCourse } from '../lib/actors.js';
import { cpuText, fmt, type Section } from '../lib/context.js';
import { belgianPerson, insertCitizens } from '../lib/population.js';

const CODE = 'BENCHLOT';
const WINDOW = 'bench';
const APPLICANTS = 100_000;
const BUDGET = new Decimal('1000000.00');
/** Funded up to the yearly maximum of 1,000.00: 200, 450, 800 and 1,000. */
const PRICES = ['200.00', '450.00', '800.00', '1200.00'];

async function administrator(sequelize: Sequelize, label: string): Promise<Principal> {
  const email = `admin.${label}.${randomUUID()}@bench.example`;
  const user = await insertUser(sequelize, { email, passwordHash: null, name: `Bench ${label}`, role: 'admin' });
  return { userId: user.id, role: 'admin', email, centreId: null, citizenId: null };
}

/**
 * The programme with one lottery window closing today (the service's scheduler would draw one that
 * closed before today on its own, before the bench could measure it), its rules approved and its
 * budget funded.
 */
async function openLotteryProgramme(app: AppContext, today: string) {
  const [author, approver] = [await administrator(app.sequelize, 'author'), await administrator(app.sequelize, 'approver')];
  const requestId = `bench:${randomUUID()}`;
  const window = {
    id: WINDOW,
    opensOn: addDays(today, -30),
    closesOn: today,
    budget: BUDGET.toFixed(2),
    allocation: 'lottery',
  };
  const opening = await requestOpening(app, author, {
    code: CODE,
    kind: 'course_grant',
    names: { en: 'Bench learning budget', nl: 'Bench-leerbudget' },
    currency: 'EUR',
    effectiveFrom: today,
    values: {
      yearlyMaximum: '1000.00',
      verificationWeeks: 4,
      accountYearStartMonth: 1,
      placesTarget: null,
      closingDate: null,
      windows: [window],
    },
    note: 'bench',
    requestId,
  });
  await app.sequelize.transaction((t) =>
    approveChange(
      { app, actor: approver, id: opening.id, requestId },
      { ...programmeChangeAppliers, ...settlementChangeAppliers, ...accountsChangeAppliers },
      t,
    ),
  );
  const adults = {
    name: 'aged 18 or over',
    conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }] },
    event: {
      type: 'requirement',
      params: { code: 'too_young', message: { en: 'You must be 18 or over.', nl: 'Je moet 18 of ouder zijn.' } },
    },
  };
  const testCases = [{ name: 'an adult', referenceDate: today, facts: { birthDate: '1980-01-01' }, expected: { eligible: true } }];
  const draft = await draftRuleSet(app, author, CODE, { rules: [adults], parameters: {}, effectiveFrom: today, testCases }, requestId);
  await approveRuleSet(app, approver, draft.id, requestId);
  await fundBudget(app.sequelize, {
    code: CODE,
    amount: BUDGET,
    note: 'bench: the lottery window',
    businessDate: today,
    actor: { userId: null, role: 'system' },
  });
  return { ruleSetId: draft.id, admin: approver };
}

/** Every citizen's entry, each with its own eligible decision, in one statement. */
async function insertEntries(
  sequelize: Sequelize,
  citizenIds: string[],
  courses: { id: string; centreId: string; price: string }[],
  ruleSetId: string,
  today: string,
) {
  await queryRows(
    sequelize,
    `WITH entrant AS (
       SELECT c.id AS citizen_id, gen_random_uuid() AS decision_id, (c.i - 1) % cardinality($2::uuid[]) + 1 AS k
       FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, i)),
     decided AS (
       INSERT INTO decisions (id, citizen_id, programme_code, reference_date, eligible, reasons, facts, rule_set_id)
       SELECT decision_id, citizen_id, $5, $6::date, true, '[]'::jsonb, '{}'::jsonb, $7::uuid FROM entrant RETURNING id)
     INSERT INTO window_entries (programme_code, window_id, citizen_id, decision_id, centre_id, course_id, account_year, period_start,
                                 period_end, course_price, funded_amount, learner_part, currency, entered_on)
     SELECT $5, $8, e.citizen_id, e.decision_id, ($3::uuid[])[e.k], ($2::uuid[])[e.k], extract(year FROM $6::date)::integer,
            date_trunc('year', $6::date)::date, (date_trunc('year', $6::date) + interval '1 year - 1 day')::date,
            ($4::numeric[])[e.k], LEAST(($4::numeric[])[e.k], 1000), ($4::numeric[])[e.k] - LEAST(($4::numeric[])[e.k], 1000), 'EUR',
            $6::date - 10
     FROM entrant e JOIN decided d ON d.id = e.decision_id`,
    [
      citizenIds,
      courses.map((course) => course.id),
      courses.map((course) => course.centreId),
      courses.map((course) => course.price),
      CODE,
      today,
      ruleSetId,
      WINDOW,
    ],
  );
}

export const lotterySection: Section = {
  name: 'lottery',
  run: async (context) => {
    const { sequelize, today } = context;
    const app: AppContext = { sequelize, config: context.service.config, clock: systemClock, logger: pino({ level: 'silent' }) };
    const { ruleSetId } = await openLotteryProgramme(app, today);
    const provider = await benchCentre(sequelize, context.service.config, CODE, today);
    const courses = [];
    for (const price of PRICES) courses.push({ id: await benchCourse(sequelize, provider.id, CODE, price), centreId: provider.id, price });
    const people = Array.from({ length: APPLICANTS }, () => belgianPerson({ birthDate: '1980-01-01' }));
    const citizens = await insertCitizens(sequelize, context.service.config, 'lottery', people, today);
    await insertEntries(
      sequelize,
      citizens.map((citizen) => citizen.citizenId),
      courses,
      ruleSetId,
      today,
    );
    context.print(
      `  (set-up: ${APPLICANTS} entries in one lottery window inserted with SQL; window budget EUR ${BUDGET.toFixed(2)}; courses funded at ${PRICES.map((p) => Decimal.min(p, 1000).toFixed(0)).join('/')})`,
    );

    await context.settle();
    const cpu = context.cpu();
    const started = performance.now();
    // Drawn as the scheduler would draw it tomorrow, the first day after the window.
    const drawn = await drawWindow(app, { programmeCode: CODE, windowId: WINDOW, today: addDays(today, 1), userId: null });
    const seconds = (performance.now() - started) / 1000;
    const split = cpu();
    if (!drawn) throw new Error('the window was drawn before the bench drew it');

    const readStarted = performance.now();
    const draw = await readDraw(app, CODE, WINDOW, { fromRank: 1, limit: 1 });
    const readSeconds = (performance.now() - readStarted) / 1000;
    const [left] = await queryRows<{ cheapest: string | null }>(
      sequelize,
      `SELECT min(funded_amount)::text AS cheapest FROM window_entries WHERE programme_code = $1 AND window_id = $2 AND status = 'not_drawn'`,
      [CODE, WINDOW],
    );
    const funded = new Decimal(draw.fundedTotal.amount);
    const rest = BUDGET.minus(funded);
    const exact = funded.eq(BUDGET) || (left?.cheapest !== null && rest.lt(left?.cheapest ?? '0'));
    context.print(
      `  draw: ${APPLICANTS} entries in ${fmt(seconds, 2)} s (${fmt(APPLICANTS / seconds)} entries/s); ${draw.winners} winners funded as applications`,
    );
    context.print(
      `  funded EUR ${funded.toFixed(2)} of EUR ${BUDGET.toFixed(2)} (EUR ${rest.toFixed(2)} left; cheapest entry not drawn EUR ${left?.cheapest ?? '-'})  exact=${exact ? 'yes' : 'NO'}`,
    );
    // CPU seconds of the draw, per side, as milliseconds: of the whole draw and per 1,000 entries.
    const ms = (scale: number) => ({ service: split.service * scale, database: split.database * scale, bench: split.bench * scale });
    context.print(`  cpu/draw: ${cpuText(ms(1000))}; cpu per 1,000 entries: ${cpuText(ms(1000 / (APPLICANTS / 1000)))}`);
    context.print(
      `  reproduced from the seed: ${draw.verification.reproduced ? 'yes' : 'NO'} (read and recomputed in ${fmt(readSeconds, 2)} s)`,
    );
    if (!exact || !draw.verification.reproduced) process.exitCode = 1;
  },
};
