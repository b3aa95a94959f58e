import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { normaliseReference } from '../../server/applications/application-access.js';
import { endOfDay, fundingOf, grantRulesOf, newReference, verificationDeadline } from '../../server/applications/course-grant-terms.js';
import { programmeYearOf } from '../../server/programmes/programmes.js';

describe('Course grant terms (pure date, money and reference rules)', () => {
  it('when the account year starts in April, then May 2026 and March 2027 both belong to the year 2026', () => {
    expect(programmeYearOf('2026-05-10', 4)).to.deep.equal({ year: 2026, start: '2026-04-01', end: '2027-03-31' });
    expect(programmeYearOf('2027-03-31', 4)).to.deep.equal({ year: 2026, start: '2026-04-01', end: '2027-03-31' });
    expect(programmeYearOf('2027-04-01', 4)).to.deep.equal({ year: 2027, start: '2027-04-01', end: '2028-03-31' });
  });

  it('when the account year starts in January, then it is the calendar year (leap years included)', () => {
    expect(programmeYearOf('2028-02-29', 1)).to.deep.equal({ year: 2028, start: '2028-01-01', end: '2028-12-31' });
  });

  it('when the course costs more than the yearly maximum, then the maximum is funded and the rest is the learner part', () => {
    const max = new Decimal('200.00');
    const cheap = fundingOf(new Decimal('150.00'), max);
    const dear = fundingOf(new Decimal('450.00'), max);
    expect([cheap.funded.toFixed(2), cheap.learnerPart.toFixed(2)]).to.deep.equal(['150.00', '0.00']);
    expect([dear.funded.toFixed(2), dear.learnerPart.toFixed(2)]).to.deep.equal(['200.00', '250.00']);
    const exact = fundingOf(new Decimal('200.01'), max);
    expect(exact.learnerPart.toFixed(2)).to.equal('0.01');
  });

  it('when the provider has 4 weeks, then the last day to verify is 28 days later and the hold lasts through it', () => {
    expect(verificationDeadline('2026-05-10', 4)).to.equal('2026-06-07');
    expect(verificationDeadline('2026-12-20', 4)).to.equal('2027-01-17');
    expect(endOfDay('2026-06-07').toISOString()).to.equal('2026-06-08T00:00:00.000Z');
  });

  it('when references are made, then they are unguessable Crockford base32 after the prefix and read back in any case', () => {
    const references = new Set(Array.from({ length: 1000 }, () => newReference('ITA')));
    expect(references.size).to.equal(1000);
    for (const reference of references) expect(reference).to.match(/^ITA-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(newReference('STAP2')).to.match(/^STAP2-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(normaliseReference(' ita-0123456789 ')).to.equal('ITA-0123456789');
    expect(normaliseReference('stap-0123456789')).to.equal('STAP-0123456789');
    expect(normaliseReference('ITA-01234567IL')).to.equal(undefined);
    expect(normaliseReference('1TA-0123456789')).to.equal(undefined);
    expect(normaliseReference('ABCDEFGHIJK-0123456789')).to.equal(undefined);
    expect(normaliseReference("ITA-0123456789' OR 1=1")).to.equal(undefined);
  });

  it('when a version sets no prefix and no cap, then references start with the programme code and courses are not capped', () => {
    expect(grantRulesOf('ITA', { yearlyMaximum: '200.00' })).to.deep.equal({ referencePrefix: 'ITA', maxGrantsPerCourse: null });
    expect(grantRulesOf('STAP', { referencePrefix: 'ST', maxGrantsPerCourse: 3 })).to.deep.equal({
      referencePrefix: 'ST',
      maxGrantsPerCourse: 3,
    });
    expect(grantRulesOf('STAP', { maxGrantsPerCourse: null }).maxGrantsPerCourse).to.equal(null);
  });
});
