// `nextEligibleOn`: the date on which time alone makes the citizen eligible (a birthday, the end
// of a waiting period), when one exists. Only refusals on clock-driven facts have such a date;
// the candidate is then checked by evaluating the same rule set again on that date with the same
// base facts, so evidence that will be too old by then gives no date at all. The decision's own
// rule set is used (a later rule change is not "time alone"), which keeps a replay exact.
import { addDays, addDuration, addYears, isDuration, isIsoDate } from '../shared/calendar.js';
import type { CompiledRuleSet } from './compiled-rule-set.js';
import { evaluateRuleSet, type Reason } from './evaluate.js';
import type { FactValues } from './fact-registry.js';

type Cure = (reason: Reason, base: FactValues) => string | undefined;

const integerCure =
  (source: string, add: (date: string, amount: number) => string): Cure =>
  (reason, base) => {
    const start = base[source];
    const expected = reason.expected;
    if (!isIsoDate(start) || typeof expected !== 'number' || !Number.isInteger(expected)) return undefined;
    if (reason.operator === 'greaterThanInclusive') return add(start, expected);
    if (reason.operator === 'greaterThan') return add(start, expected + 1);
    return undefined;
  };

const CURES: Record<string, Cure> = {
  age: integerCure('birthDate', addYears),
  daysSinceLastEntitlement: integerCure('lastEntitlementStart', addDays),
  timeSinceLastEntitlement: (reason, base) => {
    const start = base.lastEntitlementStart;
    return reason.operator === 'durationAtLeast' && isIsoDate(start) && isDuration(reason.expected)
      ? addDuration(start, reason.expected)
      : undefined;
  },
};

export async function nextEligibleOn(
  reasons: readonly Reason[],
  base: FactValues,
  referenceDate: string,
  ruleSet: CompiledRuleSet,
): Promise<string | null> {
  if (reasons.length === 0) return null;
  let candidate = referenceDate;
  for (const reason of reasons) {
    const cure = reason.fact ? CURES[reason.fact] : undefined;
    const date = cure?.(reason, base);
    if (!date) return null;
    if (date > candidate) candidate = date;
  }
  if (candidate <= referenceDate) return null;
  return (await evaluateRuleSet(ruleSet, base, candidate)).eligible ? candidate : null;
}
