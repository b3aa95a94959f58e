import { expect } from 'chai';
import { fingerprint } from '../../server/audit/audit-fingerprint.js';
import { harness } from '../support/harness.js';
import { createActor, uniqueEmail } from '../support/actors.js';
import { validNino, validNrn } from '../support/citizen-factory.js';
import { formatNrn } from '../../server/validation/national-register-number.js';
import { registrationBody } from './registration-body.js';

describe('registering citizens (POST /v1/citizens)', () => {
  // The root hooks put the clock back after each test.
  beforeEach(() => harness().clock.set('2026-11-22T10:00:00Z'));

  it('when an administrator registers a citizen, then the login and the facts are stored, each fact dated today', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const nrn = validNrn();
    const body = registrationBody({ nationalId: formatNrn(nrn), email: uniqueEmail('Mixed.Case').toUpperCase() });
    const res = await h.http.post('/v1/citizens').set(admin.auth).send(body).expect(201);
    expect(res.body).to.include({ email: body.email.toLowerCase(), name: 'Test Citizen', nationalId: nrn, nationalIdScheme: 'BE_NRN' });
    expect(res.body.id).to.be.a('string');
    expect(res.body.facts.annualIncome).to.deep.equal({ amount: '21500.00', currency: 'EUR', year: 2025, evidenceDate: '2026-01-15' });
    expect(res.body.facts.birthDate).to.equal('1984-02-29');
    expect(Object.keys(res.body.factsRecordedOn).sort()).to.deep.equal(Object.keys(body.facts).sort());
    expect(Object.values(res.body.factsRecordedOn)).to.satisfy((dates: string[]) => dates.every((date) => date === '2026-11-22'));
    expect(res.body).to.not.have.any.keys('password', 'passwordHash');

    const read = await h.http.get(`/v1/citizens/${res.body.id}`).set(admin.auth).expect(200);
    expect(read.body).to.deep.equal(res.body);
  });

  it('when registered, then the citizen can sign in with the password and reads the same profile from /v1/me', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const body = registrationBody();
    const created = await h.http.post('/v1/citizens').set(admin.auth).send(body).expect(201);
    const token = await h.http.post('/v1/auth/token').send({ email: body.email, password: body.password }).expect(200);
    const me = await h.http
      .get('/v1/me')
      .set({ Authorization: `Bearer ${token.body.accessToken}` })
      .expect(200);
    expect(me.body).to.deep.equal(created.body);
  });

  it('when the national id is a UK NINO with spaces and lower case, then it is stored normalised as UK_NINO', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const nino = validNino();
    const typed = `${nino.slice(0, 2)} ${nino.slice(2, 4)} ${nino.slice(4, 6)} ${nino.slice(6, 8)} ${nino.slice(8)}`.toLowerCase();
    const facts = {
      residenceCountry: 'GB',
      residenceRegion: 'SCT',
      annualIncome: { amount: '0.00', currency: 'GBP', year: 2025, evidenceDate: '2026-10-01' },
    };
    const res = await h.http
      .post('/v1/citizens')
      .set(admin.auth)
      .send(registrationBody({ nationalId: typed, facts }))
      .expect(201);
    expect(res.body).to.include({ nationalId: nino, nationalIdScheme: 'UK_NINO' });
    expect(res.body.facts.annualIncome.amount).to.equal('0.00');
  });

  it('when nothing is known yet, then a citizen with empty facts is accepted', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const res = await h.http
      .post('/v1/citizens')
      .set(admin.auth)
      .send(registrationBody({ facts: {} }))
      .expect(201);
    expect(res.body.facts).to.deep.equal({});
    expect(res.body.factsRecordedOn).to.deep.equal({});
  });

  it('when the national number is already registered (in another notation), then 409 citizen_exists and no second login', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const nrn = validNrn();
    await h.http
      .post('/v1/citizens')
      .set(admin.auth)
      .send(registrationBody({ nationalId: nrn }))
      .expect(201);
    const second = registrationBody({ nationalId: formatNrn(nrn) });
    const res = await h.http.post('/v1/citizens').set(admin.auth).send(second).expect(409);
    expect(res.body).to.include({ code: 'citizen_exists', status: 409 });
    const [users] = await h.sequelize.query(`SELECT 1 FROM users WHERE email = $1`, { bind: [second.email.toLowerCase()] });
    expect(users).to.have.length(0);
  });

  it('when the e-mail is taken (in any case), then 409 email_taken and no citizen row', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const first = registrationBody();
    await h.http.post('/v1/citizens').set(admin.auth).send(first).expect(201);
    const second = registrationBody({ email: first.email.toUpperCase() });
    const res = await h.http.post('/v1/citizens').set(admin.auth).send(second).expect(409);
    expect(res.body.code).to.equal('email_taken');
    const [citizens] = await h.sequelize.query(`SELECT 1 FROM citizens WHERE national_id = $1`, { bind: [second.nationalId] });
    expect(citizens).to.have.length(0);
  });

  it('when the same citizen is registered twice at once, then exactly one succeeds and the other is a 409', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const nrn = validNrn();
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        h.http
          .post('/v1/citizens')
          .set(admin.auth)
          .send(registrationBody({ nationalId: nrn })),
      ),
    );
    expect(results.map((res) => res.status).sort()).to.deep.equal([201, 409, 409]);
    for (const res of results.filter((r) => r.status === 409)) expect(res.body.code).to.equal('citizen_exists');
  });

  it('when a citizen is registered, then the audit log holds who did it, the ids and fingerprints of the personal fields, never their values or the password', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const body = registrationBody();
    const created = await h.http.post('/v1/citizens').set(admin.auth).send(body).expect(201);
    const audit = await h.http.get(`/v1/audit?entityType=citizen&entityId=${created.body.id}`).set(admin.auth).expect(200);
    expect(audit.body.items).to.have.length(1);
    const [entry] = audit.body.items;
    expect(entry).to.deep.include({
      action: 'citizen.created',
      actor: { id: admin.principal.userId, role: 'admin', email: admin.principal.email },
      before: null,
    });
    const { id, userId, nationalIdScheme, factsRecordedOn, createdAt } = created.body;
    expect(entry.after).to.deep.include({ id, userId, nationalIdScheme, factsRecordedOn, createdAt });
    expect(Object.keys(entry.after.fingerprints)).to.have.members([
      '/email',
      '/name',
      '/nationalId',
      ...Object.keys(body.facts).map((fact) => `/facts/${fact}`),
    ]);
    expect(entry.after.fingerprints['/nationalId']).to.equal(
      fingerprint(h.config.auditFingerprintKey, '/nationalId', created.body.nationalId),
    );
    const logged = JSON.stringify(entry);
    for (const secret of [body.password, 'scrypt', created.body.nationalId, body.name, body.email, body.facts.annualIncome.amount])
      expect(logged).to.not.include(secret);
  });
});
