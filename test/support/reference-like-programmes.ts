// Programmes of a test's own shaped like the seeded reference programmes: LBC's parameters and
// bundled rules (rules/lbc, with their test cases) as an hours voucher programme, ITA's as a
// course grant programme, each with its own code and budget. A test that changes parameters
// (fees, places, closing dates) or spends or holds a whole budget does it on one of these, never
// on the shared LBC or ITA, so other files and a test run alone see the same programme.
import { REFERENCE_PROGRAMMES } from '../../seeders/10-ref-programmes.js';
import { loadRuleFiles } from '../../server/eligibility/rule-files.js';
import type { Harness } from './harness.js';
import { openProgramme, type OpenedProgramme, type RuleSetDraft } from './programme-factory.js';

type ReferenceCode = (typeof REFERENCE_PROGRAMMES)[number]['code'];

/** The reference programme's latest seeded parameter version. */
export const referenceValues = (code: ReferenceCode): Record<string, unknown> => {
  const versions = REFERENCE_PROGRAMMES.find((programme) => programme.code === code)!.parameters;
  return { ...versions[versions.length - 1]!.values };
};

/** The reference programme's bundled rule set (rules/<code>) with its test cases, as a draft. */
export const referenceRules = (code: ReferenceCode): RuleSetDraft => {
  const file = loadRuleFiles().find((candidate) => candidate.programmeCode === code && !candidate.draft)!;
  return { rules: file.rules, parameters: file.parameters, testCases: file.testCases, note: `copy of rules/${code.toLowerCase()}` };
};

export type LikeOptions = {
  /** Over the reference values of the first version. */
  values?: Record<string, unknown>;
  /** The programme's own budget; a large one unless the test needs it small. */
  budget?: string;
};

/** An hours voucher programme like LBC (EUR, 7 hours as 4 + 3, EUR 45, 140.256 an hour), opened today. */
export const openLbcLike = (h: Harness, options: LikeOptions = {}): Promise<OpenedProgramme> =>
  openProgramme(h, {
    kind: 'hours_voucher',
    currency: 'EUR',
    values: { ...referenceValues('LBC'), ...options.values },
    ruleSet: referenceRules('LBC'),
    budget: options.budget ?? '1000000.00',
  });

/** A course grant programme like ITA (GBP 200 a year, 4 weeks to verify, 17,500 places), opened today. */
export const openItaLike = (h: Harness, options: LikeOptions = {}): Promise<OpenedProgramme> =>
  openProgramme(h, {
    kind: 'course_grant',
    currency: 'GBP',
    values: { ...referenceValues('ITA'), ...options.values },
    ruleSet: referenceRules('ITA'),
    budget: options.budget ?? '100000.00',
  });
