// Data access for rule sets. A version's effective window is not stored: it ends where the next
// approved version of the programme starts, so windows can never overlap or leave a gap.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { RuleSetRecord } from './compiled-rule-set.js';
import type { TestCase } from './test-cases.js';

export type RuleSetState = 'draft' | 'approved' | 'superseded';

export type RuleSetRow = {
  id: string;
  programme_code: string;
  version: number;
  state: RuleSetState;
  effective_from: string;
  effective_to: string | null;
  rules: unknown[];
  parameters: Record<string, unknown>;
  test_cases: TestCase[];
  note: string | null;
  author_id: string | null;
  approved_by: string | null;
  approved_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

export type RuleSetContent = {
  rules: unknown[];
  parameters: Record<string, unknown>;
  testCases: unknown[];
  effectiveFrom: string;
  note: string | null;
};

const SELECT = `
  SELECT r.*, CASE WHEN r.state = 'draft' THEN NULL ELSE (
    SELECT min(n.effective_from) FROM rule_sets n
    WHERE n.programme_code = r.programme_code AND n.state <> 'draft' AND n.effective_from > r.effective_from) END AS effective_to
  FROM rule_sets r`;

export const toRecord = (row: RuleSetRow): RuleSetRecord => ({
  id: row.id,
  programmeCode: row.programme_code,
  version: row.version,
  effectiveFrom: row.effective_from,
  rules: row.rules,
  parameters: row.parameters,
  revision: row.updated_at.toISOString(),
});

type Options = { transaction?: Transaction | undefined };

export async function findRuleSet(
  sequelize: Sequelize,
  id: string,
  options: Options & { lock?: boolean } = {},
): Promise<RuleSetRow | undefined> {
  const sql = options.lock
    ? `SELECT r.*, NULL::date AS effective_to FROM rule_sets r WHERE r.id = $1 FOR UPDATE`
    : `${SELECT} WHERE r.id = $1`;
  const [row] = await queryRows<RuleSetRow>(sequelize, sql, [id], options);
  return row;
}

/** The approved (or since superseded) version whose window holds `onDate`. */
export async function ruleSetInForce(
  sequelize: Sequelize,
  code: string,
  onDate: string,
  options: Options = {},
): Promise<RuleSetRow | undefined> {
  const [row] = await queryRows<RuleSetRow>(
    sequelize,
    `${SELECT} WHERE r.id = (SELECT id FROM rule_set_in_force($1, $2))`,
    [code, onDate],
    options,
  );
  return row;
}

export async function listRuleSets(
  sequelize: Sequelize,
  code: string,
  page: { beforeVersion: number | undefined; limit: number },
): Promise<RuleSetRow[]> {
  return queryRows<RuleSetRow>(
    sequelize,
    `${SELECT} WHERE r.programme_code = $1 AND ($2::int IS NULL OR r.version < $2) ORDER BY r.version DESC LIMIT $3`,
    [code, page.beforeVersion ?? null, page.limit],
  );
}

/** Serialises drafting and approval per programme (version numbers, non-overlapping dates). */
export async function lockProgramme(sequelize: Sequelize, code: string, transaction: Transaction): Promise<boolean> {
  const rows = await queryRows(sequelize, `SELECT code FROM programmes WHERE code = $1 FOR UPDATE`, [code], { transaction });
  return rows.length > 0;
}

export async function insertRuleSet(
  sequelize: Sequelize,
  input: RuleSetContent & { programmeCode: string; authorId: string | null; approved: boolean },
  transaction: Transaction,
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO rule_sets (programme_code, version, state, effective_from, rules, parameters, test_cases, note, author_id, approved_at)
     SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9 FROM rule_sets WHERE programme_code = $1
     RETURNING id`,
    [
      input.programmeCode,
      input.approved ? 'approved' : 'draft',
      input.effectiveFrom,
      JSON.stringify(input.rules),
      JSON.stringify(input.parameters),
      JSON.stringify(input.testCases),
      input.note,
      input.authorId,
      input.approved ? new Date() : null,
    ],
    { transaction },
  );
  if (!row) throw new Error('rule set insert returned nothing');
  return row.id;
}

export async function updateDraft(sequelize: Sequelize, id: string, content: RuleSetContent, transaction: Transaction): Promise<void> {
  await queryRows(
    sequelize,
    `UPDATE rule_sets SET rules = $2::jsonb, parameters = $3::jsonb, test_cases = $4::jsonb, effective_from = $5, note = $6,
       updated_at = clock_timestamp() WHERE id = $1 AND state = 'draft'`,
    [
      id,
      JSON.stringify(content.rules),
      JSON.stringify(content.parameters),
      JSON.stringify(content.testCases),
      content.effectiveFrom,
      content.note,
    ],
    { transaction },
  );
}

export async function markApproved(sequelize: Sequelize, id: string, approverId: string, transaction: Transaction): Promise<void> {
  await queryRows(
    sequelize,
    `UPDATE rule_sets SET state = 'approved', approved_by = $2, approved_at = now(), updated_at = clock_timestamp() WHERE id = $1`,
    [id, approverId],
    {
      transaction,
    },
  );
}

/** The version in force just before `effectiveFrom` ends there: it becomes superseded. */
export async function supersedePredecessor(
  sequelize: Sequelize,
  code: string,
  effectiveFrom: string,
  transaction: Transaction,
): Promise<RuleSetRow | undefined> {
  const [row] = await queryRows<RuleSetRow>(
    sequelize,
    `UPDATE rule_sets SET state = 'superseded' WHERE id = (
       SELECT id FROM rule_set_in_force($1, $2::date - 1) WHERE state = 'approved')
     RETURNING *, NULL::date AS effective_to`,
    [code, effectiveFrom],
    { transaction },
  );
  return row;
}

export async function effectiveDateTaken(
  sequelize: Sequelize,
  code: string,
  effectiveFrom: string,
  transaction: Transaction,
): Promise<boolean> {
  const rows = await queryRows(
    sequelize,
    `SELECT 1 FROM rule_sets WHERE programme_code = $1 AND effective_from = $2 AND state <> 'draft'`,
    [code, effectiveFrom],
    { transaction },
  );
  return rows.length > 0;
}
