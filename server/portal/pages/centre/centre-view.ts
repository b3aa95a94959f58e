// What the centre's pages share: the centre a staff member acts for, its standing, and how a
// cheque and its sessions read on a page.
import type { Principal } from '../../../auth/principal.js';
import { notFound } from '../../../errors.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import type { readCentreVoucher } from '../../../vouchers/vouchers.js';
import type { CentreStanding } from '../../centre-standing.js';

export type Shown = { t: Translate; format: Formats };

/** The one centre this staff member acts for (a centre login always has one). */
export function centreOf(user: Principal): string {
  if (user.centreId === null) throw notFound('Centre');
  return user.centreId;
}

export const isRestricted = (standing: CentreStanding | undefined) => standing?.restricted ?? false;

type CentreCheque = Awaited<ReturnType<typeof readCentreVoucher>>;

export const chequeShown = (cheque: CentreCheque, { t, format }: Shown) => ({
  code: cheque.code,
  status: cheque.status,
  statusText: t(`centre.cheque.status.${cheque.status}`),
  hours: format.hours(cheque.hours.amount),
  remaining: format.hours(cheque.remainingHours?.amount ?? '0'),
  validUntil: cheque.validUntil ? format.date(cheque.validUntil) : '',
  registeredOn: cheque.registeredAt ? format.date(cheque.registeredAt) : '',
  sessions: cheque.sessions.map((session) => ({
    date: format.date(session.date),
    hours: format.hours(session.hours.amount),
    counsellor: session.counsellor,
    kind: t(`centre.session.kinds.${session.kind}`),
    state:
      session.status === 'reversed'
        ? t('centre.cheque.sessionReversed')
        : session.dispute?.status === 'open'
          ? t('centre.cheque.sessionDisputed', { date: format.date(session.dispute.createdAt) })
          : t('centre.cheque.sessionRecorded'),
  })),
  plan: cheque.developmentPlan as { summary: string; goals: string[] } | null,
});
