// How a cheque reads on the citizen's pages: its code and client number in groups that can be read
// out over a counter or the phone, its hours and co-payment written the reader's way, and what the
// citizen may do with it in its state. Rendered by the cheque's state, never by programme code.
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { notFound } from '../../../errors.js';
import type { Language } from '../../../shared/language.js';
import { myEntitlements, readVoucher } from '../../../vouchers/vouchers.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';

export type Shown = { t: Translate; format: Formats; language: Language };
export type Cheque = Awaited<ReturnType<typeof readVoucher>>;
export type Right = Awaited<ReturnType<typeof myEntitlements>>['items'][number];

const CODE = /^[A-Za-z][A-Za-z0-9]{1,9}-[0-9A-Za-z]{10}$/;
/** States in which the citizen may still cancel a cheque (the vouchers component's rule). */
export const CANCELLABLE: readonly string[] = ['awaiting_payment', 'issued'];

/** The citizen's own cheque by its code; anything else (a malformed code, another citizen's cheque) is the portal's 404. */
export async function ownCheque(app: AppContext, user: Principal, code: string): Promise<Cheque> {
  if (!CODE.test(code)) throw notFound('Voucher');
  return readVoucher(app, user, code);
}

/** "LBC-7K3M9Q2XWT" as ["LBC", "7K3M", "9Q2X", "WT"]: groups of four after the programme's prefix. */
export const groupsOf = (text: string): string[] => {
  const [prefix, rest] = text.includes('-') ? [text.slice(0, text.indexOf('-')), text.slice(text.indexOf('-') + 1)] : ['', text];
  return [...(prefix ? [prefix] : []), ...(rest.match(/.{1,4}/g) ?? [])];
};

export function chequeShown(cheque: Cheque, { t, format }: Shown) {
  return {
    code: cheque.code,
    codeGroups: groupsOf(cheque.code),
    clientNumber: cheque.clientNumber ?? '',
    clientNumberGroups: groupsOf(cheque.clientNumber ?? ''),
    status: cheque.status,
    statusText: t(`cheque.status.${cheque.status}`),
    hours: t('claim.hoursValue', { hours: format.hours(cheque.hours.amount) }),
    remaining: cheque.remainingHours ? t('claim.hoursValue', { hours: format.hours(cheque.remainingHours.amount) }) : undefined,
    coPayment: format.money(cheque.coPayment.amount, cheque.coPayment.currency),
    coPaymentStatus: cheque.coPayment.status,
    dueBy: format.date(cheque.coPayment.dueBy),
    issuedOn: cheque.issuedOn ? format.date(cheque.issuedOn) : undefined,
    validUntil: cheque.validUntil ? format.date(cheque.validUntil) : undefined,
    entitlementId: cheque.entitlementId,
    cancellable: CANCELLABLE.includes(cheque.status),
  };
}

/** Every right of the citizen, as GET /v1/me/entitlements pages them (a citizen holds a handful). */
export async function allRights(app: AppContext, user: Principal): Promise<Right[]> {
  const rights: Right[] = [];
  let cursor: string | undefined;
  do {
    const page = await myEntitlements(app, user, { limit: 100, cursor });
    rights.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rights;
}

/** The citizen's own right; anyone else's is the portal's 404. */
export async function ownRight(app: AppContext, user: Principal, id: string): Promise<Right> {
  const right = (await allRights(app, user)).find((candidate) => candidate.id === id);
  if (!right) throw notFound('Entitlement');
  return right;
}
