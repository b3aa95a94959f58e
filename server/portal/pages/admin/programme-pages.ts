// Programmes for administrators and auditors (issue 18, item 2): every programme with its kind,
// currency and status; a programme's dated parameter versions (past, in force, future), each
// with what it changed; and, for an administrator, a dated parameter change proposed through the
// service of PATCH /v1/programmes/:code/parameters (a pending change when it sets an amount;
// its bounds and refusals are the service's, shown against the field they name).
import type { AppContext } from '../../../app-context.js';
import { STAFF_READERS } from '../../../auth/principal.js';
import { AppError, notFound } from '../../../errors.js';
import {
  changeParameters,
  checkParameterChange,
  describeProgramme,
  describeProgrammes,
  parameterFields,
  parametersOn,
} from '../../../programmes/programmes.js';
import type { FormErrors } from '../../form-errors.js';
import { definePage } from '../../page.js';
import { canChange, cursorNotIssued, dateOf } from './admin-forms.js';
import {
  changedValues,
  fieldError,
  fieldsShown,
  parameterLabel,
  parseParameters,
  postedText,
  refusalErrors,
  refusalOf,
  serviceMessage,
  textsOf,
  type FormText,
} from './parameter-form.js';
import { choiceOf, differences, versionsShown, type Shown } from './programme-view.js';

const CODE = /^[A-Z]{2,10}$/;
const PAGE_SIZE = 25;

/** The programme of the path, or the portal's 404. */
async function programmeOf(app: AppContext, code: string | undefined) {
  if (!code || !CODE.test(code)) throw notFound('Programme');
  return describeProgramme(app, code);
}

type Programme = Awaited<ReturnType<typeof describeProgramme>>;

/** Open while no closing date has passed and places are left; the status a list shows. */
function statusOf(programme: Programme, today: string): 'open' | 'closed' | 'notStarted' {
  if (programme.parametersEffectiveFrom === null) return 'notStarted';
  const closingDate = programme.parameters.closingDate;
  if (typeof closingDate === 'string' && closingDate < today) return 'closed';
  if (programme.budget.placesLeft === 0) return 'closed';
  return 'open';
}

const nameOf = (programme: Programme, language: string) => (language === 'nl' ? programme.names.nl : programme.names.en);

function changeForm(programme: Programme, shown: Shown, text: FormText, errors: FormErrors | undefined) {
  const fields = parameterFields(programme.kind);
  return {
    programme: { code: programme.code, name: nameOf(programme, shown.language) },
    fields: fieldsShown(fields, text, errors, { ...shown, currency: programme.currency, choice: choiceOf(shown) }),
    effectiveFrom: {
      day: text['effectiveFrom-day'] ?? '',
      month: text['effectiveFrom-month'] ?? '',
      year: text['effectiveFrom-year'] ?? '',
    },
    note: text.note ?? '',
    errors,
  };
}

