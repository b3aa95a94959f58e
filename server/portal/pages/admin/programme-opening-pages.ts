// Opening a programme of a kind (issue 18, item 2): the kind first (one thing per page), then a
// form built from that kind's parameter schema, a check of the answers, and the pending change
// `programme_opening` requested through the service of POST /v1/programmes; a second
// administrator approves it on the pending change's page. The service checks the values (shape,
// bounds, coherence, a code or prefix taken) and its refusals are shown against their fields.
import { z } from 'zod';
import { AppError, notFound } from '../../../errors.js';
import { currencySchema, lineSchema, programmeCodeSchema } from '../../../http/schemas.js';
import { checkOpening, parameterFields, PROGRAMME_KINDS, requestOpening, type ProgrammeKind } from '../../../programmes/programmes.js';
import type { FormErrors } from '../../form-errors.js';
import type { Translate } from '../../i18n.js';
import { definePage } from '../../page.js';
import { dateOf } from './admin-forms.js';
import {
  fieldError,
  fieldsShown,
  parameterLabel,
  parseParameters,
  postedText,
  refusalErrors,
  refusalOf,
  serviceMessage,
  type FormText,
} from './parameter-form.js';
import { choiceOf, valueText, type Shown } from './programme-view.js';

const kindOf = (value: unknown): ProgrammeKind | undefined => PROGRAMME_KINDS.find((kind) => kind === value);

function kindFromPath(value: string | undefined): ProgrammeKind {
  const kind = kindOf(value?.replaceAll('-', '_'));
  if (!kind) throw notFound('Page');
  return kind;
}

const pathOf = (kind: ProgrammeKind) => `/admin/programmes/new/${kind.replaceAll('_', '-')}`;

const kindItems = (t: Translate, chosen: string | undefined) =>
  PROGRAMME_KINDS.map((kind) => ({
    value: kind,
    text: t(`adminProgrammes.kind.${kind}`),
    hint: { text: t(`adminProgrammes.kindHint.${kind}`) },
    checked: chosen === kind,
  }));

/** The opening's own fields (besides the parameters): each checked as POST /v1/programmes checks it. */
const OWN = [
  { id: 'code', schema: programmeCodeSchema, label: 'adminProgrammes.code', error: 'adminProgrammes.errors.code' },
  { id: 'nameEn', schema: lineSchema(200), label: 'adminProgrammes.nameEn', error: 'adminProgrammes.errors.name' },
  { id: 'nameNl', schema: lineSchema(200), label: 'adminProgrammes.nameNl', error: 'adminProgrammes.errors.name' },
  { id: 'currency', schema: currencySchema, label: 'adminProgrammes.currency', error: 'adminProgrammes.errors.currency' },
] as const;

type Opening = { code: string; nameEn: string; nameNl: string; currency: string; effectiveFrom: string; note: string };

function ownFields(text: FormText, t: Translate): { ok: true; value: Opening } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = { summary: [], fields: {} };
  const value: Record<string, string> = {};
  for (const field of OWN) {
    const typed = (text[field.id] ?? '').trim();
    // Codes are capitals: 'eur' is EUR.
    const parsed = (field.schema as z.ZodType<string>).safeParse(
      field.id === 'code' || field.id === 'currency' ? typed.toUpperCase() : typed,
    );
    if (parsed.success) value[field.id] = parsed.data;
    else {
      const message = `${t(field.label)}: ${t(field.error)}`;
      errors.fields[field.id] = { text: message };
      errors.summary.push({ text: message, href: `#${field.id}` });
    }
  }
  const effectiveFrom = dateOf(text, 'effectiveFrom');
  if (!effectiveFrom) {
    const message = `${t('adminProgrammes.effectiveFrom')}: ${t('adminProgrammes.errors.date')}`;
    errors.fields.effectiveFrom = { text: message };
    errors.summary.push({ text: message, href: '#effectiveFrom-day' });
  }
  const note = (text.note ?? '').trim();
  if (note.length > 500) {
    const message = `${t('adminProgrammes.note')}: ${t('adminProgrammes.errors.note')}`;
    errors.fields.note = { text: message };
    errors.summary.push({ text: message, href: '#note' });
  }
  if (errors.summary.length > 0 || !effectiveFrom) return { ok: false, errors };
  return { ok: true, value: { ...(value as Omit<Opening, 'effectiveFrom' | 'note'>), effectiveFrom, note } };
}

function openingForm(kind: ProgrammeKind, shown: Shown, text: FormText, errors: FormErrors | undefined) {
  const currency = /^[A-Z]{3}$/.test(text.currency ?? '') ? (text.currency ?? '') : shown.t('adminProgrammes.currencyPlaceholder');
  return {
    kind,
    kindText: shown.t(`adminProgrammes.kind.${kind}`),
    action: pathOf(kind),
    text,
    fields: fieldsShown(parameterFields(kind), text, errors, { ...shown, currency, choice: choiceOf(shown) }),
    errors,
  };
}

