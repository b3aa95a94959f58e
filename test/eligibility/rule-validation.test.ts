// Invalid drafts: every problem is reported with a JSON pointer to the offending part.
import { expect } from 'chai';
import { validateRuleSet } from '../../server/eligibility/rule-schema.js';
import { validateTestCases } from '../../server/eligibility/test-cases.js';

const message = { en: 'Too short.', nl: 'Te kort.' };
const rule = (conditions: unknown, extra: Record<string, unknown> = {}) => ({
  name: 'experience',
  conditions,
  event: { type: 'requirement', params: { code: 'work_experience_too_short', message } },
  ...extra,
});
const leaf = (extra: Record<string, unknown> = {}) => ({
  fact: 'workExperienceDays',
  operator: 'greaterThanInclusive',
  value: { param: 'minDays' },
  ...extra,
});
const check = (rules: unknown, parameters: unknown = { minDays: 2555 }) => validateRuleSet({ rules, parameters });
const paths = (rules: unknown, parameters?: unknown) => check(rules, parameters).map((error) => error.path);

describe('rule set validation', () => {
  it('when a rule set is well formed, then there is nothing to report', () => {
    expect(check([rule({ all: [leaf()] })])).to.deep.equal([]);
  });

  it('when a condition names a fact recorded for statistics only (sex), then it is refused at that fact: no rule decides on it', () => {
    const errors = check([rule({ all: [leaf(), leaf({ fact: 'sex', operator: 'equal', value: 'female' })] })]);
    expect(errors).to.deep.equal([
      { path: '/rules/0/conditions/all/1/fact', message: 'is recorded for reach statistics only: no rule may decide on it' },
    ]);
    expect(check([rule({ all: [leaf({ fact: 'shoeSize' })] })])[0]!.message).not.to.contain('sex');
  });

  it('when a condition names an unknown fact, then the pointer ends at that fact', () => {
    const errors = check([rule({ all: [leaf()] }), rule({ all: [leaf(), leaf({ fact: 'shoeSize' })] }, { name: 'second' })]);
    expect(errors).to.have.length(1);
    expect(errors[0]!.path).to.equal('/rules/1/conditions/all/1/fact');
    expect(errors[0]!.message).to.contain('unknown fact');
  });

  it('when a condition uses an unknown or decorated operator, then the operator is pointed at', () => {
    expect(paths([rule({ all: [leaf({ operator: 'regex' })] })])).to.deep.equal(['/rules/0/conditions/all/0/operator']);
    expect(paths([rule({ all: [leaf({ operator: 'not:equal' })] })])).to.deep.equal(['/rules/0/conditions/all/0/operator']);
    expect(paths([rule({ all: [leaf({ operator: 'toString' })] })])).to.deep.equal(['/rules/0/conditions/all/0/operator']);
  });

  it('when an operator does not fit the fact type, then it is refused', () => {
    expect(paths([rule({ all: [leaf({ operator: 'decimalLessThan' })] })])).to.deep.equal(['/rules/0/conditions/all/0/operator']);
  });

  it('when "not" or a named condition is used, then it is refused because a missing fact would pass', () => {
    expect(paths([rule({ not: leaf() })])).to.deep.equal(['/rules/0/conditions']);
    expect(paths([rule({ condition: 'shared' })])).to.deep.equal(['/rules/0/conditions']);
  });

  it('when a path is a JSONPath expression or names an unknown field, then the path is refused', () => {
    const income = (path: string) => ({ fact: 'annualIncome', path, operator: 'decimalLessThan', value: '22000.00' });
    expect(check([rule({ all: [income('$.amount')] })], {})).to.deep.equal([]);
    expect(paths([rule({ all: [income('$..amount')] })])).to.deep.equal(['/rules/0/conditions/all/0/path']);
    expect(paths([rule({ all: [income('$.salary')] })])).to.deep.equal(['/rules/0/conditions/all/0/path']);
    expect(paths([rule({ all: [leaf({ path: '$.x' })] })])).to.deep.equal(['/rules/0/conditions/all/0/path']);
  });

  it('when a value names a missing parameter or has the wrong type, then the value or parameter is pointed at', () => {
    expect(paths([rule({ all: [leaf({ value: { param: 'nope' } })] })])).to.deep.equal(['/rules/0/conditions/all/0/value/param']);
    expect(paths([rule({ all: [leaf()] })], { minDays: '2555' })).to.deep.equal(['/parameters/minDays']);
    expect(paths([rule({ all: [leaf({ value: { fact: 'age' } })] })])).to.include('/rules/0/conditions/all/0/value/fact');
  });

  it('when a parameter is used by no condition, then it is pointed at, unless a broken condition may be the one meant to use it', () => {
    expect(paths([rule({ all: [leaf()] })], { minDays: 2555, minDayz: 3000 })).to.deep.equal(['/parameters/minDayz']);
    expect(paths([rule({ all: [leaf({ value: 2555 })] })], { minDays: 2555 })).to.deep.equal(['/parameters/minDays']);
    expect(paths([rule({ all: [leaf({ value: { param: 'minDayz' } })] })], { minDays: 2555 })).to.deep.equal([
      '/rules/0/conditions/all/0/value/param',
    ]);
    expect(check([rule({ all: [leaf()] }), rule({ all: [leaf()] }, { name: 'again' })], { minDays: 2555 })).to.deep.equal([]);
  });

  it('when rule keys, events or messages are wrong, then each is reported', () => {
    const bad = {
      name: 'x',
      conditions: { all: [leaf()] },
      event: { type: 'other', params: { code: 'Bad Code', message: { en: 'only english' } } },
      onSuccess: 1,
    };
    expect(paths([bad])).to.have.members([
      '/rules/0/onSuccess',
      '/rules/0/event/type',
      '/rules/0/event/params/code',
      '/rules/0/event/params/message/nl',
    ]);
  });

  it('when rules nest too deep or names repeat, then it is refused', () => {
    const deep = { all: [{ any: [{ all: [{ any: [{ all: [leaf()] }] }] }] }] };
    expect(paths([rule(deep)])).to.deep.equal(['/rules/0/conditions/all/0/any/0/all/0/any/0']);
    expect(paths([rule({ all: [leaf()] }), rule({ all: [leaf()] })])).to.deep.equal(['/rules/1/name']);
    expect(paths([])).to.deep.equal(['/rules']);
  });

  it('when test cases name derived facts or lack an expectation, then they are refused', () => {
    const errors = validateTestCases([{ name: 'x', referenceDate: '2026-02-30', facts: { age: 20 }, expected: {} }]);
    expect(errors.map((error) => error.path)).to.have.members([
      '/testCases/0/referenceDate',
      '/testCases/0/facts/age',
      '/testCases/0/expected',
    ]);
  });
});
