// Claim (issue 16, journey 2): check your answers, then the claim through the same service as
// POST /v1/programmes/:code/claims, then a confirmation with the reference and what happens next.
// By kind: an hours voucher claims the right and an accruing account opens the account (both with
// the body {}); the kinds that pay for a course are claimed from a course (the course pages), so
// their page sends the citizen there. The claim is idempotent by a key generated when the check
// page is rendered: a double submit or a refresh claims once and answers alike. A refusal (not
// eligible, budget used up, claims not open ...) is shown plainly, with its reasons.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { claimRight } from '../../../claims/claims.js';
import type { DecisionView } from '../../../eligibility/eligibility.js';
import { AppError, notFound } from '../../../errors.js';
import { requestFingerprint } from '../../../http/idempotency.js';
import { findProgramme, hoursVoucherParametersOn, type ProgrammeRow } from '../../../programmes/programmes.js';
import type { Language } from '../../../shared/language.js';
import { fieldProblem, type FormErrors } from '../../form-errors.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import { definePage } from '../../page.js';
import { ownRight } from './cheque-view.js';
import { reasonShown } from './eligibility-view.js';

type Shown = { t: Translate; format: Formats; language: Language };

/** The kinds claimed here as they are; the others are claimed from a course. */
const CLAIMED_HERE: readonly string[] = ['hours_voucher', 'accruing_account'];

const programmeName = (programme: ProgrammeRow, language: Language) => (language === 'nl' ? programme.nameNl : programme.name);

async function programmeOf(app: AppContext, code: string): Promise<ProgrammeRow> {
  const programme = /^[A-Za-z]{2,10}$/.test(code) ? await findProgramme(app.sequelize, code.toUpperCase()) : undefined;
  if (!programme) throw notFound('Programme');
  return programme;
}

/** What the claim gives, as the check page lists it: for an hours voucher its hours, period, cheques and co-payment. */
async function whatYouGet(app: AppContext, programme: ProgrammeRow, { t, format }: Shown) {
  const rows = [{ key: t('claim.whatYouGet'), value: t(`programmes.kinds.${programme.kind}.offers`) }];
  if (programme.kind !== 'hours_voucher') return rows;
  const parameters = await hoursVoucherParametersOn(app.sequelize, programme.code, app.clock.today());
  return [
    ...rows,
    { key: t('claim.hours'), value: t('claim.hoursValue', { hours: format.hours(parameters.rightHours.toFixed()) }) },
    { key: t('claim.period'), value: t('claim.periodValue', { years: parameters.rightPeriodYears }) },
    {
      key: t('claim.cheques'),
      value: parameters.voucherHours.map((hours) => t('claim.hoursValue', { hours: format.hours(hours.toFixed()) })).join(', '),
    },
    {
      key: t('claim.coPayment'),
      value: t('claim.coPaymentValue', {
        amount: format.money(parameters.coPayment.toFixed(2), programme.currency),
        days: parameters.coPaymentDueDays,
      }),
    },
  ];
}

async function checkPage(app: AppContext, user: Principal, programme: ProgrammeRow, shown: Shown) {
  return {
    programme: { code: programme.code, name: programmeName(programme, shown.language), kind: programme.kind },
    claimedHere: CLAIMED_HERE.includes(programme.kind),
    details: CLAIMED_HERE.includes(programme.kind) ? await whatYouGet(app, programme, shown) : [],
    email: user.email,
    today: shown.format.date(app.clock.today()),
  };
}

const claimForm = z.object({ key: z.uuid() });

/** The claim's Idempotency-Key claimed as the API's route claims it, so the same key answers alike through either. */
const claimOf = (user: Principal, code: string, key: string) => {
  const path = `/v1/programmes/${code}/claims`;
  return { scope: `user:${user.userId}`, key, fingerprint: requestFingerprint('POST', path, {}), instance: path };
};

/** The claim's refusals a citizen can meet, as the page says them; any other names itself plainly. */
const REFUSALS: Record<string, string> = {
  budget_exhausted: 'claim.refusals.budgetExhausted',
  claims_not_open: 'claim.refusals.claimsNotOpen',
  programme_closed: 'claim.refusals.closed',
  places_target_reached: 'claim.refusals.closed',
  no_open_window: 'claim.refusals.closed',
  no_ruleset_in_force: 'claim.refusals.closed',
};

type Problem = { code?: unknown; reasons?: DecisionView['reasons']; nextEligibleOn?: string | null };

/** The entitlement a granted claim answered with, whatever its kind. */
function grantedRight(body: unknown): string | undefined {
  const reply = body as { id?: unknown; account?: { entitlementId?: unknown } };
  const id = reply.account?.entitlementId ?? reply.id;
  return typeof id === 'string' ? id : undefined;
}

export const claimPages = [
  definePage({
    method: 'get',
    path: '/citizen/programmes/:code/claim',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, language, render }) => {
      const programme = await programmeOf(app, params.code ?? '');
      render('pages/citizen/claim/check.njk', { ...(await checkPage(app, user, programme, { t, format, language })), key: randomUUID() });
    },
  }),
  definePage({
    method: 'post',
    path: '/citizen/programmes/:code/claim',
    access: ['citizen'],
    handle: async ({ app, user, params, body, t, format, language, render, redirect }) => {
      const shown = { t, format, language };
      const programme = await programmeOf(app, params.code ?? '');
      const again = async (errors: FormErrors) =>
        render('pages/citizen/claim/check.njk', { ...(await checkPage(app, user, programme, shown)), key: randomUUID(), errors }, 400);
      // The key is a hidden field the check page wrote: without it the page is stale, and the button is what to press again.
      const form = claimForm.safeParse(body);
      if (!form.success) return again(fieldProblem('confirm', t('claim.errors.key')));
      if (!CLAIMED_HERE.includes(programme.kind)) return redirect(`/citizen/programmes/${programme.code}/claim`);
      const reply = await claimRight({
        app,
        code: programme.code,
        principal: user,
        language,
        claim: claimOf(user, programme.code, form.data.key),
        body: {},
      }).catch((error: unknown) => {
        if (error instanceof AppError && error.status < 500 && error.status !== 404)
          return { status: error.status, body: { code: error.code } };
        throw error;
      });
      const granted = reply.status === 201 ? grantedRight(reply.body) : undefined;
      if (granted) return redirect(`/citizen/rights/${granted}/claimed`);
      const problem = reply.body as Problem;
      const code = typeof problem.code === 'string' ? problem.code : 'other';
      render(
        'pages/citizen/claim/refused.njk',
        {
          programme: { code: programme.code, name: programmeName(programme, language) },
          notEligible: code === 'not_eligible',
          reasons: (problem.reasons ?? []).map((reason) => reasonShown(reason, shown)),
          nextEligibleOn: problem.nextEligibleOn ? format.date(problem.nextEligibleOn) : undefined,
          refusal: t(REFUSALS[code] ?? 'claim.refusals.other'),
        },
        reply.status ?? 409,
      );
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/rights/:id/claimed',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, language, render }) => {
      const right = await ownRight(app, user, params.id ?? '');
      const programme = await programmeOf(app, right.programme);
      const unit = right.balance.unit;
      render('pages/citizen/claim/claimed.njk', {
        reference: right.id,
        programme: { code: programme.code, name: programmeName(programme, language), kind: programme.kind },
        available:
          unit === 'HOUR'
            ? t('claim.hoursValue', { hours: format.hours(right.balance.available) })
            : format.money(right.balance.available, unit),
        periodEnd: format.date(right.periodEnd),
      });
    },
  }),
];
