// A centre's accreditations (issue 18, item 3): granting one for a programme and a window (the
// service of POST /v1/centres/:id/accreditations, checked with the same request shape), and
// suspending it with a reason, revoking it with a date from which the centre may apply again, or
// restoring a suspended one (PATCH /v1/accreditations/:id). A change of standing is shown on a
// check-your-answers page first; the confirmation posts the answers again and they are checked
// again. Auditors see none of these forms: they are administrators' pages only.
import {
  changeAccreditationBody,
  changeAccreditationStatus,
  describeCentre,
  grantAccreditation,
  grantAccreditationBody,
} from '../../../centres/centres.js';
import { AppError, notFound } from '../../../errors.js';
import { describeProgrammes } from '../../../programmes/programmes.js';
import { fieldProblem, type FormErrors } from '../../form-errors.js';
import type { Translate } from '../../i18n.js';
import { definePage, type PageInput } from '../../page.js';
import { dateOf, fieldsOf, idOf } from './admin-forms.js';
import { CHANGES, type ChangeName } from './centre-view.js';

type Input = PageInput<readonly ['admin']>;

const DATE_PARTS = (prefix: string) => ['day', 'month', 'year'].map((part) => `${prefix}-${part}`);
const GRANT_FIELDS = ['programme', ...DATE_PARTS('validFrom'), ...DATE_PARTS('validTo')];
const CHANGE_FIELDS = ['reason', ...DATE_PARTS('reapplyAfter')];

/** Each problem against its field (a date's against its day), in the form's order, the first of a field winning. */
function problems(list: readonly { field: string; key: string }[], t: Translate): FormErrors {
  const errors: FormErrors = { summary: [], fields: {} };
  for (const { field, key } of list) {
    if (errors.fields[field]) continue;
    errors.fields[field] = { text: t(key) };
    errors.summary.push({ text: t(key), href: `#${field}` });
  }
  return errors;
}

const PROGRAMME_PROBLEM = { field: 'programme', key: 'adminCentres.errors.programme' };
const GRANT_KEYS: Record<string, { field: string; key: string }> = {
  programme: PROGRAMME_PROBLEM,
  validFrom: { field: 'validFrom-day', key: 'adminCentres.errors.validFrom' },
  validTo: { field: 'validTo-day', key: 'adminCentres.errors.validTo' },
};

async function programmeCodes(app: Input['app']) {
  return (await describeProgrammes(app, { limit: 100 })).items.map((programme) => programme.code);
}

async function grantContext(input: Input) {
  const centre = await describeCentre(input.app, idOf(input.params.id));
  return { centre, programmes: await programmeCodes(input.app) };
}

/** The accreditation of this centre in the path, and the change named there when its status allows it; else the portal's 404. */
async function changeContext({ app, params, format }: Input) {
  const centre = await describeCentre(app, idOf(params.id));
  const accreditation = centre.accreditations.find((found) => found.id === idOf(params.accreditationId));
  const change = Object.keys(CHANGES).find((name) => name === params.change) as ChangeName | undefined;
  if (!accreditation || !change) throw notFound('Page');
  return {
    centre,
    accreditation: { ...accreditation, window: { from: format.date(accreditation.validFrom), to: format.date(accreditation.validTo) } },
    change,
    allowed: (CHANGES[change].from as readonly string[]).includes(accreditation.status),
  };
}

/** The reason, and for a revocation a re-apply date after today; each problem against its field. */
function changeAnswers(change: ChangeName, body: unknown, today: string, t: Translate) {
  const form = fieldsOf(body, CHANGE_FIELDS);
  const found: { field: string; key: string }[] = [];
  const reason = form.reason?.trim() ?? '';
  if (reason.length < 3 || reason.length > 2000) found.push({ field: 'reason', key: 'adminCentres.errors.reason' });
  let reapplyAfter: string | undefined;
  if (change === 'revoke') {
    reapplyAfter = dateOf(form, 'reapplyAfter');
    if (!reapplyAfter) found.push({ field: 'reapplyAfter-day', key: 'adminCentres.errors.reapplyDate' });
    else if (reapplyAfter <= today) found.push({ field: 'reapplyAfter-day', key: 'adminCentres.errors.reapplyPast' });
  }
  // The API's own shape has the last word, so the page never sends what the route would refuse.
  const checked = changeAccreditationBody.safeParse({ status: CHANGES[change].to, reason, reapplyAfter });
  if (found.length === 0 && !checked.success) found.push({ field: 'reason', key: 'adminCentres.errors.reason' });
  if (found.length > 0 || !checked.success) return { ok: false as const, form, errors: problems(found, t) };
  return { ok: true as const, form, value: checked.data };
}

