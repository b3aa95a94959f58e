// Decisions are stored once, with their reasons (in both languages), the rule set used and the
// facts snapshot; the table is append-only.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
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

export type NewDecision = {
  decisionId: string;
  citizenId: string;
  programme: string;
  referenceDate: string;
  eligible: boolean;
  reasons: Reason[];
  facts: FactValues;
  ruleSet: { id: string };
  nextEligibleOn: string | null;
  createdBy: string | null;
};

export async function insertDecision(sequelize: Sequelize, decision: NewDecision, transaction?: Transaction): Promise<{ id: string; createdAt: Date }> {
  const [row] = await queryRows<{ id: string; created_at: Date }>(
    sequelize,
    `INSERT INTO decisions (id, citizen_id, programme_code, reference_date, eligible, reasons, facts, rule_set_id, next_eligible_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10) RETURNING id, created_at`,
    [
      decision.decisionId,
      decision.citizenId,
      decision.programme,
      decision.referenceDate,
      decision.eligible,
      JSON.stringify(decision.reasons),
      JSON.stringify(decision.facts),
      decision.ruleSet.id,
      decision.nextEligibleOn,
      decision.createdBy,
    ],
    { transaction },
  );
  if (!row) throw new Error('decision insert returned nothing');
  return { id: row.id, createdAt: row.created_at };
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
