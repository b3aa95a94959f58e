// The rarer refusals of a rule set draft: malformed parameters, rules, events, groups and
// conditions, size limits, and the value shapes each operator needs. Each names its JSON pointer.
import { expect } from 'chai';
import { LIMITS, validateRuleSet } from '../../server/eligibility/rule-schema.js';

const message = { en: 'Too short.', nl: 'Te kort.' };
const event = { type: 'requirement', params: { code: 'work_experience_too_short', message } };
const leaf = (extra: Record<string, unknown> = {}) => ({
  fact: 'workExperienceDays',
  operator: 'greaterThanInclusive',
  value: 2555,
  ...extra,
});
const rule = (conditions: unknown, extra: Record<string, unknown> = {}) => ({ name: 'experience', conditions, event, ...extra });
const check = (rules: unknown, parameters: unknown = {}) => validateRuleSet({ rules, parameters });
const paths = (rules: unknown, parameters?: unknown) => check(rules, parameters).map((error) => error.path);
const condition = '/rules/0/conditions/all/0';

describe('rule set validation: the rarer refusals', () => {
  it('when parameters are not an object, then /parameters is refused and the rules are not read', () => {
    for (const parameters of [null, [1, 2], 'minDays=2555', 7]) {
      expect(check('not even rules', parameters)).to.deep.equal([{ path: '/parameters', message: 'must be an object of named values' }]);
    }
  });

  it('when parameters are too many, badly named, too long a list or not plain values, then each is pointed at', () => {
    const many = Object.fromEntries(Array.from({ length: LIMITS.parameters + 1 }, (_, index) => [`p${index}`, index]));
    expect(paths([rule({ all: [leaf()] })], many)).to.deep.equal(['/parameters']);
    expect(paths([rule({ all: [leaf()] })], { 'min-days': 1 })).to.deep.equal(['/parameters/min-days']);
    expect(paths([rule({ all: [leaf()] })], { codes: Array.from({ length: LIMITS.list + 1 }, () => 'x') })).to.deep.equal([
      '/parameters/codes',
    ]);
    for (const value of [1.5, null, { nested: true }, ['ok', 2.5], 'x'.repeat(201)]) {
      expect(paths([rule({ all: [leaf()] })], { value })).to.deep.equal(['/parameters/value']);
    }
  });

  it('when a rule is not an object or has a bad name or priority, then the rule or its field is pointed at', () => {
    expect(paths([rule({ all: [leaf()] }), 'experience'])).to.deep.equal(['/rules/1']);
    expect(paths([rule({ all: [leaf()] }, { name: '1st rule' })])).to.deep.equal(['/rules/0/name']);
    expect(paths([rule({ all: [leaf()] }, { name: 42 })])).to.deep.equal(['/rules/0/name']);
    for (const priority of [0, 101, 2.5, '3']) expect(paths([rule({ all: [leaf()] }, { priority })])).to.deep.equal(['/rules/0/priority']);
    expect(check([rule({ all: [leaf()] }, { priority: 100 })])).to.deep.equal([]);
  });

  it('when a rule lacks its conditions and event, then both are required', () => {
    expect(paths([{ name: 'bare' }])).to.have.members(['/rules/0/conditions', '/rules/0/event']);
  });

  it('when there are more rules or conditions than the limits, then /rules is refused', () => {
    const rules = Array.from({ length: LIMITS.rules + 1 }, (_, index) => rule({ all: [leaf()] }, { name: `r${index}` }));
    expect(paths(rules)).to.deep.equal(['/rules']);
    const full = { all: Array.from({ length: LIMITS.children }, () => leaf()) };
    const crowded = Array.from({ length: Math.ceil(LIMITS.leaves / LIMITS.children) + 1 }, (_, index) => rule(full, { name: `r${index}` }));
    expect(paths(crowded)).to.deep.equal(['/rules']);
  });

  it('when an event, its params or its message are not objects, then the first broken level is pointed at', () => {
    expect(paths([rule({ all: [leaf()] }, { event: 'requirement' })])).to.deep.equal(['/rules/0/event']);
    expect(paths([rule({ all: [leaf()] }, { event: { type: 'requirement', params: [] } })])).to.deep.equal(['/rules/0/event/params']);
    const noMessage = { type: 'requirement', params: { code: 'too_short', message: 'Too short.' } };
    expect(paths([rule({ all: [leaf()] }, { event: noMessage })])).to.deep.equal(['/rules/0/event/params/message']);
    const longText = { type: 'requirement', params: { code: 'too_short', message: { en: ' ', nl: 'x'.repeat(LIMITS.text + 1) } } };
    expect(paths([rule({ all: [leaf()] }, { event: longText })])).to.have.members([
      '/rules/0/event/params/message/en',
      '/rules/0/event/params/message/nl',
    ]);
  });

  it('when a group is not an object or holds no, too many or no list of conditions, then the group is pointed at', () => {
    expect(paths([rule([leaf()])])).to.deep.equal(['/rules/0/conditions']);
    expect(paths([rule({ all: [] })])).to.deep.equal(['/rules/0/conditions/all']);
    expect(paths([rule({ any: leaf() })])).to.deep.equal(['/rules/0/conditions/any']);
    expect(paths([rule({ all: Array.from({ length: LIMITS.children + 1 }, () => leaf()) })])).to.deep.equal(['/rules/0/conditions/all']);
    expect(paths([rule({ all: [leaf()], any: [leaf()] })])).to.deep.equal(['/rules/0/conditions/any']);
  });

  it('when a condition is not an object or names no fact as a string, then it is pointed at', () => {
    expect(paths([rule({ all: ['workExperienceDays >= 2555'] })])).to.deep.equal([condition]);
    expect(paths([rule({ all: [leaf({ fact: 7 })] })])).to.deep.equal([`${condition}/fact`]);
    expect(paths([rule({ all: [leaf({ operator: 7 })] })])).to.deep.equal([`${condition}/operator`]);
  });

  it('when a path is not a string, then the allowed fields are listed', () => {
    const errors = check([rule({ all: [{ fact: 'annualIncome', path: 7, operator: 'decimalLessThan', value: '1.00' }] })]);
    expect(errors).to.deep.equal([
      {
        path: `${condition}/path`,
        message: 'only one field of an object fact may be named; allowed: $.amount, $.currency, $.year, $.evidenceDate',
      },
    ]);
  });

  it('when a list operator gets an empty list or a scalar, then it asks for a non-empty list of values of the fact type', () => {
    const inList = (value: unknown) => check([rule({ all: [{ fact: 'employmentStatus', operator: 'in', value }] })]);
    expect(inList(['employee', 'student'])).to.deep.equal([]);
    for (const value of [[], 'employee', ['employee', 3]]) {
      expect(inList(value)).to.deep.equal([{ path: `${condition}/value`, message: 'must be a non-empty list of string values for in' }]);
    }
  });

  it('when an element operator on a list fact gets a list or a number, then it asks for one string', () => {
    const contains = (value: unknown) => check([rule({ all: [{ fact: 'benefits', operator: 'contains', value }] })]);
    expect(contains('unemployment')).to.deep.equal([]);
    for (const value of [['unemployment'], 3]) {
      expect(contains(value)).to.deep.equal([{ path: `${condition}/value`, message: 'must be a string value for contains' }]);
    }
  });

  it('when null is compared, then only equal and notEqual on a nullable fact accept it', () => {
    const region = (operator: string, fact = 'residenceRegion') => paths([rule({ all: [{ fact, operator, value: null }] })]);
    expect(region('equal')).to.deep.equal([]);
    expect(region('notEqual')).to.deep.equal([]);
    expect(region('equal', 'employmentStatus')).to.deep.equal([`${condition}/value`]);
  });
});
