// Gathers the base facts of a decision up front: the citizen's stored facts and the start of
// their latest right in the programme in one query, and the programme's budget left (one more
// read) only when the rule set names it. For simulations the same query runs per batch.
import type { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { programmeBudget } from '../programmes/budget-read.js';
import type { CompiledRuleSet } from './compiled-rule-set.js';
import { BASE_FACTS, type FactValues } from './fact-registry.js';

type FactRow = { id: string; facts: Record<string, unknown>; last_start: string | null };

const SELECT_FACTS = `
  SELECT c.id, c.facts, (
    SELECT max(e.period_start) FROM entitlements e
    WHERE e.citizen_id = c.id AND e.programme_code = $1 AND e.period_start <= $2) AS last_start
  FROM citizens c`;

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
};

type InputsRow = { rule_set_id: string | null; rule_set_updated_at: Date | null; id: string | null; facts: Record<string, unknown> | null; last_start: string | null };

/**
 * The inputs of a decision as two CTEs over $1 (programme), $2 (reference date) and $3 (citizen):
 * `rule_set`, the approved one in force on the date, and `citizen`, the facts with the start of
 * the latest right. A query selects DECISION_INPUT_COLUMNS from them (joined as r and citizen)
 * and hands the row to decisionInputsOf; a claim adds what else it needs to the same round trip.
 */
export const DECISION_INPUT_CTES = `
  rule_set AS (
    SELECT id, updated_at FROM rule_sets WHERE programme_code = $1 AND state <> 'draft' AND effective_from <= $2
    ORDER BY effective_from DESC LIMIT 1),
  citizen AS (${SELECT_FACTS} WHERE c.id = $3)`;
export const DECISION_INPUT_COLUMNS = 'r.id AS rule_set_id, r.updated_at AS rule_set_updated_at, citizen.id, citizen.facts, citizen.last_start';

export function decisionInputsOf(row: InputsRow | undefined): DecisionInputs {
  return {
    ruleSet: row?.rule_set_id && row.rule_set_updated_at ? { id: row.rule_set_id, revision: row.rule_set_updated_at.toISOString() } : undefined,
    facts: row?.id && row.facts ? baseFacts({ id: row.id, facts: row.facts, last_start: row.last_start }, {}) : undefined,
  };
}

/**
 * One round trip for a decision: which rule set is in force on the date, and the citizen's
 * facts with the start of their latest right. The rule set's content comes from the compiled
 * cache, or is read once per version.
 */
export async function gatherDecisionInputs(
  sequelize: Sequelize,
  request: { programmeCode: string; referenceDate: string; citizenId: string },
  transaction?: Transaction,
): Promise<DecisionInputs> {
  const [row] = await queryRows<InputsRow>(
    sequelize,
    `WITH ${DECISION_INPUT_CTES}
     SELECT ${DECISION_INPUT_COLUMNS} FROM (SELECT 1) AS one LEFT JOIN rule_set r ON true LEFT JOIN citizen ON true`,
    [request.programmeCode, request.referenceDate, request.citizenId],
    { transaction },
  );
  return decisionInputsOf(row);
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
