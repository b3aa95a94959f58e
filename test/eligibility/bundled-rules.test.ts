// Every rule and every boundary of both programmes, as the bundled rule sets' own test cases
// (rules/<programme>/cases.json), plus what the reasons say about the boundaries.
import { expect } from 'chai';
import { compileRuleSet, type CompiledRuleSet } from '../../server/eligibility/compiled-rule-set.js';
import { evaluateRuleSet } from '../../server/eligibility/evaluate.js';
import { loadRuleFiles, type RuleFile } from '../../server/eligibility/rule-files.js';
import { runTestCases } from '../../server/eligibility/test-cases.js';

const files = loadRuleFiles();
const compiledFile = (file: RuleFile): CompiledRuleSet => compileRuleSet({ ...file, id: file.programmeCode, version: 1, revision: 'test' });
/** A programme's rules in force as published (not a draft of a change, such as rules/lbc-interim-2025). */
const compiled = (code: string): CompiledRuleSet =>
  compiledFile(files.find((candidate) => candidate.programmeCode === code && !candidate.draft)!);

describe('bundled rule sets', () => {
  for (const file of files) {
    describe(`${file.programmeCode} from ${file.effectiveFrom}`, () => {
      for (const testCase of file.testCases) {
        it(`when ${testCase.name}, then the decision is as expected`, async () => {
          const [result] = await runTestCases(compiledFile(file), [testCase]);
          expect(result!.actual.eligible).to.equal(testCase.expected.eligible);
          if (testCase.expected.reasons) expect([...result!.actual.reasons].sort()).to.deep.equal([...testCase.expected.reasons].sort());
          if (testCase.expected.nextEligibleOn !== undefined)
            expect(result!.actual.nextEligibleOn).to.equal(testCase.expected.nextEligibleOn);
          expect(result!.passed).to.equal(true);
        });
      }
    });
  }

  const itaEmployee = {
    birthDate: '1990-05-01',
    residenceCountry: 'GB',
    residenceRegion: 'SCT',
    employmentStatus: 'employee',
    annualIncome: { amount: '22000.00', currency: 'GBP', year: 2026, evidenceDate: '2026-10-01' },
    benefits: [],
    inFullTimeEducation: false,
    inOtherFundedProgramme: false,
    budgetRemaining: '10.00',
  };

  it('when an employee earns exactly the threshold, then the reason names the amount, the operator and both values', async () => {
    const { reasons } = await evaluateRuleSet(compiled('ITA'), itaEmployee, '2026-11-22');
    expect(reasons).to.have.length(1);
    expect(reasons[0]).to.include({
      code: 'income_not_eligible',
      fact: 'annualIncome.amount',
      operator: 'decimalLessThan',
      expected: '22000.00',
      actual: '22000.00',
    });
    expect(reasons[0]!.messages.en).to.contain('22,000');
    expect(reasons[0]!.messages.nl).to.contain('22.000');
  });

  it('when evidence is a day older than 3 months, then actual and expected are durations', async () => {
    const facts = { ...itaEmployee, annualIncome: { ...itaEmployee.annualIncome, amount: '100.00', evidenceDate: '2026-08-21' } };
    const { reasons } = await evaluateRuleSet(compiled('ITA'), facts, '2026-11-22');
    expect(reasons.map(({ messages: _m, ...reason }) => reason)).to.deep.equal([
      { code: 'evidence_too_old', fact: 'evidenceAge', operator: 'durationAtMost', expected: 'P3M', actual: 'P3M1D' },
    ]);
  });

  it('when work experience is 2,554 days, then the reason says 2555 expected and 2554 recorded, in English and Dutch', async () => {
    const facts = {
      residenceCountry: 'BE',
      residenceRegion: 'VLG',
      workRegion: 'VLG',
      employmentStatus: 'employee',
      workExperienceDays: 2554,
      lastEntitlementStart: null,
    };
    const { reasons, facts: snapshot } = await evaluateRuleSet(compiled('LBC'), facts, '2026-01-01');
    expect(reasons[0]).to.deep.include({ code: 'work_experience_too_short', expected: 2555, actual: 2554 });
    expect(reasons[0]!.messages).to.deep.equal({
      en: 'At least 2555 days of work experience are needed; 2554 are recorded.',
      nl: 'Er is minstens 2555 dagen werkervaring nodig; er zijn er 2554 geregistreerd.',
    });
    expect(snapshot).to.include({ daysSinceLastEntitlement: null, timeSinceLastEntitlement: null });
  });

  it('when a fact is missing, then the reason names the base fact and the requirement it blocks', async () => {
    const { birthDate: _omitted, ...facts } = { ...itaEmployee, annualIncome: { ...itaEmployee.annualIncome, amount: '100.00' } };
    const { eligible, reasons } = await evaluateRuleSet(compiled('ITA'), facts, '2026-11-22');
    expect(eligible).to.equal(false);
    expect(reasons.map(({ messages: _m, ...reason }) => reason)).to.deep.equal([
      {
        code: 'fact_missing',
        fact: 'birthDate',
        operator: 'greaterThanInclusive',
        expected: 16,
        actual: null,
        requirement: 'below_minimum_age',
      },
    ]);
  });
});
