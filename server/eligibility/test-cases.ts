// A rule set's own test cases: base facts in, the expected decision out. A draft is checked
// against them on every save and cannot be approved until all pass; the bundled rule sets in
// rules/ carry theirs in a file beside them.
import type { FieldError } from '../errors.js';
import { isIsoDate } from '../shared/calendar.js';
import type { CompiledRuleSet } from './compiled-rule-set.js';
import { evaluateRuleSet } from './evaluate.js';
import { BASE_FACTS, type FactValues } from './fact-registry.js';
import { nextEligibleOn } from './next-eligible.js';

export type TestCase = {
  name: string;
  referenceDate: string;
  facts: FactValues;
  expected: { eligible: boolean; reasons?: string[]; nextEligibleOn?: string | null };
};

export type TestCaseResult = {
  name: string;
  passed: boolean;
  actual: { eligible: boolean; reasons: string[]; nextEligibleOn: string | null };
};

const MAX_CASES = 200;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function validateTestCases(cases: unknown, at = '/testCases'): FieldError[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(cases) || cases.length > MAX_CASES)
    return [{ path: at, message: `must be a list of at most ${MAX_CASES} test cases` }];
  cases.forEach((testCase, index) => {
    const path = `${at}/${index}`;
    if (!isObject(testCase)) return errors.push({ path, message: 'must be { "name", "referenceDate", "facts", "expected" }' });
    for (const key of Object.keys(testCase))
      if (!['name', 'referenceDate', 'facts', 'expected'].includes(key)) errors.push({ path: `${path}/${key}`, message: 'unknown key' });
    if (typeof testCase.name !== 'string' || testCase.name.length === 0 || testCase.name.length > 200)
      errors.push({ path: `${path}/name`, message: 'must be a text of 1-200 characters' });
    if (!isIsoDate(testCase.referenceDate)) errors.push({ path: `${path}/referenceDate`, message: 'must be a date as YYYY-MM-DD' });
    if (!isObject(testCase.facts)) errors.push({ path: `${path}/facts`, message: 'must be an object of base facts' });
    else
      for (const name of Object.keys(testCase.facts))
        if (!BASE_FACTS.includes(name))
          errors.push({ path: `${path}/facts/${name}`, message: `not a base fact; allowed: ${BASE_FACTS.join(', ')}` });
    const expected = testCase.expected;
    if (!isObject(expected) || typeof expected.eligible !== 'boolean')
      return errors.push({
        path: `${path}/expected`,
        message: 'must be { "eligible": boolean, "reasons"?: [codes], "nextEligibleOn"?: date | null }',
      });
    for (const key of Object.keys(expected))
      if (!['eligible', 'reasons', 'nextEligibleOn'].includes(key))
        errors.push({ path: `${path}/expected/${key}`, message: 'unknown key' });
    if (
      expected.reasons !== undefined &&
      !(Array.isArray(expected.reasons) && expected.reasons.every((code) => typeof code === 'string'))
    ) {
      errors.push({ path: `${path}/expected/reasons`, message: 'must be a list of reason codes' });
    }
    if (expected.nextEligibleOn !== undefined && expected.nextEligibleOn !== null && !isIsoDate(expected.nextEligibleOn)) {
      errors.push({ path: `${path}/expected/nextEligibleOn`, message: 'must be a date as YYYY-MM-DD or null' });
    }
  });
  return errors;
}

const sorted = (codes: readonly string[]) => [...codes].sort().join(',');

/** Runs every case against the rule set alone: no database, no clock. */
export async function runTestCases(ruleSet: CompiledRuleSet, cases: readonly TestCase[]): Promise<TestCaseResult[]> {
  return Promise.all(
    cases.map(async (testCase) => {
      const evaluation = await evaluateRuleSet(ruleSet, testCase.facts, testCase.referenceDate);
      const next = await nextEligibleOn(evaluation.reasons, testCase.facts, testCase.referenceDate, ruleSet);
      const actual = { eligible: evaluation.eligible, reasons: evaluation.reasons.map((reason) => reason.code), nextEligibleOn: next };
      const { expected } = testCase;
      const passed =
        actual.eligible === expected.eligible &&
        (expected.reasons === undefined || sorted(expected.reasons) === sorted(actual.reasons)) &&
        (expected.nextEligibleOn === undefined || expected.nextEligibleOn === actual.nextEligibleOn);
      return { name: testCase.name, passed, actual };
    }),
  );
}

export function summarise(results: readonly TestCaseResult[]) {
  const failures = results.filter((result) => !result.passed);
  return { total: results.length, passed: results.length - failures.length, failures: failures.slice(0, 20) };
}
