// The dated flow parameters of each programme: one schema per kind (kinds/*.ts), used to check a
// change (PATCH, approval, a new programme) and to read the version in force for the flows. A
// version holds the full set of values in force from its date; a change names only what changes
// and inherits the rest.
import { Decimal } from 'decimal.js';
import type { ProgrammeKind } from './programme-model.js';
import { accruingAccount } from './kinds/accruing-account-parameters.js';
import { courseGrant } from './kinds/course-grant-parameters.js';
import { creditLots } from './kinds/credit-lots-parameters.js';
import { hoursVoucher } from './kinds/hours-voucher-parameters.js';
import type { KindParameters } from './kinds/kind-parameters.js';

const KINDS: Record<ProgrammeKind, KindParameters> = {
  hours_voucher: hoursVoucher,
  course_grant: courseGrant,
  accruing_account: accruingAccount,
  credit_lots: creditLots,
};

/** The schema a change is checked against: any subset of the kind's keys. */
export const parameterChangeSchema = (kind: ProgrammeKind) => KINDS[kind].schema.partial();

/** The schema of a programme's first version: every value its kind needs. */
export const wholeParametersSchema = (kind: ProgrammeKind) => KINDS[kind].schema;

/** The merged version must still be whole and coherent (an hours voucher: the cheques add up to the right). */
export function checkMergedParameters(kind: ProgrammeKind, values: Record<string, unknown>): string[] {
  const parsed = KINDS[kind].schema.safeParse(values);
  if (!parsed.success) return parsed.error.issues.map((issue) => `/values/${issue.path.join('/')}: ${issue.message}`);
  return KINDS[kind].coherence(parsed.data);
}

/**
 * None may move more than MAX_FACTOR times up or down against the version it follows: a slipped
 * digit is caught, and a real change of that size is made in steps, each approved.
 */
export const MAX_FACTOR = 10;

/** The money parameters `change` sets to another value than `previous` holds. */
export function moneyParametersChanged(
  kind: ProgrammeKind,
  previous: Record<string, unknown> | undefined,
  change: Record<string, unknown>,
): string[] {
  const money = KINDS[kind].moneyBounds;
  return Object.keys(change).filter((name) => name in money && JSON.stringify(change[name]) !== JSON.stringify(previous?.[name]));
}

/** Problems (`/values/<name>: message`) of money values out of bounds or moved too far at once. */
export function checkMoneyBounds(
  kind: ProgrammeKind,
  previous: Record<string, unknown> | undefined,
  values: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  for (const [name, max] of Object.entries(KINDS[kind].moneyBounds)) {
    const value = values[name];
    if (max === null || typeof value !== 'string') continue;
    const amount = new Decimal(value);
    const before = previous?.[name];
    if (amount.gt(max)) problems.push(`/values/${name}: must be at most ${max}`);
    else if (typeof before === 'string' && new Decimal(before).gt(0)) {
      const ratio = amount.div(before);
      if (ratio.gt(MAX_FACTOR) || ratio.lt(new Decimal(1).div(MAX_FACTOR))) {
        problems.push(`/values/${name}: must not change more than ${MAX_FACTOR}-fold in one version (${before} before it)`);
      }
    }
  }
  return problems;
}
