// Where public money goes, in the administrators' portal (issue 18, item 6): a centre's bank
// account (the service of PUT /v1/centres/:id/bank-account) and the account a programme pays
// centres from (PUT /v1/programmes/:code/debtor-account). Each is a form, then a check page, then
// the service, which audits the account before and after. Auditors read the programme's account
// (and the centre's, on the centre's page) but reach none of the forms. Whoever sets a centre's
// account cannot make the transfer file that pays it (the payment file service's four-eyes rule);
// the check page says so before the administrator becomes that person.
import type { AppContext } from '../../../app-context.js';
import { STAFF_READERS } from '../../../auth/principal.js';
import { describeCentre, payeeAccounts, setCentreBankAccount } from '../../../centres/centres.js';
import { notFound } from '../../../errors.js';
import { findProgramme } from '../../../programmes/programmes.js';
import { debtorAccountOf, setDebtorAccount } from '../../../settlement/settlement.js';
import type { Language } from '../../../shared/language.js';
import { bicSchema, ibanRemainder, ibanSchema } from '../../../validation/bank-account.js';
import type { FormErrors } from '../../form-errors.js';
import type { Translate } from '../../i18n.js';
import { definePage } from '../../page.js';
import { canChange, fieldsOf, idOf, textField } from './admin-forms.js';

/** An IBAN as people read and compare it: in groups of four. */
export const ibanGrouped = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');

const IBAN_FORM = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** Which of the IBAN's problems to name: none given, not an IBAN's shape, check digits that do not match, or its country's length. */
function ibanProblem(input: string): string {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (compact === '') return 'adminBank.errors.ibanMissing';
  if (!IBAN_FORM.test(compact)) return 'adminBank.errors.ibanForm';
  return ibanRemainder(compact) === 1 ? 'adminBank.errors.ibanLength' : 'adminBank.errors.ibanCheck';
}

// The name as the bank shows it: SEPA's 70 characters on one line (the route's accountHolderSchema, without control characters).
const holderName = textField('adminBank.errors.name', { max: 70, oneLine: true });

type Kind = 'centre' | 'debtor';
const FIELDS: Record<Kind, readonly string[]> = { centre: ['iban', 'bic'], debtor: ['name', 'iban', 'bic'] };

/** The form's account, checked by the API's own schemas, or each problem named at its field. */
function readAccount(kind: Kind, body: unknown, t: Translate) {
  const form = fieldsOf(body, FIELDS[kind]);
  const errors: FormErrors = { summary: [], fields: {} };
  const problem = (field: string, key: string) => {
    errors.fields[field] = { text: t(key) };
    errors.summary.push({ text: t(key), href: `#${field}` });
  };
  const name = kind === 'debtor' ? holderName.safeParse(form.name) : undefined;
  if (name && !name.success) problem('name', 'adminBank.errors.name');
  const iban = ibanSchema.safeParse(form.iban);
  if (!iban.success) problem('iban', ibanProblem(form.iban ?? ''));
  const bic = bicSchema.safeParse(form.bic);
  if (!bic.success) problem('bic', 'adminBank.errors.bic');
  if (!iban.success || !bic.success || (name && !name.success)) return { ok: false as const, form, errors };
  return { ok: true as const, form, account: { name: name?.data ?? '', iban: iban.data, bic: bic.data } };
}

type Account = { name?: string; iban: string; bic: string };
const shown = (account: Account | undefined) => account && { ...account, iban: ibanGrouped(account.iban) };
const isStep = (body: unknown, step: string) => (body as { step?: unknown } | undefined)?.step === step;

async function centreContext(app: AppContext, id: string | undefined) {
  const centre = await describeCentre(app, idOf(id));
  const current = (await payeeAccounts(app.sequelize, [centre.id])).get(centre.id);
  return {
    kind: 'centre' as const,
    id: centre.id,
    subject: centre.name,
    path: `/admin/centres/${centre.id}/bank-account`,
    back: `/admin/centres/${centre.id}#bank-account`,
    done: `/admin/centres/${centre.id}?done=bankAccount#bank-account`,
    current: current && { iban: current.iban, bic: current.bic },
  };
}