export const programmePages = [
  definePage({
    method: 'get',
    path: '/admin/programmes',
    access: STAFF_READERS,
    handle: async ({ app, user, query, t, format, language, render }) => {
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const page = await describeProgrammes(app, { limit: PAGE_SIZE, cursor }).catch(cursorNotIssued);
      const today = app.clock.today();
      render('pages/admin/programmes/list.njk', {
        canChange: canChange(user),
        programmes: page.items.map((programme) => ({
          code: programme.code,
          name: nameOf(programme, language),
          kind: t(`adminProgrammes.kind.${programme.kind}`),
          currency: programme.currency,
          status: t(`adminProgrammes.status.${statusOf(programme, today)}`),
          remaining: format.money(programme.budget.remaining, programme.budget.currency),
        })),
        pagination: {
          previous: cursor ? { href: '/admin/programmes', text: t('adminProgrammes.firstPage') } : undefined,
          next: page.nextCursor ? { href: `/admin/programmes?cursor=${encodeURIComponent(page.nextCursor)}` } : undefined,
        },
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/programmes/:code',
    access: STAFF_READERS,
    handle: async ({ app, user, params, query, t, format, language, render }) => {
      const programme = await programmeOf(app, params.code);
      const shown = { t, format, language };
      render('pages/admin/programmes/programme.njk', {
        canChange: canChange(user),
        done: query.done === 'changed' ? 'changed' : undefined,
        programme: {
          code: programme.code,
          name: nameOf(programme, language),
          kind: t(`adminProgrammes.kind.${programme.kind}`),
          currency: programme.currency,
          status: t(`adminProgrammes.status.${statusOf(programme, app.clock.today())}`),
          total: format.money(programme.budget.total, programme.budget.currency),
          remaining: format.money(programme.budget.remaining, programme.budget.currency),
        },
        versions: await versionsShown(app, programme, shown),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/programmes/:code/parameters/new',
    access: ['admin'],
    handle: async ({ app, params, t, format, language, render }) => {
      const programme = await programmeOf(app, params.code);
      // The form starts from the values in force today; the change names only what differs.
      render(
        'pages/admin/programmes/change.njk',
        changeForm(programme, { t, format, language }, textsOf(parameterFields(programme.kind), programme.parameters), undefined),
      );
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/programmes/:code/parameters/new',
    access: ['admin'],
    handle: async ({ app, user, params, body, t, format, language, requestId, render, redirect }) => {
      const programme = await programmeOf(app, params.code);
      const shown = { t, format, language };
      const text = postedText(body);
      const again = (errors: FormErrors | undefined, status = 400) =>
        render('pages/admin/programmes/change.njk', changeForm(programme, shown, text, errors), status);
      if (text.step === 'change') return again(undefined, 200);
      const fields = parameterFields(programme.kind);
      const label = (name: string) => parameterLabel(t, language, name);
      const effectiveFrom = dateOf(text, 'effectiveFrom');
      if (!effectiveFrom)
        return again(
          fieldError('effectiveFrom', `${t('adminProgrammes.effectiveFrom')}: ${t('adminProgrammes.errors.date')}`, 'effectiveFrom-day'),
        );
      const parsed = parseParameters(fields, text, label, t);
      if (!parsed.ok) return again(parsed.errors);
      // Compared with what the form showed (the values in force today): a value left as it is names
      // no change, so the version the change follows (maybe a later one) passes it on.
      const values = changedValues(fields, parsed.values, programme.parameters);
      const before = (await parametersOn(app.sequelize, programme.code, effectiveFrom)) ?? {};
      if (Object.keys(values).length === 0) return again(fieldError('submit', t('adminProgrammes.errors.nothingChanged')));
      const note = (text.note ?? '').trim();
      if (note.length > 500) return again(fieldError('note', `${t('adminProgrammes.note')}: ${t('adminProgrammes.errors.note')}`));
      const refused = (error: AppError) => {
        const others = { '/effectiveFrom': { id: 'effectiveFrom', anchor: 'effectiveFrom-day', text: t('adminProgrammes.effectiveFrom') } };
        const errors =
          refusalErrors(error, fields, label, others, (message) => serviceMessage(message, t)) ??
          (error.code === 'parameters_exist'
            ? fieldError(
                'effectiveFrom',
                `${t('adminProgrammes.effectiveFrom')}: ${t('adminProgrammes.refusal.parameters_exist')}`,
                'effectiveFrom-day',
              )
            : fieldError(
                'submit',
                t(`adminProgrammes.refusal.${error.code === 'change_pending' ? 'change_pending' : 'other'}`, { message: error.message }),
              ));
        again(errors, error.status);
      };
      const change = { code: programme.code, effectiveFrom, values };
      if (text.step !== 'confirm') {
        // The service's checks now, so its refusals are shown before the answers are checked.
        const checked = await refusalOf(() => checkParameterChange(app, change));
        if (checked.refused) return refused(checked.refused);
        return render('pages/admin/programmes/change-check.njk', {
          programme: { code: programme.code, name: nameOf(programme, language) },
          startsOn: format.date(effectiveFrom),
          changes: differences(shown, programme.kind, programme.currency, before, { ...before, ...values }),
          note,
          text,
        });
      }
      const sent = await refusalOf(() => changeParameters(app, user, { ...change, note: note === '' ? null : note, requestId }));
      if (sent.refused) return refused(sent.refused);
      const changed = sent.value;
      if (changed.pending) return redirect(`/admin/pending-changes/${changed.pending.id}?done=requested`);
      redirect(`/admin/programmes/${programme.code}?done=changed`);
    },
  }),
];
