import { expect } from 'chai';
import { compileRuleSet } from '../../server/eligibility/compiled-rule-set.js';
import { evaluateRuleSet } from '../../server/eligibility/evaluate.js';
import { loadRuleFiles } from '../../server/eligibility/rule-files.js';

const message = { en: 'No.', nl: 'Nee.' };
const compiled = (rules: unknown[], parameters: Record<string, unknown> = {}) =>
  compileRuleSet({ id: 'unit', programmeCode: 'UNIT', version: 1, effectiveFrom: '2020-01-01', rules, parameters, revision: 'unit' });
const requirement = (name: string, conditions: unknown, priority = 1) => ({
  name,
  priority,
  conditions,
  event: { type: 'requirement', params: { code: name.replace(/ /g, '_'), message } },
});

describe('rule evaluation', () => {
  it('when a fact is absent, then even notEqual and notIn fail instead of passing', async () => {
    const ruleSet = compiled([
      requirement('not retired', { all: [{ fact: 'employmentStatus', operator: 'notEqual', value: 'retired' }] }),
      requirement('not in region', { all: [{ fact: 'residenceRegion', operator: 'notIn', value: ['WAL'] }] }),
    ]);
    const result = await evaluateRuleSet(ruleSet, {}, '2026-01-01');
    expect(result.eligible).to.equal(false);
    expect(result.reasons.map((reason) => [reason.code, reason.fact, reason.requirement])).to.deep.equal([
      ['fact_missing', 'employmentStatus', 'not_retired'],
      ['fact_missing', 'residenceRegion', 'not_in_region'],
    ]);
  });

  it('when amounts are compared, then decimals are exact (no float rounding)', async () => {
    const ruleSet = compiled([
      requirement('low income', { all: [{ fact: 'annualIncome', path: '$.amount', operator: 'decimalLessThan', value: '0.30' }] }),
    ]);
    const facts = (amount: string) => ({ annualIncome: { amount, currency: 'GBP', year: 2026, evidenceDate: '2026-01-01' } });
    expect((await evaluateRuleSet(ruleSet, facts('0.29'), '2026-02-01')).eligible).to.equal(true);
    expect((await evaluateRuleSet(ruleSet, facts('0.30'), '2026-02-01')).eligible).to.equal(false);
  });

  it('when 100 decisions on rules of several priorities run at once, then they equal the sequential ones', async () => {
    const files = loadRuleFiles();
    const cases = files.flatMap((file) => {
      const ruleSet = compileRuleSet({ ...file, id: file.programmeCode, version: 1, revision: 'concurrency' });
      return file.testCases.map((testCase) => ({ ruleSet, testCase }));
    });
    const runs = Array.from({ length: 100 }, (_, index) => cases[index % cases.length]!);
    const summary = (result: Awaited<ReturnType<typeof evaluateRuleSet>>) => JSON.stringify([result.eligible, result.reasons]);
    const sequential: string[] = [];
    for (const { ruleSet, testCase } of runs)
      sequential.push(summary(await evaluateRuleSet(ruleSet, testCase.facts, testCase.referenceDate)));
    const concurrent = await Promise.all(
      runs.map(async ({ ruleSet, testCase }) => summary(await evaluateRuleSet(ruleSet, testCase.facts, testCase.referenceDate))),
    );
    expect(concurrent).to.deep.equal(sequential);
    expect(new Set(sequential).size).to.be.greaterThan(10);
  });
});
