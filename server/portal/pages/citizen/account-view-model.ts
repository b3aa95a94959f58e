// How a citizen's right reads in the account pages: its programme's name and kind, its balance in
// hours or money, and each of its applications, lots, top-ups, cheques and ledger movements with
// amounts and dates written the reader's way. Rendered by kind, never by programme code.
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { centreName } from '../../../centres/centres.js';
import type { LotView } from '../../../credit-lots/credit-lots.js';
import { findProgramme, type ProgrammeRow } from '../../../programmes/programmes.js';
import type { Language } from '../../../shared/language.js';
import { myEntitlements } from '../../../vouchers/vouchers.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';

export type Right = Awaited<ReturnType<typeof myEntitlements>>['items'][number];
type Money = { amount: string; currency: string };

/** Application states in which the citizen may still cancel (the applications component's rule). */
export const CANCELLABLE = ['pending_verification', 'verified'];

/** Every right of the citizen, oldest first (a citizen holds a handful: one per programme and period). */
export async function rightsOf(app: AppContext, user: Principal): Promise<Right[]> {
  const rights: Right[] = [];
  let cursor: string | undefined;
  do {
    const page = await myEntitlements(app, user, { limit: 100, cursor });
    rights.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rights;
}

/** The programmes of these rights, by code. */
export async function programmesOf(app: AppContext, codes: readonly string[]): Promise<Map<string, ProgrammeRow>> {
  const found = await Promise.all([...new Set(codes)].map((code) => findProgramme(app.sequelize, code)));
  return new Map(found.flatMap((programme) => (programme ? [[programme.code, programme] as const] : [])));
}

/** Centre names by id, each read once per page. */
export function centreNames(app: AppContext) {
  const names = new Map<string, Promise<string | undefined>>();
  return (id: string | null | undefined): Promise<string | undefined> => {
    if (!id) return Promise.resolve(undefined);
    const known = names.get(id) ?? centreName(app.sequelize, id);
    names.set(id, known);
    return known;
  };
}

export type Shown = { t: Translate; format: Formats; language: Language };

/** An amount of the right's unit: hours, or money in its currency. */
export const amountOf = (amount: string, unit: string, { t, format }: Shown) =>
  unit === 'HOUR' ? t('account.hours', { hours: format.hours(amount) }) : format.money(amount, unit);

const moneyOf = (money: Money, { format }: Shown) => format.money(money.amount, money.currency);

export function rightSummary(right: Right, programme: ProgrammeRow | undefined, shown: Shown) {
  const { t, format, language } = shown;
  const unit = right.balance.unit;
  return {
    id: right.id,
    name: programme ? (language === 'nl' ? programme.nameNl : programme.name) : right.programme,
    kind: programme?.kind ?? 'hours_voucher',
    status: t(`account.rightStatus.${right.status}`),
    period: t('account.period', { from: format.date(right.periodStart), to: format.date(right.periodEnd) }),
    granted: amountOf(right.balance.granted, unit, shown),
    reserved: amountOf(right.balance.reserved, unit, shown),
    used: amountOf(right.balance.used, unit, shown),
    available: amountOf(right.balance.available, unit, shown),
  };
}

type ApplicationOfRight = Extract<Right, { applications: unknown }>['applications'][number];

export function applicationRow(application: ApplicationOfRight, shown: Shown) {
  const { t, format } = shown;
  return {
    reference: application.reference,
    course: application.course.title,
    provider: application.provider.name,
    status: t(`courses.status.${application.status}`),
    funded: moneyOf(application.fundedAmount, shown),
    learnerPart: moneyOf(application.learnerPart, shown),
    appliedOn: format.date(application.appliedOn),
    verifyBy: format.date(application.verifyBy),
    courseStart: application.claim?.courseStartDate ? format.date(application.claim.courseStartDate) : t('account.notYet'),
    cancellable: CANCELLABLE.includes(application.status),
  };
}

/** A credit-lots right's lots (the right's read adds them by kind, so its type cannot say which rights have them). */
const lotsOf = (right: Right): LotView[] => ('lots' in right ? ((right as { lots?: LotView[] }).lots ?? []) : []);

export function kindDetails(right: Right, shown: Shown) {
  const { t, format } = shown;
  return {
    vouchers:
      'vouchers' in right
        ? right.vouchers.map((voucher) => ({
            code: voucher.code,
            hours: amountOf(voucher.hours.amount, 'HOUR', shown),
            remaining: voucher.remainingHours ? amountOf(voucher.remainingHours.amount, 'HOUR', shown) : '',
            status: t(`account.voucherStatus.${voucher.status}`),
            validUntil: voucher.validUntil ? format.date(voucher.validUntil) : '',
          }))
        : [],
    applications: 'applications' in right ? right.applications.map((application) => applicationRow(application, shown)) : [],
    lots: lotsOf(right).map((lot) => ({
      name: lot.lot,
      amount: moneyOf(lot.amount, shown),
      balance: moneyOf(lot.balance, shown),
      held: moneyOf(lot.held, shown),
      expiresOn: lot.expiresOn ? format.date(lot.expiresOn) : t('account.never'),
      status: t(`account.lotStatus.${lot.status}`),
      tags: lot.courseTags.length > 0 ? lot.courseTags.join(', ') : t('account.anyCourse'),
    })),
    topUps:
      'topUps' in right && right.topUps
        ? right.topUps.map((topUp) => ({
            funder: topUp.funder,
            amount: moneyOf(topUp.amount, shown),
            balance: moneyOf(topUp.balance, shown),
            deadline: topUp.deadline ? format.date(topUp.deadline) : t('account.never'),
            receivedOn: format.date(topUp.receivedOn),
          }))
        : [],
  };
}
