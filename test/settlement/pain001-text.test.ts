import { expect } from 'chai';
import { controlSum, sepaText } from '../../server/settlement/pain001.js';
import { parseIban } from '../../server/validation/bank-account.js';

describe('pain.001 text and IBANs', () => {
  it('when a name has accents or signs outside the SEPA character set, then they are dropped or become spaces, within the length', () => {
    expect(sepaText('Loopbaan "De Brug" & Zoë', 70)).to.equal('Loopbaan De Brug Zoe');
    expect(sepaText('Centre Élan – Liège', 10)).to.equal('Centre Ela');
    expect(sepaText('«»', 70)).to.equal('-');
  });

  it('when amounts are summed, then the control sum is exact to the cent', () => {
    expect(controlSum(['0.10', '0.20', '1234567.89'])).to.equal('1234568.19');
  });

  it('when IBANs of other countries are given, then the check digits decide; an unknown country needs 15 to 34 characters', () => {
    expect(parseIban('NL91 ABNA 0417 1643 00')).to.deep.equal({ ok: true, value: 'NL91ABNA0417164300' });
    expect(parseIban('GB82 WEST 1234 5698 7654 32')).to.deep.equal({ ok: true, value: 'GB82WEST12345698765432' });
    expect(parseIban('NL91 ABNA 0417 1643 0').ok).to.equal(false);
    expect(parseIban('not an iban').ok).to.equal(false);
  });
});
