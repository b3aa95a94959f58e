import { expect } from 'chai';
import { checkNrn, formatNrn, isValidNrn, nrnCheckDigits } from '../../server/validation/national-register-number.js';

describe('Belgian national register number', () => {
  it('when born before 2000 with the right check digits, then it is valid in any usual notation', () => {
    for (const text of ['85.07.30-033.28', '85073003328', '850730 033 28', '85-07-30-033-28']) {
      expect(checkNrn(text), text).to.deep.equal({ ok: true, nrn: '85073003328', century: 1900 });
    }
  });

  it('when born in 2000 or later, then the check digits are computed over "2" + the nine digits', () => {
    expect(checkNrn('00.01.01-001.05')).to.deep.equal({ ok: true, nrn: '00010100105', century: 2000 });
    expect(checkNrn('12031512320')).to.deep.equal({ ok: true, nrn: '12031512320', century: 2000 });
    expect(nrnCheckDigits('000101001', true)).to.equal('05');
    expect(nrnCheckDigits('000101001', false)).to.equal('73');
  });

  it('when the check digits are wrong, then it is refused and says so', () => {
    const result = checkNrn('85.07.30-033.29');
    expect(result.ok).to.equal(false);
    expect(result.ok === false && result.message).to.match(/check digits/);
    expect(isValidNrn('00010100173')).to.equal(true); // the 1900 rule: 1900-01-01 is fine too
    expect(isValidNrn('00010100174')).to.equal(false);
  });

  it('when the birth date is unknown (month or day 00) or a bis number (month +20/+40), then the check digits alone decide', () => {
    expect(isValidNrn('85000003306')).to.equal(true);
    expect(isValidNrn('85273003371')).to.equal(true);
    expect(isValidNrn('85473003317')).to.equal(true);
  });

  it('when the date part cannot exist, then it is refused even with matching check digits', () => {
    expect(isValidNrn('00023000115')).to.equal(false); // 2000-02-30
    expect(isValidNrn('23022900143')).to.equal(false); // 2023-02-29
    expect(isValidNrn('24022900164')).to.equal(true); // 2024-02-29, a leap day
    expect(isValidNrn(`851330033${nrnCheckDigits('851330033', false)}`)).to.equal(false); // month 13
  });

  it('when it is not 11 digits, then it is refused', () => {
    for (const text of ['', '850730033', '850730033281', '85O73003328']) expect(isValidNrn(text), text).to.equal(false);
  });

  it('when formatted for people, then it reads YY.MM.DD-SSS.CC', () => {
    expect(formatNrn('85073003328')).to.equal('85.07.30-033.28');
  });
});