export const programmeOpeningPages = [
  definePage({
    method: 'get',
    path: '/admin/programmes/new',
    access: ['admin'],
    handle: ({ t, render }) => render('pages/admin/programmes/new-kind.njk', { kinds: kindItems(t, undefined) }),
  }),
  definePage({
    method: 'post',
    path: '/admin/programmes/new',
    access: ['admin'],
    handle: ({ body, t, render, redirect }) => {
      const chosen = postedText(body).kind;
      const kind = kindOf(chosen);
      if (!kind) {
        return render(
          'pages/admin/programmes/new-kind.njk',
          { kinds: kindItems(t, chosen), errors: fieldError('kind', t('adminProgrammes.errors.kind')) },
          400,
        );
      }
      redirect(pathOf(kind));
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/programmes/new/:kind',
    access: ['admin'],
    handle: ({ params, t, format, language, render }) => {
      const kind = kindFromPath(params.kind);
      render('pages/admin/programmes/new-form.njk', openingForm(kind, { t, format, language }, { currency: 'EUR' }, undefined));
    },
  }),
  definePage({
    method: 'post',
    path: '/admin/programmes/new/:kind',
    access: ['admin'],
    handle: async ({ app, user, params, body, t, format, language, requestId, render, redirect }) => {
      const kind = kindFromPath(params.kind);
      const shown = { t, format, language };
      const text = postedText(body);
      const again = (errors: FormErrors | undefined, status = 400) =>
        render('pages/admin/programmes/new-form.njk', openingForm(kind, shown, text, errors), status);
      if (text.step === 'change') return again(undefined, 200);
      const fields = parameterFields(kind);
      const label = (name: string) => parameterLabel(t, language, name);
      const own = ownFields(text, t);
      const parsed = parseParameters(fields, text, label, t);
      if (!own.ok || !parsed.ok) {
        const errors = [own, parsed].flatMap((part) => (part.ok ? [] : [part.errors]));
        return again({
          summary: errors.flatMap((part) => part.summary),
          fields: Object.assign({}, ...errors.map((part) => part.fields)) as FormErrors['fields'],
        });
      }
      const opening = own.value;
      const refused = (error: AppError) => {
        const others = {
          '/effectiveFrom': { id: 'effectiveFrom', anchor: 'effectiveFrom-day', text: t('adminProgrammes.effectiveFrom') },
          '/code': { id: 'code', anchor: 'code', text: t('adminProgrammes.code') },
        };
        const errors =
          refusalErrors(error, fields, label, others, (message) => serviceMessage(message, t)) ??
          (error.code === 'programme_exists'
            ? fieldError('code', `${t('adminProgrammes.code')}: ${t('adminProgrammes.refusal.programme_exists')}`)
            : fieldError(
                'submit',
                t(`adminProgrammes.refusal.${error.code === 'change_pending' ? 'change_pending' : 'other'}`, { message: error.message }),
              ));
        again(errors, error.status);
      };
      const request = { code: opening.code, kind, effectiveFrom: opening.effectiveFrom, values: parsed.values };
      if (text.step !== 'confirm') {
        // The service's checks now, so its refusals are shown before the answers are checked.
        const checked = await refusalOf(() => checkOpening(app, request));
        if (checked.refused) return refused(checked.refused);
        return render('pages/admin/programmes/new-check.njk', {
          action: pathOf(kind),
          text,
          rows: [
            { label: t('adminProgrammes.kindLabel'), value: t(`adminProgrammes.kind.${kind}`) },
            { label: t('adminProgrammes.code'), value: opening.code },
            { label: t('adminProgrammes.nameEn'), value: opening.nameEn },
            { label: t('adminProgrammes.nameNl'), value: opening.nameNl },
            { label: t('adminProgrammes.currency'), value: opening.currency },
            { label: t('adminProgrammes.effectiveFrom'), value: format.date(opening.effectiveFrom) },
            ...fields
              .filter((field) => field.name in parsed.values)
              .map((field) => ({ label: label(field.name), value: valueText(shown, field, parsed.values[field.name], opening.currency) })),
            { label: t('adminProgrammes.note'), value: opening.note || t('adminProgrammes.notSet') },
          ],
        });
      }
      const sent = await refusalOf(() =>
        requestOpening(app, user, {
          ...request,
          names: { en: opening.nameEn, nl: opening.nameNl },
          currency: opening.currency,
          note: opening.note === '' ? null : opening.note,
          requestId,
        }),
      );
      if (sent.refused) return refused(sent.refused);
      const pending = sent.value;
      redirect(`/admin/pending-changes/${pending.id}?done=requested`);
    },
  }),
];
