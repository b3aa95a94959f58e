import { expect } from 'chai';
import { EU_EEA_COUNTRY_CODES, ISO_COUNTRY_CODES, isCountryCode, isEuEeaCountry } from '../../server/validation/countries.js';

describe('country codes', () => {
  it('when listed, then the ISO 3166-1 alpha-2 set has all 249 official codes', () => {
    expect(ISO_COUNTRY_CODES.size).to.equal(249);
    for (const code of ['BE', 'NL', 'GB', 'AX', 'SS', 'ZW']) expect(isCountryCode(code), code).to.equal(true);
  });

  it('when a code is not assigned, lower-case or not two letters, then it is refused', () => {
    for (const code of ['UK', 'EU', 'XK', 'ZZ', 'be', 'BEL', '']) expect(isCountryCode(code), code).to.equal(false);
  });

  it('when asking EU/EEA membership, then the 27 EU members plus IS, LI and NO count, and GB and CH do not', () => {
    expect(EU_EEA_COUNTRY_CODES.size).to.equal(30);
    for (const code of ['BE', 'NL', 'DE', 'FR', 'LU', 'IS', 'LI', 'NO']) expect(isEuEeaCountry(code), code).to.equal(true);
    for (const code of ['GB', 'CH', 'US', 'TR']) expect(isEuEeaCountry(code), code).to.equal(false);
    for (const code of EU_EEA_COUNTRY_CODES) expect(isCountryCode(code), code).to.equal(true);
  });
});
