import { expect } from 'chai';
import { harness } from '../support/harness.js';
import { createCitizen, validNino, validNrn } from '../support/citizen-factory.js';
import { checkNrn, isValidNrn } from '../../server/validation/national-register-number.js';
import { isValidNino } from '../../server/validation/national-insurance-number.js';

describe('the citizen test factory', () => {
  it('when generating national numbers, then every one is valid and none repeats', () => {
    const nrns = Array.from({ length: 500 }, () => validNrn());
    const ninos = Array.from({ length: 500 }, () => validNino());
    for (const nrn of nrns) expect(isValidNrn(nrn), nrn).to.equal(true);
    for (const nino of ninos) expect(isValidNino(nino), nino).to.equal(true);
    expect(new Set([...nrns, ...ninos]).size).to.equal(1000);
    for (let i = 0; i < 50; i++) expect(checkNrn(validNrn({ from2000: true }))).to.include({ ok: true, century: 2000 });
  });

  it('when a citizen is created, then its token carries the citizenId and reaches /v1/me', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { facts: { residenceCountry: 'BE', residenceRegion: 'VLG' } });
    expect(citizen.actor.principal).to.include({ role: 'citizen', citizenId: citizen.id, centreId: null, email: citizen.email });
    const me = await h.http.get('/v1/me').set(citizen.actor.auth).expect(200);
    expect(me.body).to.include({ id: citizen.id, nationalId: citizen.nationalId, nationalIdScheme: 'BE_NRN' });
    const login = await h.http.post('/v1/auth/token').send({ email: citizen.email, password: citizen.actor.password }).expect(200);
    expect(login.body.accessToken).to.be.a('string');
  });

  it('when the facts given are invalid, then the factory fails loudly instead of storing them', async () => {
    let failure: unknown;
    await createCitizen(harness(), { facts: { residenceCountry: 'XX' } }).catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/residenceCountry/);
  });
});
