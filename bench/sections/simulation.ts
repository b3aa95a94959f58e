// A rule-set simulation over 100,000 generated citizens (POST /v1/rulesets/{id}/simulate): the
// draft raises the ITA employee income limit from GBP 22,000 to 25,000. Beside it, the bare
// engine runs the same two rule sets over the same facts in this process, without a database,
// so the ratio says what the batching and the database cost the simulation.
import { Decimal } from 'decimal.js';
import { compiledRuleSet } from '../../server/eligibility/compiled-rule-set.js';
import { evaluateRuleSet } from '../../server/eligibility/evaluate.js';
import { gatherBatch } from '../../server/eligibility/fact-store.js';
import { findRuleSet, toRecord } from '../../server/eligibility/ruleset-store.js';
import { programmeBudget } from '../../server/programmes/budget-read.js';
import { fundBudget } from '../../server/programmes/budget-service.js';
import { benchAdmin } from '../lib/actors.js';
import { fmt, type BenchContext, type Section } from '../lib/context.js';
import { expectStatus } from '../lib/http-client.js';
import { britishPerson, insertCitizens } from '../lib/population.js';

const POPULATION = 100_000;
const ENGINE_SAMPLE = 20_000;

/** A Scottish population around the income limit: employees, self-employed, jobseekers, students. */
function simulatedFacts(i: number, today: string) {
  const year = Number(today.slice(0, 4));
  const statuses = ['employee', 'employee', 'employee', 'self_employed', 'unemployed', 'student'] as const;
  const status = statuses[i % statuses.length]!;
  const evidenceDays = (i * 7) % 120;
  return {
    birthDate: `${1950 + (i % 60)}-0${1 + (i % 9)}-1${i % 10}`,
    residenceCountry: 'GB',
    residenceRegion: i % 10 === 9 ? 'ENG' : 'SCT',
    workRegion: 'SCT',
    employmentStatus: status,
    annualIncome: {
      amount: `${8000 + ((i * 37) % 24000)}.00`,
      currency: 'GBP',
      year: status === 'self_employed' ? year - 1 : year,
      evidenceDate: new Date(Date.parse(today) - evidenceDays * 86_400_000).toISOString().slice(0, 10),
    },
    benefits: i % 11 === 0 ? ['UC'] : [],
    inFullTimeEducation: status === 'student',
    inOtherFundedProgramme: i % 17 === 0,
  };
}

async function draftHigherLimit(context: BenchContext, admin: string): Promise<{ draftId: string; currentId: string }> {
  const { http } = context;
  const list = expectStatus(await http.get('/v1/programmes/ITA/rulesets', { token: admin }), 200, 'rule sets');
  const current = (list.items as { id: string; state: string }[]).find((item) => item.state === 'approved');
  if (!current) throw new Error('no approved ITA rule set');
  const detail = expectStatus(await http.get(`/v1/rulesets/${current.id}`, { token: admin }), 200, 'rule set');
  const effectiveFrom = new Date(Date.parse(context.today) + 30 * 86_400_000).toISOString().slice(0, 10);
  const body = {
    rules: detail.rules,
    parameters: { ...(detail.parameters as Record<string, unknown>), employeeIncomeBelow: '25000.00' },
    testCases: detail.testCases,
    effectiveFrom,
    note: 'bench: employee income limit GBP 25,000',
  };
  const draft = expectStatus(await http.post('/v1/programmes/ITA/rulesets', { token: admin, body }), 201, 'draft');
  return { draftId: String(draft.id), currentId: current.id };
}

/** Decisions per second of the bare engine over facts already in memory. */
async function bareEngine(context: BenchContext, draftId: string, currentId: string) {
  const load = async (id: string) => compiledRuleSet(toRecord((await findRuleSet(context.sequelize, id))!));
  const [draft, current] = [await load(draftId), await load(currentId)];
  const facts = await gatherBatch(context.sequelize, {
    programmeCode: 'ITA',
    referenceDate: context.today,
    afterId: undefined,
    limit: ENGINE_SAMPLE,
    shared: { budgetRemaining: '1000000.00' },
  });
  let started = performance.now();
  for (const citizen of facts) await evaluateRuleSet(draft, citizen.facts, context.today);
  const single = facts.length / ((performance.now() - started) / 1000);
  started = performance.now();
  for (const citizen of facts) {
    await evaluateRuleSet(draft, citizen.facts, context.today);
    await evaluateRuleSet(current, citizen.facts, context.today);
  }
  const compared = facts.length / ((performance.now() - started) / 1000);
  return { single, compared };
}

export const simulationSection: Section = {
  name: 'simulation',
  run: async (context) => {
    const started = performance.now();
    const people = Array.from({ length: POPULATION }, (_, i) => britishPerson(simulatedFacts(i, context.today)));
    await insertCitizens(context.sequelize, context.service.config, 'simulation', people, context.today);
    context.print(`  (set-up: ${POPULATION} citizens written in ${fmt((performance.now() - started) / 1000, 1)} s)`);
    // The ITA rules refuse everyone while the budget is empty; give it money for 1,000 places.
    if ((await programmeBudget(context.sequelize, 'ITA')).remaining.eq(0)) {
      await fundBudget(context.sequelize, {
        code: 'ITA',
        amount: new Decimal('200000.00'),
        note: 'bench: simulation',
        businessDate: context.today,
        actor: { userId: null, role: 'system' },
      });
    }
    const admin = await benchAdmin(context.sequelize, context.service.config, 'simulation');
    const { draftId, currentId } = await draftHigherLimit(context, admin);
    const simulationStarted = performance.now();
    const answer = expectStatus(await context.http.post(`/v1/rulesets/${draftId}/simulate`, { token: admin, body: {} }), 200, 'simulation');
    const seconds = (performance.now() - simulationStarted) / 1000;
    const evaluated = Number(answer.evaluated);
    const rate = evaluated / seconds;
    const engine = await bareEngine(context, draftId, currentId);
    context.figures.set('simulation_citizens_per_s', rate);
    context.print(
      `  simulation: ${evaluated} citizens in ${fmt(seconds, 1)} s = ${fmt(rate)} citizens/s (each evaluated with the draft and the rules in force)`,
    );
    context.print(
      `  newlyEligible=${String(answer.newlyEligible)}  newlyIneligible=${String(answer.newlyIneligible)}  eligibleNow=${String(answer.eligibleNow)}  eligibleWithDraft=${String(answer.eligibleWithDraft)}`,
    );
    context.print(
      `  bare engine, same process kind, no database: ${fmt(engine.single)} decisions/s with one rule set, ${fmt(engine.compared)} citizens/s with both`,
    );
    context.print(
      `  simulation/bare_engine=${fmt(rate / engine.single, 2)} (per decision)  simulation/bare_engine_both=${fmt(rate / engine.compared, 2)} (per citizen, the same work)`,
    );
  },
};
