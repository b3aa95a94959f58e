// Rule sets for administrators and auditors (issue 18, point 4): each programme's versions with
// their state and dates, one version with its rules and test results, and for administrators a
// draft's editor (a form built from the rule structure, and the raw JSON), its simulation and its
// approval by a second administrator; any two versions side by side with what changed. Every
// page calls the rule set services of the API's /v1/programmes/:code/rulesets and /v1/rulesets
// routes; the auditor reads and never sees a form that changes anything.
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { STAFF_READERS, type Principal } from '../../../auth/principal.js';
import {
  approveRuleSet,
  compareRuleSets,
  draftRuleSet,
  editRuleSet,
  listRuleSetVersions,
  readRuleSet,
  ruleSetBody,
  simulateRuleSet,
} from '../../../eligibility/eligibility.js';
import { AppError, notFound, type FieldError } from '../../../errors.js';
import { describeProgrammes } from '../../../programmes/programmes.js';
import { addDays, isIsoDate } from '../../../shared/calendar.js';
import { fieldProblem, type FormErrors } from '../../form-errors.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import { definePage, type PageInput } from '../../page.js';
import { cursorNotIssued } from './admin-forms.js';
import {
  applyAction,
  applyForm,
  diffView,
  editorOf,
  errorsAt,
  FACT_NAMES,
  fieldIdsOf,
  OPERATOR_NAMES,
  readableRules,
  type Draft,
} from './rule-sets-view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Z][A-Z0-9_]{1,15}$/;
const DONE = ['saved', 'approved', 'drafted'] as const;
const PAGE_SIZE = 20;

type Detail = Awaited<ReturnType<typeof readRuleSet>>;

async function ruleSetOf(app: AppContext, id: string | undefined): Promise<Detail> {
  if (!id || !UUID.test(id)) throw notFound('Rule set');
  return readRuleSet(app, id);
}

const cursorOf = (query: PageInput<'public'>['query']) => (typeof query.cursor === 'string' ? query.cursor : undefined);
const form = (body: unknown) => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {});
const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? body[name].trim() : '');

/** Only a draft's author edits it; another administrator approves it. */
const editable = (ruleSet: Detail, user: Principal) =>
  ruleSet.state === 'draft' && user.role === 'admin' && ruleSet.authorId === user.userId;
const approvable = (ruleSet: Detail, user: Principal) =>
  ruleSet.state === 'draft' && user.role === 'admin' && ruleSet.authorId !== user.userId;

function authorOf(authorId: string | null, user: Principal, t: Translate) {
  if (authorId === null) return t('adminRules.author.system');
  return authorId === user.userId ? t('adminRules.author.you') : t('adminRules.author.other');
}

function summaryOf(ruleSet: Detail, user: Principal, t: Translate, format: Formats) {
  return {
    id: ruleSet.id,
    programme: ruleSet.programme,
    version: ruleSet.version,
    state: ruleSet.state,
    effectiveFrom: format.date(ruleSet.effectiveFrom),
    effectiveTo: ruleSet.effectiveTo ? format.date(ruleSet.effectiveTo) : undefined,
    note: ruleSet.note,
    author: authorOf(ruleSet.authorId, user, t),
    approvedOn: ruleSet.approvedAt ? format.date(ruleSet.approvedAt) : undefined,
    updatedOn: format.date(ruleSet.updatedAt),
  };
}

const draftOf = (ruleSet: Detail): Draft => ({
  rules: ruleSet.rules,
  parameters: ruleSet.parameters,
  testCases: ruleSet.testCases,
  effectiveFrom: ruleSet.effectiveFrom,
  note: ruleSet.note,
});

const dateFields = (iso: string) => ({
  day: iso.slice(8, 10).replace(/^0/, ''),
  month: iso.slice(5, 7).replace(/^0/, ''),
  year: iso.slice(0, 4),
});

/** The three date fields as YYYY-MM-DD, or undefined when they make no date. */
function dateOf(body: Record<string, unknown>, name: string): string | undefined {
  const part = (suffix: string, length: number) => text(body, `${name}-${suffix}`).padStart(length, '0');
  const iso = `${part('year', 4)}-${part('month', 2)}-${part('day', 2)}`;
  return isIsoDate(iso) ? iso : undefined;
}

const rawJsonOf = (draft: Draft) =>
  JSON.stringify(
    {
      effectiveFrom: draft.effectiveFrom,
      ...(draft.note ? { note: draft.note } : {}),
      rules: draft.rules,
      parameters: draft.parameters,
      testCases: draft.testCases,
    },
    null,
    2,
  );

