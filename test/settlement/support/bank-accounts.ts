// Bank accounts for tests: Belgian IBANs with correct check digits, made up per centre, and the
// calls that set a centre's account and a programme's debtor account through the API.
import { randomInt } from 'node:crypto';
import { expect } from 'chai';
import { ibanWithCheckDigits } from '../../../server/validation/bank-account.js';
import type { Harness } from '../../support/harness.js';

/** A Belgian IBAN for a random 12-digit account number, with its ISO 13616 check digits. */
export function belgianIban(): string {
  return ibanWithCheckDigits('BE', Array.from({ length: 12 }, () => String(randomInt(10))).join(''));
}

export const DEBTOR = { name: 'Vlaamse Dienst voor Arbeidsbemiddeling', bic: 'GKCCBEBB' };

export async function setCentreAccount(h: Harness, admin: { Authorization: string }, centreId: string, iban = belgianIban()) {
  const res = await h.http.put(`/v1/centres/${centreId}/bank-account`).set(admin).send({ iban, bic: 'KREDBEBB' });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return iban;
}

export async function setDebtorAccount(h: Harness, admin: { Authorization: string }, programme: string) {
  const res = await h.http
    .put(`/v1/programmes/${programme}/debtor-account`)
    .set(admin)
    .send({ ...DEBTOR, iban: belgianIban() });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
}
