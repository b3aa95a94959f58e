// The rules of lots as pure functions, apart from the database: which lots of a programme's
// parameters are due to a citizen on a date, when a granted lot ends, and how a course's price is
// drawn from the lots that may pay for it (docs/design/programme-kinds.md: earliest expiry first,
// restricted before general, in the order the parameter deductionOrder puts those two criteria).
import { Decimal } from 'decimal.js';
import type { CreditLot, CreditLotsParameters } from '../programmes/programmes.js';
import { addDays, addYears, completedYears } from '../shared/calendar.js';

/** What a lot's conditions are judged on: the citizen's birth date and the groups the rule set puts them in. */
export type Grantee = { birthDate: string | undefined; groups: readonly string[] };

/** The lots due on `today`: within their grant window, old enough, in the group they name. */
export function dueLots(lots: readonly CreditLot[], grantee: Grantee, today: string): CreditLot[] {
  return lots.filter((lot) => {
    if (lot.grantedFrom !== null && today < lot.grantedFrom) return false;
    if (lot.grantedUntil !== null && today > lot.grantedUntil) return false;
    if (lot.fromAge !== null && (grantee.birthDate === undefined || completedYears(grantee.birthDate, today) < lot.fromAge)) return false;
    return lot.group === null || grantee.groups.includes(lot.group);
  });
}

/** The last day a lot granted on `grantedOn` pays: a fixed date, validYears later (the day before), or never (null). */
export function expiryOf(lot: Pick<CreditLot, 'expiresOn' | 'validYears'>, grantedOn: string): string | null {
  if (lot.expiresOn !== null) return lot.expiresOn;
  return lot.validYears === null ? null : addDays(addYears(grantedOn, lot.validYears), -1);
}

/** A granted lot as a claim sees it: what it may still give and what it may pay for. */
export type SpendableLot = {
  id: string;
  lot: string;
  grantedOn: string;
  expiresOn: string | null;
  courseTags: readonly string[];
  available: Decimal;
};

export type Draw = { lotGrantId: string; lot: string; amount: Decimal };

const restricted = (lot: SpendableLot) => lot.courseTags.length > 0;

/** Earlier expiry first; a lot that never ends comes after every lot that does. */
const byExpiry = (a: SpendableLot, b: SpendableLot) =>
  a.expiresOn === b.expiresOn ? 0 : a.expiresOn === null ? 1 : b.expiresOn === null ? -1 : a.expiresOn < b.expiresOn ? -1 : 1;
const byRestriction = (a: SpendableLot, b: SpendableLot) => Number(restricted(b)) - Number(restricted(a));
/** Ties: the older grant first, then the lot's name, so the same lots always draw the same way. */
const byGrant = (a: SpendableLot, b: SpendableLot) =>
  a.grantedOn === b.grantedOn ? (a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0) : a.grantedOn < b.grantedOn ? -1 : 1;

/** The lots that may pay for a course tagged `courseTags` on `today`, in the order they are drawn. */
export function payingLots(
  lots: readonly SpendableLot[],
  courseTags: readonly string[],
  order: CreditLotsParameters['deductionOrder'],
  today: string,
): SpendableLot[] {
  const [first, second] = order === 'earliest_expiry_first' ? [byExpiry, byRestriction] : [byRestriction, byExpiry];
  return lots
    .filter((lot) => (lot.expiresOn === null || lot.expiresOn >= today) && lot.available.gt(0))
    .filter((lot) => !restricted(lot) || lot.courseTags.some((tag) => courseTags.includes(tag)))
    .sort((a, b) => first(a, b) || second(a, b) || byGrant(a, b));
}

/** The course's price (or what the paying lots hold, when less) drawn from them in order. */
export function drawsFor(paying: readonly SpendableLot[], price: Decimal): Draw[] {
  const draws: Draw[] = [];
  let left = price;
  for (const lot of paying) {
    if (left.lte(0)) break;
    const amount = Decimal.min(lot.available, left);
    draws.push({ lotGrantId: lot.id, lot: lot.lot, amount });
    left = left.minus(amount);
  }
  return draws;
}