type EditorState = { draft: Draft; date: { day: string; month: string; year: string }; note: string; json: string; errors?: FormErrors };

function renderEditor(input: PageInput<readonly ['admin']>, ruleSet: Detail, state: EditorState, status = 200) {
  const editor = editorOf(state.draft);
  input.render(
    'pages/admin/rule-sets/edit.njk',
    {
      ruleSet: summaryOf(ruleSet, input.user, input.t, input.format),
      editor,
      facts: FACT_NAMES,
      operators: OPERATOR_NAMES,
      parameterNames: Object.keys(state.draft.parameters),
      // The test cases are not in the form (the raw JSON edits them): the saved draft's stand.
      document: JSON.stringify({ rules: state.draft.rules, parameters: state.draft.parameters }),
      date: state.date,
      note: state.note,
      json: state.json,
      errors: state.errors,
    },
    status,
  );
}

/** The service's refusal of a draft as errors at its fields, or undefined for any other failure. */
function refusalOf(error: unknown): FieldError[] | undefined {
  if (!(error instanceof AppError) || error.status !== 422) return undefined;
  const errors = error.extra.errors;
  return Array.isArray(errors) ? (errors as FieldError[]) : [{ path: '', message: error.message }];
}

async function saveDraft(input: PageInput<readonly ['admin']>, ruleSet: Detail, draft: Draft): Promise<FieldError[] | undefined> {
  try {
    await editRuleSet(
      input.app,
      input.user,
      ruleSet.id,
      {
        rules: draft.rules,
        parameters: draft.parameters,
        testCases: draft.testCases,
        effectiveFrom: draft.effectiveFrom,
        note: draft.note ?? undefined,
      },
      input.requestId,
    );
    return undefined;
  } catch (error) {
    const refused = refusalOf(error);
    if (refused) return refused;
    throw error;
  }
}

const documentSchema = ruleSetBody.pick({ rules: true, parameters: true });
const noteSchema = z.string().max(500);

/** An editable draft for its author; anyone else meets the portal's 404. */
async function ownDraft(input: PageInput<readonly ['admin']>) {
  const ruleSet = await ruleSetOf(input.app, input.params.id);
  if (!editable(ruleSet, input.user)) throw notFound('Page');
  return ruleSet;
}

/** The zod issues of the raw JSON as pointers into it. */
const zodErrors = (issues: readonly z.core.$ZodIssue[]): FieldError[] =>
  issues.map((issue) => ({ path: issue.path.length > 0 ? `/${issue.path.map(String).join('/')}` : '', message: issue.message }));

function simulationView(result: Awaited<ReturnType<typeof simulateRuleSet>>, format: Formats) {
  return {
    ...result,
    referenceDate: format.date(result.referenceDate),
    refused: result.examples.filter((example) => example.change === 'newly_ineligible'),
    admitted: result.examples.filter((example) => example.change === 'newly_eligible'),
  };
}

