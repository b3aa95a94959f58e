// Gathers the base facts of a decision up front, in one query: the citizen's stored facts, the
// start of their latest right in the programme, and the programme's budget left. Decisions asked
// for at the same time share that query (natural batching). For simulations the facts query runs
// per batch of citizens.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { batcherPerDatabase } from '../db/natural-batch.js';
import { programmeBudget } from '../programmes/programmes.js';
import type { CompiledRuleSet } from './compiled-rule-set.js';
import { BASE_FACTS, type FactValues } from './fact-registry.js';

type FactRow = { id: string; facts: Record<string, unknown>; last_start: string | null };

/** SQL for the start of a citizen's latest right in a programme on or before a date. */
function lastStartOf(citizen: string, programme: string, date: string) {
  return `(SELECT max(e.period_start) FROM entitlements e WHERE e.citizen_id = ${citizen} AND e.programme_code = ${programme} AND e.period_start <= ${date})`;
}

const SELECT_FACTS = `SELECT c.id, c.facts, ${lastStartOf('c.id', '$1', '$2')} AS last_start FROM citizens c`;

function baseFacts(row: FactRow, shared: FactValues): FactValues {
  const base: FactValues = {};
  for (const name of BASE_FACTS) if (row.facts[name] !== undefined) base[name] = row.facts[name];
  base.lastEntitlementStart = row.last_start;
  return { ...base, ...shared };
}

/** Facts that are the same for every citizen of the programme at that moment (the budget). */
export async function sharedFacts(sequelize: Sequelize, ruleSet: CompiledRuleSet, transaction?: Transaction): Promise<FactValues> {
  if (!ruleSet.gathered.includes('budgetRemaining')) return {};
  return sharedFactsOf(ruleSet, (await programmeBudget(sequelize, ruleSet.programmeCode, transaction)).remaining);
}

/** The shared facts the rule set names, from a budget left already read. */
export const sharedFactsOf = (ruleSet: CompiledRuleSet, budgetRemaining: Decimal): FactValues =>
  ruleSet.gathered.includes('budgetRemaining') ? { budgetRemaining: budgetRemaining.toFixed(2) } : {};

export type DecisionInputs = {
  /** The approved rule set in force on the date (id and revision), if any. */
  ruleSet: { id: string; revision: string } | undefined;
  /** The citizen's base facts without the shared ones, if the citizen exists. */
  facts: FactValues | undefined;
  /** What the programme's budget has left now (the one shared fact), zero for an unknown programme. */
  budgetRemaining: Decimal;
};

export type InputsRequest = { programmeCode: string; referenceDate: string; citizenId: string };

type InputsRow = {
  rule_set_id: string | null;
  rule_set_updated_at: Date | null;
  id: string | null;
  facts: Record<string, unknown> | null;
  last_start: string | null;
  budget_remaining: string | null;
};

/**
 * The inputs of decisions, one row per request of the arrays $1 (programmes), $2 (reference
 * dates) and $3 (citizens), in request order: the approved rule set in force on the date, the
 * citizen's facts with the start of their latest right, and the programme's budget left. A claim
 * selects from it with what else it needs, in the same round trip.
 */
export const DECISION_INPUTS_SQL = `
  SELECT r.i, r.programme_code, r.reference_date, rs.id AS rule_set_id, rs.updated_at AS rule_set_updated_at, c.id, c.facts,
         ${lastStartOf('c.id', 'r.programme_code', 'r.reference_date')} AS last_start,
         (SELECT remaining FROM programme_budget_state(r.programme_code)) AS budget_remaining
  FROM unnest($1::text[], $2::date[], $3::uuid[]) WITH ORDINALITY AS r(programme_code, reference_date, citizen_id, i)
  LEFT JOIN LATERAL rule_set_in_force(r.programme_code, r.reference_date) rs ON true
  LEFT JOIN citizens c ON c.id = r.citizen_id`;

export const decisionInputsBinds = (requests: InputsRequest[]) => [
  requests.map((request) => request.programmeCode),
  requests.map((request) => request.referenceDate),
  requests.map((request) => request.citizenId),
];

export function decisionInputsOf(row: InputsRow | undefined): DecisionInputs {
  return {
    ruleSet:
      row?.rule_set_id && row.rule_set_updated_at ? { id: row.rule_set_id, revision: row.rule_set_updated_at.toISOString() } : undefined,
    facts: row?.id && row.facts ? baseFacts({ id: row.id, facts: row.facts, last_start: row.last_start }, {}) : undefined,
    budgetRemaining: new Decimal(row?.budget_remaining ?? 0),
  };
}

/** The inputs of several decisions in one round trip, in request order. */
export async function readDecisionInputs(
  sequelize: Sequelize,
  requests: InputsRequest[],
  transaction?: Transaction,
): Promise<DecisionInputs[]> {
  const rows = await queryRows<InputsRow & { i: string }>(sequelize, `${DECISION_INPUTS_SQL} ORDER BY r.i`, decisionInputsBinds(requests), {
    transaction,
  });
  return rows.map(decisionInputsOf);
}

const gatherTogether = batcherPerDatabase(
  (sequelize: Sequelize, requests: InputsRequest[]) => readDecisionInputs(sequelize, requests),
  100,
);

/**
 * The inputs of one decision. Inside a transaction (a claim) it is read there; otherwise it
 * goes with the other decisions being asked for at the same time, in one round trip.
 */
export async function gatherDecisionInputs(
  sequelize: Sequelize,
  request: InputsRequest,
  transaction?: Transaction,
): Promise<DecisionInputs> {
  if (transaction) return (await readDecisionInputs(sequelize, [request], transaction))[0]!;
  return gatherTogether(sequelize, request);
}

/** One batch of citizens in id order after `afterId`; an empty batch is the end. */
export async function gatherBatch(
  sequelize: Sequelize,
  page: { programmeCode: string; referenceDate: string; afterId: string | undefined; limit: number; shared: FactValues },
): Promise<{ id: string; facts: FactValues }[]> {
  const rows = await queryRows<FactRow>(sequelize, `${SELECT_FACTS} WHERE ($3::uuid IS NULL OR c.id > $3) ORDER BY c.id LIMIT $4`, [
    page.programmeCode,
    page.referenceDate,
    page.afterId ?? null,
    page.limit,
  ]);
  return rows.map((row) => ({ id: row.id, facts: baseFacts(row, page.shared) }));
}
