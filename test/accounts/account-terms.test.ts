// The accruing account's money rules (pure) and the group rules a rule set uses to define who is
// boosted or exempt.
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { accountTermsOf, accrualOf, drawsFor } from '../../server/accounts/account-terms.js';
import { compileRuleSet } from '../../server/eligibility/compiled-rule-set.js';
import { evaluateRuleSet } from '../../server/eligibility/evaluate.js';
import { validateRuleSet } from '../../server/eligibility/rule-schema.js';
import { AppError } from '../../server/errors.js';
import { CPF_VALUES } from './account-fixtures.js';

const d = (text: string) => new Decimal(text);

describe('accruing account terms', () => {
  it('when a year accrues, then it is the yearly amount, cut at the ceiling, and nothing once the ceiling is reached', () => {
    const terms = { yearlyAccrual: d('500'), ceiling: d('5000') };
    expect([d('0'), d('4700'), d('5000'), d('5200')].map((balance) => accrualOf(terms, balance).toFixed(2))).to.deep.equal([
      '500.00',
      '300.00',
      '0.00',
      '0.00',
    ]);
  });

  it('when a citizen is in the boost group or an exempt group, then the boost and no co-payment apply; otherwise the plain terms', () => {
    const plain = accountTermsOf('CPF', CPF_VALUES, '2026-01-01', []);
    const both = accountTermsOf('CPF', CPF_VALUES, '2026-01-01', ['low_qualified', 'jobseeker']);
    expect([plain.yearlyAccrual, plain.ceiling, plain.coPayment].map(String)).to.deep.equal(['500', '5000', '100']);
    expect([both.yearlyAccrual, both.ceiling, both.coPayment].map(String)).to.deep.equal(['800', '8000', '0']);
    expect(plain.referencePrefix).to.equal('CPF');
    expect(accountTermsOf('CPF', { ...CPF_VALUES, boost: null }, '2026-01-01', ['low_qualified']).ceiling.toString()).to.equal('5000');
  });

  it('when no version is in force or it does not read, then 503 programme_not_configured', () => {
    for (const values of [undefined, { yearlyAccrual: 'x' }]) {
      expect(() => accountTermsOf('CPF', values, '2026-01-01', []))
        .to.throw(AppError)
        .with.property('code', 'programme_not_configured');
    }
  });

  it('when a course is bought, then the top-ups are drawn in order before own money, as far as they reach', () => {
    const topUps = [
      { accountId: 't1', available: d('100') },
      { accountId: 't2', available: d('50') },
    ];
    const own = { accountId: 'own', available: d('400') };
    const drawn = drawsFor(d('300'), topUps, own);
    expect(drawn.funded.toString()).to.equal('300');
    expect(drawn.draws.map((draw) => [draw.accountId, draw.amount.toString()])).to.deep.equal([
      ['t1', '100'],
      ['t2', '50'],
      ['own', '150'],
    ]);
    expect(drawsFor(d('1000'), topUps, own).funded.toString()).to.equal('550');
    expect(drawsFor(d('10'), [], { accountId: 'own', available: d('0') }).draws).to.deep.equal([]);
  });
});

describe('group rules', () => {
  const requirement = {
    name: 'adult',
    conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }] },
    event: { type: 'requirement', params: { code: 'too_young', message: { en: 'Too young.', nl: 'Te jong.' } } },
  };
  const group = (name: string, value: number) => ({
    name,
    conditions: { all: [{ fact: 'workExperienceDays', operator: 'lessThan', value }] },
    event: { type: 'group', params: { group: name } },
  });

  it('when a group rule is malformed, then each problem is named; a well-formed one passes', () => {
    const bad = [
      { ...group('low_qualified', 730), event: { type: 'group', params: { group: 'Low Qualified' } } },
      { ...group('other', 730), event: { type: 'group', params: [] } },
      { ...group('third', 730), event: { type: 'group', params: { group: 'third', code: 'x' } } },
      { ...group('fourth', 730), event: { type: 'bonus', params: { group: 'fourth' } } },
    ];
    const paths = validateRuleSet({ rules: [requirement, ...bad], parameters: {} }).map((problem) => problem.path);
    expect(paths).to.include.members([
      '/rules/1/event/params/group',
      '/rules/2/event/params',
      '/rules/3/event/params/code',
      '/rules/4/event/type',
    ]);
    expect(validateRuleSet({ rules: [requirement, group('low_qualified', 730)], parameters: {} })).to.deep.equal([]);
  });

  it('when a citizen matches a group rule, then they are in the group; when not, they are still eligible', async () => {
    const ruleSet = compileRuleSet({
      id: 'groups',
      programmeCode: 'CPF',
      version: 1,
      effectiveFrom: '2026-01-01',
      rules: [requirement, group('low_qualified', 730), group('newcomer', 100)],
      parameters: {},
      revision: 'test',
    });
    expect(ruleSet.groups).to.deep.equal(['low_qualified', 'newcomer']);
    const inOne = await evaluateRuleSet(ruleSet, { birthDate: '1980-01-01', workExperienceDays: 500 }, '2026-06-01');
    expect([inOne.eligible, inOne.groups, inOne.reasons]).to.deep.equal([true, ['low_qualified'], []]);
    const inNone = await evaluateRuleSet(ruleSet, { birthDate: '1980-01-01', workExperienceDays: 5000 }, '2026-06-01');
    expect([inNone.eligible, inNone.groups]).to.deep.equal([true, []]);
  });
});
