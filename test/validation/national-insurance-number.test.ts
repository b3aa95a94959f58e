import { expect } from 'chai';
import { checkNino, isValidNino } from '../../server/validation/national-insurance-number.js';

describe('UK National Insurance number', () => {
  it('when it has two allowed letters, six digits and a suffix A-D, then it is valid and normalised', () => {
    expect(checkNino('AB 12 34 56 C')).to.deep.equal({ ok: true, nino: 'AB123456C' });
    expect(checkNino('jk123456d')).to.deep.equal({ ok: true, nino: 'JK123456D' });
    expect(isValidNino('ZY000000A')).to.equal(true);
    expect(isValidNino('OA123456B')).to.equal(true); // O may be the first letter
  });

  it('when a prefix letter is D, F, I, Q, U or V, then it is refused', () => {
    for (const letter of 'DFIQUV') {
      expect(isValidNino(`${letter}A123456A`), `${letter} first`).to.equal(false);
      expect(isValidNino(`A${letter}123456A`), `${letter} second`).to.equal(false);
    }
  });

  it('when O is the second letter, then it is refused', () => {
    expect(isValidNino('AO123456A')).to.equal(false);
  });

  it('when the prefix is one never allocated, then it is refused and named', () => {
    for (const prefix of ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']) {
      const result = checkNino(`${prefix}123456A`);
      expect(result.ok, prefix).to.equal(false);
      expect(result.ok === false && result.message).to.include(prefix);
    }
  });

  it('when the digits or the suffix are wrong, then it is refused', () => {
    for (const text of ['AB12345C', 'AB1234567C', 'AB123456E', 'AB123456', 'A1123456C', ''])
      expect(isValidNino(text), text).to.equal(false);
  });
});
