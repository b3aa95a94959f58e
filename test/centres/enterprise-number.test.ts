import { expect } from 'chai';
import fc from 'fast-check';
import { kboCheckDigits, parseEnterpriseNumber, registryOf } from '../../server/validation/enterprise-number.js';
import { addYears, dayBefore } from '../../server/centres/mandate-window.js';
import { DEMO_CENTRES } from '../../seeders/30-demo-centres.js';

describe('enterprise numbers (unit)', () => {
  it('when a KBO/BCE number is written with dots, bare or with BE, then all normalise to the same 10 digits', () => {
    for (const form of ['0123.456.749', '0123456749', 'BE0123456749', 'be 0123.456.749', ' BE0123.456.749 ']) {
      expect(parseEnterpriseNumber(form), form).to.deep.equal({ ok: true, value: '0123456749', registry: 'BE_KBO' });
    }
  });

  it('when the check digits are wrong, then it is refused and says why', () => {
    const result = parseEnterpriseNumber('0123.456.748');
    expect(result.ok).to.equal(false);
    expect(result.ok ? '' : result.message).to.match(/check digits/);
  });

  it('when a 10-digit number starts with 2 to 9, then it is refused', () => {
    const firstEight = '21234567';
    const result = parseEnterpriseNumber(firstEight + kboCheckDigits(firstEight));
    expect(result).to.deep.equal({ ok: false, message: 'a Belgian enterprise number starts with 0 or 1' });
  });

  it('when the first 8 digits are a multiple of 97, then the check digits are 97', () => {
    expect(kboCheckDigits('00000097')).to.equal('97');
    expect(parseEnterpriseNumber('0000.000.097').ok).to.equal(true);
  });

  it('when any number is built with the mod 97 rule, then it is accepted, and any other check digits are refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19_999_999 }), fc.integer({ min: 0, max: 99 }), (base, other) => {
        const firstEight = String(base).padStart(8, '0');
        const check = kboCheckDigits(firstEight);
        expect(parseEnterpriseNumber(firstEight + check)).to.deep.equal({ ok: true, value: firstEight + check, registry: 'BE_KBO' });
        const wrong = String(other).padStart(2, '0');
        if (wrong !== check) expect(parseEnterpriseNumber(firstEight + wrong).ok).to.equal(false);
      }),
    );
  });

  it('when a UK Companies House number is given, then 8 digits or a register prefix and 6 digits are accepted, upper-cased', () => {
    expect(parseEnterpriseNumber('01234567')).to.deep.equal({ ok: true, value: '01234567', registry: 'UK_COMPANIES_HOUSE' });
    expect(parseEnterpriseNumber('sc123456')).to.deep.equal({ ok: true, value: 'SC123456', registry: 'UK_COMPANIES_HOUSE' });
    expect(parseEnterpriseNumber('OC301234').ok).to.equal(true);
    for (const bad of ['XX123456', 'BE123456', '1234567', '123456789', '00000000', 'SC12345', 'SC1234567', '', 'hello']) {
      expect(parseEnterpriseNumber(bad).ok, bad).to.equal(false);
    }
  });

  it('when a stored number is read, then its length tells the registry', () => {
    expect(registryOf('0123456749')).to.equal('BE_KBO');
    expect(registryOf('SC123456')).to.equal('UK_COMPANIES_HOUSE');
  });

  it('when the demo centres are seeded, then each enterprise number is valid and already normalised', () => {
    for (const centre of DEMO_CENTRES) {
      const parsed = parseEnterpriseNumber(centre.enterpriseNumber);
      expect(parsed.ok && parsed.value, centre.name).to.equal(centre.enterpriseNumber);
    }
  });
});

describe('mandate windows (unit)', () => {
  it('when years are added to 29 February, then a common year falls back to 28 February', () => {
    expect(addYears('2024-02-29', 6)).to.equal('2030-02-28');
    expect(addYears('2024-02-29', 4)).to.equal('2028-02-29');
    expect(addYears('2026-11-22', -1)).to.equal('2025-11-22');
  });

  it('when the day before the first of a month is asked, then it crosses months and years', () => {
    expect(dayBefore('2026-03-01')).to.equal('2026-02-28');
    expect(dayBefore('2027-01-01')).to.equal('2026-12-31');
  });
});
