// My account (issue 16, journey 4): every right of the citizen with what was granted, held, used
// and is left; a page per right with its ledger (each movement with its amount, balance after,
// centre and date, and for a session its counsellor and kind), its applications with their
// deadlines, its lots or top-ups, and every recorded session with "I was not there", which
// disputes it (the service of POST /v1/vouchers/:code/disputes) after a reason and a confirmation.
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { AppError, notFound } from '../../../errors.js';
import { entitlementLedger, openDispute, sessionsOfRight } from '../../../vouchers/vouchers.js';
import { fieldProblem, parseForm } from '../../form-errors.js';
import { definePage } from '../../page.js';
import { amountOf, centreNames, kindDetails, programmesOf, rightsOf, rightSummary, type Right, type Shown } from './account-view-model.js';

/** Ledger movements per page of a right's history. */
const LEDGER_PAGE = 25;

async function ownRight(app: AppContext, user: Principal, id: string): Promise<Right> {
  const right = (await rightsOf(app, user)).find((candidate) => candidate.id === id);
  if (!right) throw notFound('Entitlement');
  return right;
}

type Session = Awaited<ReturnType<typeof sessionsOfRight>>[number];

async function ownSession(app: AppContext, user: Principal, rightId: string, sessionId: string): Promise<Session> {
  await ownRight(app, user, rightId);
  const session = (await sessionsOfRight(app, user, rightId)).find((candidate) => candidate.id === sessionId);
  if (!session) throw notFound('Session');
  return session;
}

/** A movement of a kind the catalogue does not name yet shows its ledger kind rather than a key. */
const labelOr = (t: Shown['t'], key: string, fallback: string) => {
  const label = t(key);
  return label === key ? fallback : label;
};

const cursorQuery = z.object({ cursor: z.string().max(500).optional() });

async function ledgerRows(app: AppContext, user: Principal, right: Right, sessions: Session[], cursor: string | undefined, shown: Shown) {
  const { t, format } = shown;
  const page = await entitlementLedger(app, user, right.id, { limit: LEDGER_PAGE, cursor });
  const names = centreNames(app);
  const sessionOf = new Map(sessions.map((session) => [session.ledgerTransactionId, session]));
  const rows = await Promise.all(
    page.items.map(async (entry) => {
      const session = sessionOf.get(entry.transactionId);
      return {
        movement: labelOr(t, `account.movements.${entry.kind}`, entry.kind),
        where: entry.account.type === 'voucher' ? t('account.onCheque', { code: entry.account.voucherCode ?? '' }) : '',
        amount: amountOf(entry.amount, right.balance.unit, shown),
        balanceAfter: amountOf(entry.balanceAfter, right.balance.unit, shown),
        centre: (await names(entry.centre?.id)) ?? '',
        date: format.date(entry.businessDate),
        counsellor: session?.counsellor ?? '',
        sessionKind: session ? t(`account.sessionKinds.${session.kind}`) : '',
      };
    }),
  );
  return { rows, next: page.nextCursor ? `?cursor=${encodeURIComponent(page.nextCursor)}` : undefined, first: cursor !== undefined };
}

const disputeForm = z.object({
  reason: z
    .string({ error: 'account.dispute.errors.reason' })
    .trim()
    .min(1, { error: 'account.dispute.errors.reason' })
    .max(2000, { error: 'account.dispute.errors.reasonLong' }),
});

/** The refusals of openDispute a citizen can meet, as the page says them. */
const DISPUTE_REFUSALS: Record<string, string> = {
  dispute_open: 'account.dispute.errors.open',
  session_reversed: 'account.dispute.errors.reversed',
};

function sessionShown(session: Session, shown: Shown, names: (id: string) => Promise<string | undefined>) {
  const { t, format } = shown;
  return names(session.centreId).then((centre) => ({
    id: session.id,
    date: format.date(session.date),
    hours: amountOf(session.hours.amount, 'HOUR', shown),
    counsellor: session.counsellor,
    kind: t(`account.sessionKinds.${session.kind}`),
    centre: centre ?? '',
    cheque: session.voucherCode,
    status:
      session.status === 'reversed' ? t('account.sessionStatus.reversed') : t(`account.disputeStatus.${session.dispute?.status ?? 'none'}`),
    disputable: session.status === 'recorded' && session.dispute?.status !== 'open',
  }));
}

export const accountPages = [
  definePage({
    method: 'get',
    path: '/citizen/account',
    access: ['citizen'],
    handle: async ({ app, user, t, format, language, render }) => {
      const rights = await rightsOf(app, user);
      const programmes = await programmesOf(
        app,
        rights.map((right) => right.programme),
      );
      const shown = { t, format, language };
      render('pages/citizen/account/rights.njk', {
        rights: rights.map((right) => rightSummary(right, programmes.get(right.programme), shown)),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/account/:id',
    access: ['citizen'],
    handle: async ({ app, user, params, query, t, format, language, render }) => {
      const right = await ownRight(app, user, params.id ?? '');
      const programme = (await programmesOf(app, [right.programme])).get(right.programme);
      const shown = { t, format, language };
      const { cursor } = cursorQuery.catch({}).parse(query);
      const sessions = await sessionsOfRight(app, user, right.id);
      const names = centreNames(app);
      render('pages/citizen/account/right.njk', {
        right: rightSummary(right, programme, shown),
        ...kindDetails(right, shown),
        sessions: await Promise.all(sessions.map((session) => sessionShown(session, shown, (id) => names(id)))),
        ledger: await ledgerRows(app, user, right, sessions, cursor, shown),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/account/:id/sessions/:sessionId/dispute',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, language, render }) => {
      const session = await ownSession(app, user, params.id ?? '', params.sessionId ?? '');
      const shown = { t, format, language };
      render('pages/citizen/account/dispute.njk', { rightId: params.id, session: await sessionShown(session, shown, centreNames(app)) });
    },
  }),
  definePage({
    method: 'post',
    path: '/citizen/account/:id/sessions/:sessionId/dispute',
    access: ['citizen'],
    handle: async ({ app, user, params, body, t, format, language, render, redirect }) => {
      const session = await ownSession(app, user, params.id ?? '', params.sessionId ?? '');
      const shown = { t, format, language };
      const page = async (errors: object, reason: unknown) =>
        render(
          'pages/citizen/account/dispute.njk',
          { rightId: params.id, session: await sessionShown(session, shown, centreNames(app)), errors, reason },
          400,
        );
      const form = parseForm(disputeForm, body, t);
      if (!form.ok) return page(form.errors, (body as { reason?: unknown }).reason);
      try {
        await openDispute(app, { principal: user, code: session.voucherCode, sessionId: session.id, reason: form.value.reason });
      } catch (error) {
        const refusal = error instanceof AppError ? DISPUTE_REFUSALS[error.code] : undefined;
        if (!refusal) throw error;
        return page(fieldProblem('reason', t(refusal)), form.value.reason);
      }
      redirect(`/citizen/account/${params.id}/sessions/${session.id}/disputed`);
    },
  }),
  definePage({
    method: 'get',
    path: '/citizen/account/:id/sessions/:sessionId/disputed',
    access: ['citizen'],
    handle: async ({ app, user, params, t, format, language, render }) => {
      const session = await ownSession(app, user, params.id ?? '', params.sessionId ?? '');
      if (session.dispute?.status !== 'open') throw notFound('Dispute');
      const shown = { t, format, language };
      render('pages/citizen/account/disputed.njk', { rightId: params.id, session: await sessionShown(session, shown, centreNames(app)) });
    },
  }),
];
