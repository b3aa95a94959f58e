// Data access for rule sets, through the RuleSet model (rule-set-model.ts); answers are plain
// objects in the row shape the eligibility services read. A version's effective window is not
// stored: it ends where the next approved version of the programme starts, so windows can never
// overlap or leave a gap. Which version is in force on a date is the database's rule
// (rule_set_in_force), the same one its own functions use.
import { literal, Op, type Sequelize, type Transaction } from 'sequelize';
import { modelsOf } from '../db/models.js';
import type { RuleSetRecord } from './compiled-rule-set.js';
import type { RuleSetAttributes, RuleSetState } from './rule-set-model.js';
import type { TestCase } from './test-cases.js';

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

/** Where a version's window ends: the next non-draft version's start (none for a draft). */
const EFFECTIVE_TO = literal(`CASE WHEN "RuleSet".state = 'draft' THEN NULL ELSE (
    SELECT min(n.effective_from) FROM rule_sets n
    WHERE n.programme_code = "RuleSet".programme_code AND n.state <> 'draft' AND n.effective_from > "RuleSet".effective_from) END`);
const WITH_WINDOW = { include: [[EFFECTIVE_TO, 'effectiveTo']] as [typeof EFFECTIVE_TO, string][] };

const toRow = (record: RuleSetAttributes & { effectiveTo?: string | null }): RuleSetRow => ({
  id: record.id,
  programme_code: record.programmeCode,
  version: record.version,
  state: record.state,
  effective_from: record.effectiveFrom,
  effective_to: record.effectiveTo ?? null,
  rules: record.rules,
  parameters: record.parameters,
  test_cases: record.testCases,
  note: record.note,
  author_id: record.authorId,
  approved_by: record.approvedBy,
  approved_at: record.approvedAt,
  created_at: record.createdAt,
  updated_at: record.updatedAt,
});

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

/** With `lock`, the row is held until the transaction ends and its window is not read (null). */
export async function findRuleSet(
  sequelize: Sequelize,
  id: string,
  options: Options & { lock?: boolean } = {},
): Promise<RuleSetRow | undefined> {
  const { RuleSet } = modelsOf(sequelize);
  const row = await RuleSet.findByPk(id, {
    transaction: options.transaction,
    ...(options.lock && options.transaction ? { lock: options.transaction.LOCK.UPDATE } : { attributes: WITH_WINDOW }),
  });
  return row ? toRow(row.get({ plain: true })) : undefined;
}

/** The approved (or since superseded) version whose window holds `onDate`. */
export async function ruleSetInForce(
  sequelize: Sequelize,
  code: string,
  onDate: string,
  options: Options = {},
): Promise<RuleSetRow | undefined> {
  const row = await modelsOf(sequelize).RuleSet.findOne({
    attributes: WITH_WINDOW,
    where: { id: { [Op.eq]: inForce(sequelize, code, onDate) } },
    transaction: options.transaction,
  });
  return row ? toRow(row.get({ plain: true })) : undefined;
}

const inForce = (sequelize: Sequelize, code: string, onDate: string) =>
  literal(`(SELECT id FROM rule_set_in_force(${sequelize.escape(code)}, ${sequelize.escape(onDate)}::date))`);

export async function listRuleSets(
  sequelize: Sequelize,
  code: string,
  page: { beforeVersion: number | undefined; limit: number },
): Promise<RuleSetRow[]> {
  const rows = await modelsOf(sequelize).RuleSet.findAll({
    attributes: WITH_WINDOW,
    where: { programmeCode: code, ...(page.beforeVersion === undefined ? {} : { version: { [Op.lt]: page.beforeVersion } }) },
    order: [['version', 'DESC']],
    limit: page.limit,
  });
  return rows.map((row) => toRow(row.get({ plain: true })));
}

/** Serialises drafting and approval per programme (version numbers, non-overlapping dates). */
export async function lockProgramme(sequelize: Sequelize, code: string, transaction: Transaction): Promise<boolean> {
  const row = await modelsOf(sequelize).Programme.findByPk(code, { attributes: ['code'], transaction, lock: transaction.LOCK.UPDATE });
  return row !== null;
}

/** The programme's next version number; call with the programme locked (lockProgramme). */
export async function insertRuleSet(
  sequelize: Sequelize,
  input: RuleSetContent & { programmeCode: string; authorId: string | null; approved: boolean },
  transaction: Transaction,
): Promise<string> {
  const { RuleSet } = modelsOf(sequelize);
  const last = await RuleSet.max<number | null, InstanceType<typeof RuleSet>>('version', {
    where: { programmeCode: input.programmeCode },
    transaction,
  });
  const created = await RuleSet.create(
    {
      programmeCode: input.programmeCode,
      version: (last ?? 0) + 1,
      state: input.approved ? 'approved' : 'draft',
      effectiveFrom: input.effectiveFrom,
      rules: input.rules,
      parameters: input.parameters,
      testCases: input.testCases as TestCase[],
      note: input.note,
      authorId: input.authorId,
      approvedAt: input.approved ? new Date() : null,
    },
    { transaction },
  );
  return created.get({ plain: true }).id;
}

export async function updateDraft(sequelize: Sequelize, id: string, content: RuleSetContent, transaction: Transaction): Promise<void> {
  await modelsOf(sequelize).RuleSet.update(
    {
      rules: content.rules,
      parameters: content.parameters,
      testCases: content.testCases as TestCase[],
      effectiveFrom: content.effectiveFrom,
      note: content.note,
      // A draft's revision: clock_timestamp, so two edits in one transaction differ.
      updatedAt: sequelize.fn('clock_timestamp'),
    },
    { where: { id, state: 'draft' }, transaction },
  );
}

export async function markApproved(sequelize: Sequelize, id: string, approverId: string, transaction: Transaction): Promise<void> {
  await modelsOf(sequelize).RuleSet.update(
    { state: 'approved', approvedBy: approverId, approvedAt: sequelize.fn('now'), updatedAt: sequelize.fn('clock_timestamp') },
    { where: { id }, transaction },
  );
}

/** The version in force just before `effectiveFrom` ends there: it becomes superseded. */
export async function supersedePredecessor(
  sequelize: Sequelize,
  code: string,
  effectiveFrom: string,
  transaction: Transaction,
): Promise<RuleSetRow | undefined> {
  const [, rows] = await modelsOf(sequelize).RuleSet.update(
    { state: 'superseded' },
    {
      where: {
        id: {
          [Op.eq]: literal(`(SELECT id FROM rule_set_in_force(${sequelize.escape(code)}, ${sequelize.escape(effectiveFrom)}::date - 1))`),
        },
        state: 'approved',
      },
      returning: true,
      transaction,
    },
  );
  const [row] = rows;
  return row ? toRow(row.get({ plain: true })) : undefined;
}

export async function effectiveDateTaken(
  sequelize: Sequelize,
  code: string,
  effectiveFrom: string,
  transaction: Transaction,
): Promise<boolean> {
  const row = await modelsOf(sequelize).RuleSet.findOne({
    attributes: ['id'],
    where: { programmeCode: code, effectiveFrom, state: { [Op.ne]: 'draft' } },
    transaction,
  });
  return row !== null;
}