async function debtorContext(app: AppContext, code: string | undefined, language: Language) {
  const programme = code && /^[A-Z]{2,10}$/.test(code) ? await findProgramme(app.sequelize, code) : undefined;
  if (!programme) throw notFound('Page');
  return {
    kind: 'debtor' as const,
    code: programme.code,
    currency: programme.currency,
    subject: language === 'nl' ? programme.nameNl : programme.name,
    path: `/admin/programmes/${programme.code}/debtor-account/change`,
    back: `/admin/programmes/${programme.code}/debtor-account`,
    done: `/admin/programmes/${programme.code}/debtor-account?done=saved`,
    current: await debtorAccountOf(app.sequelize, programme.code),
  };
}

type Context = Awaited<ReturnType<typeof centreContext>> | Awaited<ReturnType<typeof debtorContext>>;

/** The form, filled in with the account as it is (or the answers given), and its problems. */
const formView = (context: Context, form: Record<string, string>, errors?: FormErrors) => ({
  ...context,
  fields: FIELDS[context.kind],
  form,
  errors,
  current: shown(context.current),
});

const currentForm = (context: Context) => fieldsOf(shown(context.current) ?? {}, FIELDS[context.kind]);

const sameAccount = (now: Account | undefined, asked: Account) =>
  now !== undefined && now.iban === asked.iban && now.bic === asked.bic && (now.name ?? '') === (asked.name ?? '');

/** GET: the form; POST: its check page (or the form again, to change the answers or with its problems); POST .../confirm: the service. */
function accountPages(
  path: string,
  load: (input: { app: AppContext; params: Record<string, string>; language: Language }) => Promise<Context>,
) {
  return [
    definePage({
      method: 'get',
      path,
      access: ['admin'],
      handle: async ({ app, params, language, render }) => {
        const context = await load({ app, params, language });
        render('pages/admin/bank/form.njk', formView(context, currentForm(context)));
      },
    }),
    definePage({
      method: 'post',
      path,
      access: ['admin'],
      handle: async ({ app, params, language, body, t, render }) => {
        const context = await load({ app, params, language });
        const read = readAccount(context.kind, body, t);
        // "Change" on the check page brings the answers back into the form as they were.
        if (isStep(body, 'edit')) return render('pages/admin/bank/form.njk', formView(context, read.form));
        if (!read.ok) return render('pages/admin/bank/form.njk', formView(context, read.form, read.errors), 400);
        render('pages/admin/bank/check.njk', { ...formView(context, read.form), account: read.account, answer: shown(read.account) });
      },
    }),
    definePage({
      method: 'post',
      path: `${path}/confirm`,
      access: ['admin'],
      handle: async ({ app, user, params, language, body, t, requestId, render, redirect }) => {
        const context = await load({ app, params, language });
        const read = readAccount(context.kind, body, t);
        if (!read.ok) return render('pages/admin/bank/form.njk', formView(context, read.form, read.errors), 400);
        const { name, iban, bic } = read.account;
        // Sent twice (a double click, a refresh): the account already is what was asked, and is not written (nor audited) again.
        if (!sameAccount(context.current, read.account)) {
          if (context.kind === 'debtor') await setDebtorAccount(app, user, { code: context.code, account: { name, iban, bic }, requestId });
          else await setCentreBankAccount(app, user, { centreId: context.id, account: { iban, bic }, requestId });
        }
        redirect(context.done);
      },
    }),
  ];
}

export const bankAccountPages = [
  ...accountPages('/admin/centres/:id/bank-account', ({ app, params }) => centreContext(app, params.id)),
  definePage({
    method: 'get',
    path: '/admin/programmes/:code/debtor-account',
    access: STAFF_READERS,
    handle: async ({ app, user, params, query, language, render }) => {
      const context = await debtorContext(app, params.code, language);
      render('pages/admin/bank/debtor.njk', {
        ...context,
        current: shown(context.current),
        canChange: canChange(user),
        done: query.done === 'saved',
      });
    },
  }),
  ...accountPages('/admin/programmes/:code/debtor-account/change', ({ app, params, language }) =>
    debtorContext(app, params.code, language),
  ),
];
