// Each fact carries the date it was recorded, because eligibility asks how old a piece of
// knowledge is (income evidence, for instance). Replacing the facts re-dates only what changed:
// a fact given again with the same value keeps the date it was first recorded.
import { isDeepStrictEqual } from 'node:util';
import type { CitizenFacts, FactName } from './citizen-facts.js';

export type FactsRecordedOn = Partial<Record<FactName, string>>;

export function recordFacts(
  previous: { facts: CitizenFacts; recordedOn: FactsRecordedOn } | undefined,
  next: CitizenFacts,
  today: string,
): FactsRecordedOn {
  const recordedOn: FactsRecordedOn = {};
  for (const name of Object.keys(next) as FactName[]) {
    const kept = previous?.recordedOn[name];
    const unchanged = previous !== undefined && name in previous.facts && isDeepStrictEqual(previous.facts[name], next[name]);
    recordedOn[name] = unchanged && kept ? kept : today;
  }
  return recordedOn;
}