export const ruleSetPages = [
  definePage({
    method: 'get',
    path: '/admin/rule-sets',
    access: STAFF_READERS,
    handle: async ({ app, query, render }) => {
      const programmes = await describeProgrammes(app, { limit: PAGE_SIZE, cursor: cursorOf(query) }).catch(cursorNotIssued);
      render('pages/admin/rule-sets/list.njk', {
        programmes: programmes.items.map((programme) => ({ code: programme.code, name: programme.name, kind: programme.kind })),
        next: programmes.nextCursor ? `/admin/rule-sets?cursor=${encodeURIComponent(programmes.nextCursor)}` : undefined,
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/rule-sets/programmes/:code',
    access: STAFF_READERS,
    handle: async ({ app, user, params, query, t, format, render }) => {
      const code = params.code ?? '';
      if (!CODE.test(code)) throw notFound('Programme');
      const versions = await listRuleSetVersions(app, code, { limit: PAGE_SIZE, cursor: cursorOf(query) }).catch(cursorNotIssued);
      render('pages/admin/rule-sets/programme.njk', {
        code,
        versions: versions.items.map((version) => ({
          id: version.id,
          version: version.version,
          state: version.state,
          effectiveFrom: format.date(version.effectiveFrom),
          effectiveTo: version.effectiveTo ? format.date(version.effectiveTo) : undefined,
          note: version.note,
          author: authorOf(version.authorId, user, t),
        })),
        canChange: user.role === 'admin' && versions.items.length > 0 && cursorOf(query) === undefined,
        next: versions.nextCursor ? `/admin/rule-sets/programmes/${code}?cursor=${encodeURIComponent(versions.nextCursor)}` : undefined,
      });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/rule-sets/programmes/:code/draft',
    access: ['admin'],
    handle: async ({ app, user, params, requestId, redirect }) => {
      const code = params.code ?? '';
      if (!CODE.test(code)) throw notFound('Programme');
      // A new draft starts as a copy of the newest version, from tomorrow: a date the author changes in the editor.
      const [newest] = (await listRuleSetVersions(app, code, { limit: 1 })).items;
      if (!newest) throw notFound('Rule set');
      const source = await readRuleSet(app, newest.id);
      const drafted = await draftRuleSet(
        app,
        user,
        code,
        {
          rules: source.rules,
          parameters: source.parameters,
          testCases: source.testCases,
          effectiveFrom: addDays(app.clock.today(), 1),
          note: `Draft from version ${source.version}`,
        },
        requestId,
      );
      redirect(`/admin/rule-sets/${drafted.id}/edit`);
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/rule-sets/:id',
    access: STAFF_READERS,
    handle: async ({ app, user, params, query, t, format, render }) => {
      const ruleSet = await ruleSetOf(app, params.id);
      render('pages/admin/rule-sets/show.njk', {
        ruleSet: summaryOf(ruleSet, user, t, format),
        rules: readableRules(ruleSet.rules, ruleSet.parameters),
        parameters: Object.entries(ruleSet.parameters).map(([name, value]) => ({ name, value: JSON.stringify(value) })),
        testResults: ruleSet.testResults,
        canEdit: editable(ruleSet, user),
        canApprove: approvable(ruleSet, user),
        canSimulate: user.role === 'admin',
        done: DONE.find((value) => value === query.done),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/rule-sets/:id/edit',
    access: ['admin'],
    handle: async (input) => {
      const ruleSet = await ownDraft(input);
      const draft = draftOf(ruleSet);
      renderEditor(input, ruleSet, { draft, date: dateFields(draft.effectiveFrom), note: draft.note ?? '', json: rawJsonOf(draft) });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/rule-sets/:id/edit',
    access: ['admin'],
    handle: async (input) => {
      const ruleSet = await ownDraft(input);
      const body = form(input.body);
      // The draft the form was rendered from (with conditions added but not yet saved); a mangled one is the saved draft.
      let base = draftOf(ruleSet);
      try {
        const sent = documentSchema.safeParse(JSON.parse(text(body, 'document')));
        if (sent.success) base = { ...base, ...sent.data };
      } catch {
        // Not JSON: the saved draft stands in.
      }
      const note = text(body, 'note');
      const date = {
        day: text(body, 'effectiveFrom-day'),
        month: text(body, 'effectiveFrom-month'),
        year: text(body, 'effectiveFrom-year'),
      };
      const effectiveFrom = dateOf(body, 'effectiveFrom');
      let draft: Draft = { ...applyForm(base, body), effectiveFrom: effectiveFrom ?? base.effectiveFrom, note: note === '' ? null : note };
      const action = text(body, 'action');
      if (action !== 'save') {
        draft = applyAction(draft, action) ?? draft;
        return renderEditor(input, ruleSet, { draft, date, note, json: rawJsonOf(draft) });
      }
      const ids = fieldIdsOf(editorOf(draft));
      const problems: FieldError[] = [];
      if (!effectiveFrom) problems.push({ path: '/effectiveFrom', message: input.t('adminRules.errors.date') });
      if (!noteSchema.safeParse(note).success) problems.push({ path: '/note', message: input.t('adminRules.errors.note') });
      ids.set('/note', 'note');
      const refused = problems.length > 0 ? problems : await saveDraft(input, ruleSet, draft);
      if (refused)
        return renderEditor(input, ruleSet, { draft, date, note, json: rawJsonOf(draft), errors: errorsAt(refused, ids, 'json') }, 400);
      input.redirect(`/admin/rule-sets/${ruleSet.id}?done=saved`);
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/rule-sets/:id/json',
    access: ['admin'],
    handle: async (input) => {
      const ruleSet = await ownDraft(input);
      const draft = draftOf(ruleSet);
      const json = typeof form(input.body).json === 'string' ? (form(input.body).json as string) : '';
      const again = (errors: FormErrors) =>
        renderEditor(input, ruleSet, { draft, date: dateFields(draft.effectiveFrom), note: draft.note ?? '', json, errors }, 400);
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch {
        return again(fieldProblem('json', input.t('adminRules.errors.json')));
      }
      const checked = ruleSetBody.safeParse(parsed);
      if (!checked.success) return again(errorsAt(zodErrors(checked.error.issues), new Map(), 'json'));
      const value = checked.data;
      const refused = await saveDraft(input, ruleSet, { ...value, testCases: value.testCases ?? [], note: value.note ?? null });
      if (refused) return again(errorsAt(refused, new Map(), 'json'));
      input.redirect(`/admin/rule-sets/${ruleSet.id}?done=saved`);
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/rule-sets/:id/simulation',
    access: ['admin'],
    handle: async ({ app, user, params, t, format, render }) => {
      const ruleSet = await ruleSetOf(app, params.id);
      render('pages/admin/rule-sets/simulate.njk', { ruleSet: summaryOf(ruleSet, user, t, format), date: dateFields(app.clock.today()) });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/rule-sets/:id/simulation',
    access: ['admin'],
    handle: async ({ app, user, params, body, t, format, render }) => {
      const ruleSet = await ruleSetOf(app, params.id);
      const fields = form(body);
      const date = {
        day: text(fields, 'referenceDate-day'),
        month: text(fields, 'referenceDate-month'),
        year: text(fields, 'referenceDate-year'),
      };
      const referenceDate = dateOf(fields, 'referenceDate');
      const view = { ruleSet: summaryOf(ruleSet, user, t, format), date };
      if (!referenceDate)
        return render(
          'pages/admin/rule-sets/simulate.njk',
          { ...view, errors: fieldProblem('referenceDate-day', t('adminRules.errors.date')) },
          400,
        );
      const result = await simulateRuleSet(app, ruleSet.id, referenceDate);
      render('pages/admin/rule-sets/simulate.njk', { ...view, result: simulationView(result, format) });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/rule-sets/:id/approve',
    access: ['admin'],
    handle: async ({ app, user, params, t, format, render }) => {
      const ruleSet = await ruleSetOf(app, params.id);
      if (!approvable(ruleSet, user)) throw notFound('Page');
      render('pages/admin/rule-sets/approve.njk', { ruleSet: summaryOf(ruleSet, user, t, format), testResults: ruleSet.testResults });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/rule-sets/:id/approve',
    access: ['admin'],
    handle: async ({ app, user, params, t, format, requestId, render, redirect }) => {
      const ruleSet = await ruleSetOf(app, params.id);
      if (!approvable(ruleSet, user)) throw notFound('Page');
      try {
        await approveRuleSet(app, user, ruleSet.id, requestId);
      } catch (error) {
        // Failing test cases, a date now past or taken: said on the page, nothing approved.
        if (!(error instanceof AppError) || error.status < 400 || error.status >= 500) throw error;
        return render(
          'pages/admin/rule-sets/approve.njk',
          {
            ruleSet: summaryOf(ruleSet, user, t, format),
            testResults: ruleSet.testResults,
            errors: fieldProblem('approve', error.message),
          },
          error.status,
        );
      }
      redirect(`/admin/rule-sets/${ruleSet.id}?done=approved`);
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/rule-sets/:id/compare',
    access: STAFF_READERS,
    handle: async ({ app, user, params, query, t, format, render }) => {
      const ruleSet = await ruleSetOf(app, params.id);
      const versions = (await listRuleSetVersions(app, ruleSet.programme, { limit: 100 })).items;
      const chosen = typeof query.with === 'string' ? versions.find((version) => version.id === query.with) : undefined;
      const other =
        chosen ?? versions.find((version) => version.version < ruleSet.version) ?? versions.find((version) => version.id !== ruleSet.id);
      // Version 1 has no version before it: it is compared with a later one.
      const compared = other ? await compareRuleSets(app, ruleSet.id, other.id) : undefined;
      const side = (version: Detail) => ({
        summary: summaryOf(version, user, t, format),
        rules: readableRules(version.rules, version.parameters),
        parameters: Object.entries(version.parameters).map(([name, value]) => ({ name, value: JSON.stringify(value) })),
      });
      render('pages/admin/rule-sets/compare.njk', {
        ruleSet: summaryOf(ruleSet, user, t, format),
        choices: versions
          .filter((version) => version.id !== ruleSet.id)
          .map((version) => ({ id: version.id, version: version.version, selected: version.id === other?.id })),
        older: compared ? side(compared.older) : undefined,
        newer: side(compared?.newer ?? ruleSet),
        diff: compared ? diffView(compared.diff, compared.older, compared.newer) : undefined,
      });
    },
  }),
];
