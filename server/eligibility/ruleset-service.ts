// Administering rule sets: draft, edit (author only, drafts only), approve by a second
// administrator once the draft's own test cases pass. Every change is audited in its transaction.
// Past dates are refused: decisions already made under the rules in force must stay explainable.
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { conflict, forbidden, notFound, RuleViolation } from '../errors.js';
import { findProgramme } from '../programmes/programmes.js';
import { decodeCursorAs, toPage } from '../shared/pagination.js';
import { z } from 'zod';
import { compiledRuleSet } from './compiled-rule-set.js';
import { validateRuleSet } from './rule-schema.js';
import {
  effectiveDateTaken,
  findRuleSet,
  insertRuleSet,
  listRuleSets,
  lockProgramme,
  markApproved,
  supersedePredecessor,
  toRecord,
  updateDraft,
  type RuleSetContent,
  type RuleSetRow,
} from './ruleset-store.js';
import { runTestCases, summarise, validateTestCases, type TestCase } from './test-cases.js';

export type RuleSetInput = {
  rules: unknown[];
  parameters: Record<string, unknown>;
  effectiveFrom: string;
  note?: string | undefined;
  testCases?: unknown[] | undefined;
};

function summaryOf(row: RuleSetRow) {
  return {
    id: row.id,
    programme: row.programme_code,
    version: row.version,
    state: row.state,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    note: row.note,
    authorId: row.author_id,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function detailOf(row: RuleSetRow) {
  const results = await runTestCases(compiledRuleSet(toRecord(row)), row.test_cases);
  return { ...summaryOf(row), rules: row.rules, parameters: row.parameters, testCases: row.test_cases, testResults: summarise(results) };
}

// The list is keyed on the version, an int column: a fraction or a huge number would fail its cast.
const versionKey = z.tuple([z.number().int().min(1).max(2_147_483_647)]);

/** A programme's versions, newest first, a page at a time. 404 for an unknown programme. */
export async function listRuleSetVersions(app: AppContext, code: string, page: { limit: number; cursor?: string | undefined }) {
  if (!(await findProgramme(app.sequelize, code))) throw notFound(`Programme ${code}`);
  const before = decodeCursorAs(page.cursor, versionKey)?.[0];
  const rows = await listRuleSets(app.sequelize, code, { beforeVersion: before, limit: page.limit + 1 });
  return toPage(rows, page.limit, (row) => [row.version], summaryOf);
}

/** One rule set with its test results. */
export async function readRuleSet(app: AppContext, id: string) {
  const row = await findRuleSet(app.sequelize, id);
  if (!row) throw notFound('Rule set');
  return detailOf(row);
}

function checkContent(app: AppContext, input: RuleSetInput): RuleSetContent {
  const errors = [...validateRuleSet(input), ...validateTestCases(input.testCases ?? [])];
  if (errors.length > 0) throw new RuleViolation('invalid_ruleset', 'The rule set is not valid; see errors for where.', { errors });
  checkEffectiveDate(app, input.effectiveFrom);
  return {
    rules: input.rules,
    parameters: input.parameters,
    testCases: input.testCases ?? [],
    effectiveFrom: input.effectiveFrom,
    note: input.note ?? null,
  };
}

function checkEffectiveDate(app: AppContext, effectiveFrom: string) {
  if (effectiveFrom < app.clock.today()) {
    throw new RuleViolation('effective_date_in_past', 'A rule set can only take effect from today or a later date.', {
      errors: [{ path: '/effectiveFrom', message: `must be ${app.clock.today()} or later` }],
    });
  }
}

async function reload(app: AppContext, id: string, transaction: Transaction) {
  const row = await findRuleSet(app.sequelize, id, { transaction });
  if (!row) throw new Error(`rule set ${id} vanished inside its transaction`);
  return row;
}

export async function draftRuleSet(app: AppContext, actor: Principal, code: string, input: RuleSetInput, requestId: string) {
  const content = checkContent(app, input);
  return app.sequelize.transaction(async (transaction) => {
    if (!(await lockProgramme(app.sequelize, code, transaction))) throw notFound(`Programme ${code}`);
    const id = await insertRuleSet(
      app.sequelize,
      { ...content, programmeCode: code, authorId: actor.userId, approved: false },
      transaction,
    );
    const row = await reload(app, id, transaction);
    await recordAudit(app.sequelize, transaction, {
      actor,
      action: 'ruleset.drafted',
      entityType: 'rule_set',
      entityId: id,
      before: null,
      after: summaryOf(row),
      requestId,
    });
    return detailOf(row);
  });
}

export async function editRuleSet(app: AppContext, actor: Principal, id: string, input: RuleSetInput, requestId: string) {
  return app.sequelize.transaction(async (transaction) => {
    const before = await findRuleSet(app.sequelize, id, { transaction, lock: true });
    if (!before) throw notFound('Rule set');
    if (before.author_id !== actor.userId) throw forbidden('Only the author of a draft may edit it.', 'not_author');
    if (before.state !== 'draft')
      throw conflict('ruleset_not_draft', `Rule set version ${before.version} is ${before.state}; only drafts can be edited.`);
    const content = checkContent(app, input);
    await updateDraft(app.sequelize, id, content, transaction);
    const after = await reload(app, id, transaction);
    await recordAudit(app.sequelize, transaction, {
      actor,
      action: 'ruleset.edited',
      entityType: 'rule_set',
      entityId: id,
      before: { ...summaryOf(before), rules: before.rules, parameters: before.parameters },
      after: { ...summaryOf(after), rules: after.rules, parameters: after.parameters },
      requestId,
    });
    return detailOf(after);
  });
}

export async function approveRuleSet(app: AppContext, actor: Principal, id: string, requestId: string) {
  return app.sequelize.transaction(async (transaction) => {
    const found = await findRuleSet(app.sequelize, id, { transaction });
    if (!found) throw notFound('Rule set');
    await lockProgramme(app.sequelize, found.programme_code, transaction);
    const draft = (await findRuleSet(app.sequelize, id, { transaction, lock: true }))!;
    if (draft.state !== 'draft') throw conflict('ruleset_not_draft', `Rule set version ${draft.version} is already ${draft.state}.`);
    if (draft.author_id === actor.userId)
      throw forbidden('A rule set must be approved by an administrator other than its author.', 'four_eyes_required');
    checkEffectiveDate(app, draft.effective_from);
    await checkTestCases(draft);
    if (await effectiveDateTaken(app.sequelize, draft.programme_code, draft.effective_from, transaction)) {
      throw conflict(
        'effective_date_taken',
        `An approved rule set of ${draft.programme_code} already takes effect on ${draft.effective_from}.`,
      );
    }
    await markApproved(app.sequelize, id, actor.userId, transaction);
    const superseded = await supersedePredecessor(app.sequelize, draft.programme_code, draft.effective_from, transaction);
    if (superseded) {
      await recordAudit(app.sequelize, transaction, {
        actor,
        action: 'ruleset.superseded',
        entityType: 'rule_set',
        entityId: superseded.id,
        before: { state: 'approved' },
        after: { state: 'superseded', endsOn: draft.effective_from, by: id },
        requestId,
      });
    }
    const approved = await reload(app, id, transaction);
    await recordAudit(app.sequelize, transaction, {
      actor,
      action: 'ruleset.approved',
      entityType: 'rule_set',
      entityId: id,
      before: summaryOf(draft),
      after: summaryOf(approved),
      requestId,
    });
    return detailOf(approved);
  });
}

async function checkTestCases(draft: RuleSetRow) {
  const cases: TestCase[] = draft.test_cases;
  if (cases.length === 0)
    throw new RuleViolation('test_cases_missing', 'A rule set needs test cases (facts in, decision out) before it can be approved.');
  const summary = summarise(await runTestCases(compiledRuleSet(toRecord(draft)), cases));
  if (summary.passed < summary.total) {
    throw new RuleViolation(
      'test_cases_failed',
      `${summary.total - summary.passed} of ${summary.total} test cases fail; fix the draft or its cases first.`,
      {
        failures: summary.failures,
      },
    );
  }
}