const DONE: Record<ChangeName, string> = { suspend: 'suspended', restore: 'restored', revoke: 'revoked' };

/** What the change form and its check page show: the context, the form's path, and the answers (and problems) given. */
const changeView = (context: Awaited<ReturnType<typeof changeContext>>, extra: object) => ({
  ...context,
  ...extra,
  path: `/admin/centres/${context.centre.id}/accreditations/${context.accreditation.id}/${context.change}`,
});

export const adminAccreditationPages = [
  definePage({
    method: 'get',
    path: '/admin/centres/:id/accreditations/new',
    access: ['admin'],
    handle: async (input) =>
      input.render('pages/admin/centres/grant.njk', { ...(await grantContext(input)), form: fieldsOf({}, GRANT_FIELDS) }),
  }),
  definePage({
    method: 'post',
    path: '/admin/centres/:id/accreditations/new',
    access: ['admin'],
    handle: async (input) => {
      const { app, user, body, t, requestId, render, redirect } = input;
      const context = await grantContext(input);
      const form = fieldsOf(body, GRANT_FIELDS);
      const again = (errors: FormErrors, status: number) => render('pages/admin/centres/grant.njk', { ...context, form, errors }, status);
      const parsed = grantAccreditationBody.safeParse({
        programme: form.programme,
        validFrom: dateOf(form, 'validFrom') ?? '',
        validTo: dateOf(form, 'validTo') ?? '',
      });
      if (!parsed.success) {
        const found = parsed.error.issues.map((issue) => GRANT_KEYS[String(issue.path[0])] ?? PROGRAMME_PROBLEM);
        return again(problems(found, t), 400);
      }
      try {
        await grantAccreditation(app, user, { ...parsed.data, centreId: context.centre.id, requestId });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'unknown_programme') return again(fieldProblem('programme', t('adminCentres.errors.programme')), 422);
        if (error.code === 'reapply_too_early') {
          const date = typeof error.extra.reapplyAfter === 'string' ? input.format.date(error.extra.reapplyAfter) : '';
          return again(fieldProblem('validFrom-day', t('adminCentres.errors.reapplyTooEarly', { date })), 409);
        }
        if (error.code === 'accreditation_overlaps') return again(fieldProblem('validFrom-day', t('adminCentres.errors.overlaps')), 409);
        throw error;
      }
      redirect(`/admin/centres/${context.centre.id}?done=granted#accreditations`);
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/centres/:id/accreditations/:accreditationId/:change',
    access: ['admin'],
    handle: async (input) => {
      const context = await changeContext(input);
      if (!context.allowed) throw notFound('Page');
      input.render('pages/admin/centres/change.njk', changeView(context, { form: fieldsOf({}, CHANGE_FIELDS) }));
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/centres/:id/accreditations/:accreditationId/:change',
    access: ['admin'],
    handle: async (input) => {
      const { app, body, t, format, render } = input;
      const context = await changeContext(input);
      if (!context.allowed) throw notFound('Page');
      const answers = changeAnswers(context.change, body, app.clock.today(), t);
      // "Change" on the check page brings the answers back into the form as they were.
      if ((body as { step?: unknown } | undefined)?.step === 'edit')
        return render('pages/admin/centres/change.njk', changeView(context, { form: answers.form }));
      if (!answers.ok)
        return render('pages/admin/centres/change.njk', changeView(context, { form: answers.form, errors: answers.errors }), 400);
      render('pages/admin/centres/check.njk', {
        ...changeView(context, { form: answers.form }),
        reapplyOn: answers.value.reapplyAfter ? format.date(answers.value.reapplyAfter) : undefined,
      });
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/centres/:id/accreditations/:accreditationId/:change/confirm',
    access: ['admin'],
    handle: async (input) => {
      const { app, user, body, t, requestId, render, redirect } = input;
      const context = await changeContext(input);
      const answers = changeAnswers(context.change, body, app.clock.today(), t);
      if (!answers.ok)
        return render('pages/admin/centres/change.njk', changeView(context, { form: answers.form, errors: answers.errors }), 400);
      const done = `/admin/centres/${context.centre.id}?done=${DONE[context.change]}#accreditations`;
      try {
        await changeAccreditationStatus(app, user, { ...answers.value, id: context.accreditation.id, requestId });
      } catch (error) {
        // Sent twice (a double click): the first did it, and what was asked for holds.
        if (error instanceof AppError && error.code === 'status_unchanged') return redirect(done);
        if (error instanceof AppError && error.code === 'accreditation_revoked')
          return render(
            'pages/admin/centres/change.njk',
            changeView(context, { form: answers.form, errors: fieldProblem('reason', t('adminCentres.errors.revoked')) }),
            409,
          );
        throw error;
      }
      redirect(done);
    },
  }),
];
