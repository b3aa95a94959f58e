// What a refusal says: the condition that explains it (within an `any`, the alternative the citizen
// got furthest on), and its message with the expected and actual values filled in.
import { expect } from 'chai';
import { compileRuleSet } from '../../server/eligibility/compiled-rule-set.js';
import { evaluateRuleSet } from '../../server/eligibility/evaluate.js';

const compiled = (rules: unknown[], parameters: Record<string, unknown> = {}) =>
  compileRuleSet({ id: 'unit', programmeCode: 'UNIT', version: 1, effectiveFrom: '2020-01-01', rules, parameters, revision: 'unit' });
const requirement = (code: string, conditions: unknown, message = { en: 'No.', nl: 'Nee.' }) => ({
  name: code,
  conditions,
  event: { type: 'requirement', params: { code, message } },
});

describe('refusal reasons', () => {
  it('when the expected value is a list, then the message shows its items; a placeholder of no value stays as written', async () => {
    const message = { en: 'Must be one of {expected}, not {actual} ({unknown}).', nl: 'Moet {expected} zijn, niet {actual}.' };
    const ruleSet = compiled(
      [requirement('working', { all: [{ fact: 'employmentStatus', operator: 'in', value: { param: 'statuses' } }] }, message)],
      { statuses: ['employee', 'self_employed'] },
    );
    const { eligible, reasons } = await evaluateRuleSet(ruleSet, { employmentStatus: 'student' }, '2026-01-01');
    expect(eligible).to.equal(false);
    expect(reasons).to.have.length(1);
    expect(reasons[0]).to.deep.include({
      code: 'working',
      fact: 'employmentStatus',
      operator: 'in',
      expected: ['employee', 'self_employed'],
      actual: 'student',
    });
    expect(reasons[0]!.messages).to.deep.equal({
      en: 'Must be one of employee, self_employed, not student ({unknown}).',
      nl: 'Moet employee, self_employed zijn, niet student.',
    });
  });

  it('when a recorded value is null, then the message shows it as "-"', async () => {
    const message = { en: 'Region {actual} is not {expected}.', nl: 'Regio {actual} is niet {expected}.' };
    const ruleSet = compiled([requirement('flemish', { all: [{ fact: 'residenceRegion', operator: 'equal', value: 'VLG' }] }, message)]);
    const { reasons } = await evaluateRuleSet(ruleSet, { residenceRegion: null }, '2026-01-01');
    expect(reasons.map((reason) => reason.messages.en)).to.deep.equal(['Region - is not VLG.']);
  });

  it('when one alternative of an `any` is met but a later condition fails, then the later condition explains the refusal', async () => {
    const ruleSet = compiled([
      requirement('working_adult', {
        all: [
          {
            any: [
              { fact: 'employmentStatus', operator: 'equal', value: 'employee' },
              { fact: 'inFullTimeEducation', operator: 'equal', value: true },
            ],
          },
          { fact: 'workExperienceDays', operator: 'greaterThanInclusive', value: 365 },
        ],
      }),
    ]);
    const { reasons } = await evaluateRuleSet(
      ruleSet,
      { employmentStatus: 'employee', inFullTimeEducation: false, workExperienceDays: 10 },
      '2026-01-01',
    );
    expect(reasons.map((reason) => [reason.code, reason.fact, reason.actual])).to.deep.equal([['working_adult', 'workExperienceDays', 10]]);
  });

  it('when every alternative of an `any` fails, then the one with a recorded fact explains it rather than one that is absent', async () => {
    const ruleSet = compiled([
      requirement('supported', {
        any: [
          { fact: 'benefits', operator: 'contains', value: 'UC' },
          { fact: 'employmentStatus', operator: 'equal', value: 'employee' },
        ],
      }),
    ]);
    const { reasons } = await evaluateRuleSet(ruleSet, { employmentStatus: 'student' }, '2026-01-01');
    expect(reasons.map((reason) => [reason.code, reason.fact])).to.deep.equal([
      ['supported', 'employmentStatus'],
      ['fact_missing', 'benefits'],
    ]);
  });
});
