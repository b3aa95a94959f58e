// Decisions are stored once, with their reasons (in both languages), the rule set used and the
// facts snapshot; the table is append-only. Decisions made at the same time are stored together.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { batcherPerDatabase } from '../db/natural-batch.js';
import type { Reason } from './evaluate.js';
import type { FactValues } from './fact-registry.js';

export type DecisionRow = {
  id: string;
  citizen_id: string;
  programme_code: string;
  reference_date: string;
  eligible: boolean;
  reasons: Reason[];
  facts: FactValues;
  rule_set_id: string;
  rule_set_version: number;
  next_eligible_on: string | null;
  created_at: Date;
  created_by: string | null;
};

/** A decision as evaluated, before it is stored: everything but the time it is stored at. */
export type DecisionDraft = {
  decisionId: string;
  citizenId: string;
  programme: string;
  referenceDate: string;
  eligible: boolean;
  /** With their messages in every language, as stored; a view picks one. */
  reasons: Reason[];
  ruleSet: { id: string; version: number };
  nextEligibleOn: string | null;
  /** The groups the citizen's rules put them in; present when the rule set defines groups. */
  groups?: string[];
};

export type NewDecision = DecisionDraft & { facts: FactValues; createdBy: string | null };

type Stored = { id: string; createdAt: Date };

/** Stores decisions in one statement (eligibility_record_decisions, one round trip); answers in their order. */
export async function insertDecisions(sequelize: Sequelize, decisions: NewDecision[], transaction?: Transaction): Promise<Stored[]> {
  const rows = await queryRows<{ id: string; created_at: Date }>(
    sequelize,
    `SELECT id, created_at FROM eligibility_record_decisions($1::jsonb)`,
    [JSON.stringify(decisions)],
    { transaction },
  );
  const stored = new Map(rows.map((row) => [row.id, row.created_at]));
  return decisions.map((decision) => {
    const createdAt = stored.get(decision.decisionId);
    if (!createdAt) throw new Error(`decision ${decision.decisionId} was not stored`);
    return { id: decision.decisionId, createdAt };
  });
}

const storeTogether = batcherPerDatabase((sequelize: Sequelize, decisions: NewDecision[]) => insertDecisions(sequelize, decisions), 100);

/**
 * Stores one decision: in the caller's transaction when given (a claim), otherwise together with
 * the other decisions stored at the same time (append-only rows, so a batch waits for no lock).
 */
export async function insertDecision(sequelize: Sequelize, decision: NewDecision, transaction?: Transaction): Promise<Stored> {
  if (transaction) return (await insertDecisions(sequelize, [decision], transaction))[0]!;
  return storeTogether(sequelize, decision);
}

export async function findDecision(sequelize: Sequelize, id: string, transaction?: Transaction): Promise<DecisionRow | undefined> {
  const [row] = await queryRows<DecisionRow>(
    sequelize,
    `SELECT d.*, r.version AS rule_set_version FROM decisions d JOIN rule_sets r ON r.id = d.rule_set_id WHERE d.id = $1`,
    [id],
    { transaction },
  );
  return row;
}
