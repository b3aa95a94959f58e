// A draft's own test cases are checked before they are run: each malformed part is named by its
// JSON pointer under /testCases, so an administrator can fix them all at once.
import { expect } from 'chai';
import { validateTestCases } from '../../server/eligibility/test-cases.js';

const sound = { name: 'young adult', referenceDate: '2026-06-01', facts: { workExperienceDays: 3000 }, expected: { eligible: true } };
const paths = (cases: unknown) => validateTestCases(cases).map((error) => error.path);

describe('rule set test case validation', () => {
  it('when the cases are sound, with reasons and a next date or null, then there is nothing to report', () => {
    const refused = { ...sound, expected: { eligible: false, reasons: ['work_experience_too_short'], nextEligibleOn: '2027-01-01' } };
    expect(validateTestCases([sound, refused, { ...sound, expected: { eligible: false, nextEligibleOn: null } }])).to.deep.equal([]);
  });

  it('when the cases are not a list or more than 200, then /testCases is refused as a whole', () => {
    expect(paths({ 0: sound })).to.deep.equal(['/testCases']);
    expect(paths(Array.from({ length: 201 }, () => sound))).to.deep.equal(['/testCases']);
    expect(paths(Array.from({ length: 200 }, () => sound))).to.deep.equal([]);
  });

  it('when a case is not an object, then that case is pointed at', () => {
    expect(paths([sound, 'eligible'])).to.deep.equal(['/testCases/1']);
  });

  it('when a case has an unknown key, no name, a name over 200 characters or facts that are not an object, then each is named', () => {
    expect(paths([{ ...sound, note: 'x' }])).to.deep.equal(['/testCases/0/note']);
    expect(paths([{ ...sound, name: '' }])).to.deep.equal(['/testCases/0/name']);
    expect(paths([{ ...sound, name: 'x'.repeat(201) }])).to.deep.equal(['/testCases/0/name']);
    expect(paths([{ ...sound, facts: [] }])).to.deep.equal(['/testCases/0/facts']);
  });

  it('when an expectation has an unknown key, reasons that are not codes or a next date that is not a date, then each is named', () => {
    const expected = { eligible: false, because: 'x', reasons: [1], nextEligibleOn: 'next year' };
    expect(paths([{ ...sound, expected }])).to.have.members([
      '/testCases/0/expected/because',
      '/testCases/0/expected/reasons',
      '/testCases/0/expected/nextEligibleOn',
    ]);
    expect(paths([{ ...sound, expected: { eligible: true, reasons: 'none' } }])).to.deep.equal(['/testCases/0/expected/reasons']);
  });
});
