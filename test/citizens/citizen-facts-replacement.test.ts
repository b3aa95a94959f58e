import { expect } from 'chai';
import { fingerprint } from '../../server/audit/audit-fingerprint.js';
import { harness } from '../support/harness.js';
import { createActor, type Actor } from '../support/actors.js';
import { createCitizen } from '../support/citizen-factory.js';
import { flemishFacts } from './registration-body.js';

describe('replacing facts (PUT /v1/citizens/:id/facts)', () => {
  let admin: Actor;
  before(async () => {
    admin = await createActor(harness(), 'admin');
  });
  // The root hooks put the clock back after each test.
  beforeEach(() => harness().clock.set('2026-03-01T08:00:00Z'));

  it('when facts are replaced later, then changed and new facts get today, unchanged ones keep their date, dropped ones go', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { facts: { ...flemishFacts(), benefits: ['UC', 'AB'] } });
    h.clock.set('2026-09-15T08:00:00Z');
    const { workRegion: _dropped, ...kept } = flemishFacts();
    const next = {
      ...kept,
      benefits: ['AB', 'UC'],
      workExperienceDays: 3200,
      annualIncome: { ...flemishFacts().annualIncome, amount: '21500.00' },
      residenceRegion: 'BRU',
    };
    const res = await h.http.put(`/v1/citizens/${citizen.id}/facts`).set(admin.auth).send(next).expect(200);
    expect(res.body.facts).to.not.have.property('workRegion');
    expect(res.body.facts).to.include({ workExperienceDays: 3200, residenceRegion: 'BRU' });
    expect(res.body.factsRecordedOn).to.deep.equal({
      birthDate: '2026-03-01',
      residenceCountry: '2026-03-01',
      residenceRegion: '2026-09-15',
      employmentStatus: '2026-03-01',
      workExperienceDays: '2026-09-15',
      annualIncome: '2026-03-01', // 21500 and "21500.00" are the same amount
      benefits: '2026-03-01', // the same benefits in another order
      inFullTimeEducation: '2026-03-01',
      inOtherFundedProgramme: '2026-03-01',
    });
    const read = await h.http.get(`/v1/citizens/${citizen.id}`).set(admin.auth).expect(200);
    expect(read.body.facts).to.deep.equal(res.body.facts);
    expect(read.body.factsRecordedOn).to.deep.equal(res.body.factsRecordedOn);
  });

  it('when a fact is dropped and given again later, then it is dated from when it came back', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { facts: { workExperienceDays: 100 } });
    h.clock.set('2026-04-01T08:00:00Z');
    await h.http.put(`/v1/citizens/${citizen.id}/facts`).set(admin.auth).send({}).expect(200);
    h.clock.set('2026-05-01T08:00:00Z');
    const res = await h.http.put(`/v1/citizens/${citizen.id}/facts`).set(admin.auth).send({ workExperienceDays: 100 }).expect(200);
    expect(res.body.factsRecordedOn).to.deep.equal({ workExperienceDays: '2026-05-01' });
  });

  it('when facts are replaced, then the audit log names the facts that changed with fingerprints of both values, never the values', async () => {
    const h = harness();
    const income = { amount: '18250.00', currency: 'EUR', year: 2025, evidenceDate: '2026-02-01' };
    const citizen = await createCitizen(h, { facts: { employmentStatus: 'unemployed', workExperienceDays: 400, annualIncome: income } });
    const raised = { ...income, amount: '23975.00' };
    await h.http
      .put(`/v1/citizens/${citizen.id}/facts`)
      .set(admin.auth)
      .send({ employmentStatus: 'employee', workExperienceDays: 400, annualIncome: raised })
      .expect(200);
    const audit = await h.http.get(`/v1/audit?entityType=citizen&entityId=${citizen.id}`).set(admin.auth).expect(200);
    const entry = audit.body.items.find((item: { action: string }) => item.action === 'citizen.facts.replaced');
    expect(entry.actor).to.deep.equal({ id: admin.principal.userId, role: 'admin', email: admin.principal.email });
    const key = h.config.auditFingerprintKey;
    expect(entry.after.changed).to.deep.equal(['/facts/annualIncome', '/facts/employmentStatus']);
    expect(entry.before.fingerprints).to.deep.equal({
      '/facts/annualIncome': fingerprint(key, '/facts/annualIncome', income),
      '/facts/employmentStatus': fingerprint(key, '/facts/employmentStatus', 'unemployed'),
    });
    expect(entry.after.fingerprints['/facts/annualIncome']).to.equal(
      fingerprint(key, '/facts/annualIncome', { evidenceDate: '2026-02-01', year: 2025, currency: 'EUR', amount: '23975.00' }),
    );
    expect(entry.after.factsRecordedOn).to.include({ employmentStatus: '2026-03-01' });
    expect(JSON.stringify(entry)).to.not.include('18250').and.not.include('23975').and.not.include('unemployed');
  });

  it('when the fingerprint key differs, then the same value has another fingerprint (without the key none can be tried)', () => {
    const nationalId = '85073003328';
    expect(fingerprint('key-one-key-one-key-one-key-one-key', '/nationalId', nationalId)).to.not.equal(
      fingerprint('key-two-key-two-key-two-key-two-key', '/nationalId', nationalId),
    );
    expect(fingerprint('key-one-key-one-key-one-key-one-key', '/nationalId', nationalId)).to.match(/^hmac-sha256:[0-9a-f]{64}$/);
  });

  it('when the new facts are invalid, then 400 names the fact and the stored facts are unchanged', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { facts: { employmentStatus: 'employee' } });
    const bad = [
      [{ shoeSize: 44 }, '/shoeSize'],
      [{ annualIncome: { amount: '10.123', currency: 'EUR', year: 2025, evidenceDate: '2026-01-01' } }, '/annualIncome/amount'],
      [{ birthDate: '2026-03-02' }, '/birthDate'],
      [{ residenceCountry: 'GB', residenceRegion: 'WAL' }, '/residenceRegion'],
    ] as const;
    for (const [facts, path] of bad) {
      const res = await h.http.put(`/v1/citizens/${citizen.id}/facts`).set(admin.auth).send(facts).expect(400);
      expect(
        res.body.errors.map((error: { path: string }) => error.path),
        path,
      ).to.include(path);
    }
    const read = await h.http.get(`/v1/citizens/${citizen.id}`).set(admin.auth).expect(200);
    expect(read.body.facts).to.deep.equal({ employmentStatus: 'employee' });
  });

  it('when the citizen does not exist, then 404; when the id is not a UUID, then 400', async () => {
    const h = harness();
    const res = await h.http.put('/v1/citizens/00000000-0000-4000-8000-000000000000/facts').set(admin.auth).send({}).expect(404);
    expect(res.body.code).to.equal('not_found');
    await h.http.get('/v1/citizens/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
    const bad = await h.http.put('/v1/citizens/42/facts').set(admin.auth).send({}).expect(400);
    expect(bad.body.errors[0].path).to.equal('/path/id');
  });
});
