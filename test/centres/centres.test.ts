import { expect } from 'chai';
import { createActor } from '../support/actors.js';
import { createCentre, uniqueEnterpriseNumber } from '../support/centre-factory.js';
import { harness } from '../support/harness.js';
import { auditOf, auditsBy, centresNamed } from './centre-test-helpers.js';

const dotted = (digits: string) => `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;

describe('POST /v1/centres', () => {
  it('when an administrator registers a centre with a dotted BE number, then it is stored normalised and audited', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const auditor = await createActor(h, 'auditor');
    const number = uniqueEnterpriseNumber();
    const res = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({ name: 'Loopbaancentrum Test', enterpriseNumber: `BE${dotted(number)}`, email: 'Info@Centre.Example' })
      .expect(201);
    expect(res.body).to.include({
      name: 'Loopbaancentrum Test',
      enterpriseNumber: number,
      registry: 'BE_KBO',
      email: 'info@centre.example',
    });
    const [entry] = await auditOf(h, auditor, 'centre', res.body.id);
    // A bank account given at registration is audited on its own (centre.bank_account); none was given here.
    const { bankAccount, ...registered } = res.body as { bankAccount: unknown };
    expect(bankAccount).to.equal(null);
    expect(entry).to.deep.include({ action: 'centre.register', before: null, after: registered });
    expect(entry!.actor).to.deep.equal({ id: admin.principal.userId, role: 'admin', email: admin.principal.email });
  });

  it('when a UK provider gives a Companies House number, then it is accepted as its registration number', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const number = `SC${String(Date.now()).slice(-6)}`;
    const res = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({ name: 'Glasgow Skills Ltd', enterpriseNumber: number.toLowerCase(), email: 'hello@skills.example' })
      .expect(201);
    expect(res.body).to.include({ enterpriseNumber: number, registry: 'UK_COMPANIES_HOUSE' });
  });

  it('when the same enterprise number is registered again in another form, then 409 centre_exists and nothing is written', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const number = uniqueEnterpriseNumber();
    await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({ name: 'First', enterpriseNumber: number, email: `a-${number}@centre.example` })
      .expect(201);
    const mine = { enterpriseNumbers: [number], emails: [`b-${number}@centre.example`] };
    const [centres, audits] = [await centresNamed(h, mine), await auditsBy(h, admin)];
    const res = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({ name: 'Second', enterpriseNumber: dotted(number), email: `b-${number}@centre.example` })
      .expect(409);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(res.body.code).to.equal('centre_exists');
    expect([centres, await centresNamed(h, mine)]).to.deep.equal([1, 1]);
    expect(await auditsBy(h, admin)).to.equal(audits);
  });

  it('when the same number is registered twice at once, then exactly one wins and the other gets 409', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const number = uniqueEnterpriseNumber();
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        h.http
          .post('/v1/centres')
          .set(admin.auth)
          .send({ name: `Racer ${n}`, enterpriseNumber: number, email: 'race@centre.example' }),
      ),
    );
    expect(results.map((res) => res.status).sort()).to.deep.equal([201, 409, 409]);
  });

  it('when the check digits are wrong, then 400 names /enterpriseNumber and no centre is written', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const number = uniqueEnterpriseNumber();
    const wrong = number.slice(0, 8) + String((Number(number.slice(8)) % 97) + 1).padStart(2, '0');
    const res = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({ name: 'Wrong', enterpriseNumber: wrong, email: `w-${number}@centre.example` })
      .expect(400);
    expect(res.body.code).to.equal('validation_failed');
    expect(res.body.errors).to.deep.equal([
      { path: '/enterpriseNumber', message: 'check digits do not match (97 - first 8 digits mod 97)' },
    ]);
    expect(await centresNamed(h, { enterpriseNumbers: [wrong], emails: [`w-${number}@centre.example`] })).to.equal(0);
  });

  it('when fields are missing, of the wrong type or unknown, then 400 lists every pointer and nothing is written', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const number = uniqueEnterpriseNumber();
    const emails = [`not-an-email-${number}`, `x-${number}@centre.example`];
    const res = await h.http.post('/v1/centres').set(admin.auth).send({ name: 42, email: emails[0], colour: 'blue' }).expect(400);
    const paths = (res.body.errors as { path: string }[]).map((error) => error.path).sort();
    expect(paths).to.deep.equal(['/colour', '/email', '/enterpriseNumber', '/name']);
    const blank = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({ name: ' \u0000 ', enterpriseNumber: number, email: emails[1] })
      .expect(400);
    expect(blank.body.errors[0].path).to.equal('/name');
    expect(await centresNamed(h, { enterpriseNumbers: [number], emails })).to.equal(0);
  });

  it('when the caller has no token or is not an administrator, then 401 or 403', async () => {
    const h = harness();
    const body = { name: 'Nope', enterpriseNumber: uniqueEnterpriseNumber(), email: 'n@centre.example' };
    await h.http.post('/v1/centres').send(body).expect(401);
    for (const role of ['auditor', 'citizen'] as const) {
      const actor = await createActor(h, role);
      const res = await h.http.post('/v1/centres').set(actor.auth).send(body).expect(403);
      expect(res.body.code).to.equal('forbidden');
    }
    const staff = (await createCentre(h)).staff;
    await h.http.post('/v1/centres').set(staff.auth).send(body).expect(403);
  });
});

describe('GET /v1/centres/:id', () => {
  it("when an administrator, an auditor or the centre's own staff reads it, then it comes with its accreditations", async () => {
    const h = harness();
    const centre = await createCentre(h, { programme: 'LBC' });
    for (const reader of [await createActor(h, 'admin'), await createActor(h, 'auditor'), centre.staff]) {
      const res = await h.http.get(`/v1/centres/${centre.id}`).set(reader.auth).expect(200);
      expect(res.body).to.include({ id: centre.id, enterpriseNumber: centre.enterpriseNumber, registry: 'BE_KBO' });
      expect(res.body.accreditations).to.have.length(1);
      expect(res.body.accreditations[0]).to.include({ id: centre.accreditationId, programme: 'LBC', status: 'active' });
    }
  });

  it("when another centre's staff asks, then 404 as if it did not exist; a citizen gets 403 and no token 401", async () => {
    const h = harness();
    const [mine, other] = [await createCentre(h), await createCentre(h)];
    const res = await h.http.get(`/v1/centres/${mine.id}`).set(other.staff.auth).expect(404);
    expect(res.body.code).to.equal('not_found');
    await h.http
      .get(`/v1/centres/${mine.id}`)
      .set((await createActor(h, 'citizen')).auth)
      .expect(403);
    await h.http.get(`/v1/centres/${mine.id}`).expect(401);
  });

  it('when the id is unknown or not a UUID, then 404 or 400 naming /path/id', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    await h.http.get('/v1/centres/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
    const res = await h.http.get('/v1/centres/not-a-uuid').set(admin.auth).expect(400);
    expect(res.body.errors[0].path).to.equal('/path/id');
  });
});

describe('the centres endpoints in /openapi.json', () => {
  it('when the document is read, then every centres endpoint is there with its roles', async () => {
    const doc = (await harness().http.get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { 'x-roles': string[] }>>;
    };
    const roles = (path: string, method: string) => doc.paths[path]?.[method]?.['x-roles'];
    expect(roles('/v1/centres', 'post')).to.deep.equal(['admin']);
    expect(roles('/v1/centres', 'get')).to.deep.equal(['public']);
    expect(roles('/v1/centres/{id}', 'get')).to.deep.equal(['admin', 'auditor', 'centre']);
    expect(roles('/v1/centres/{id}/staff', 'post')).to.deep.equal(['admin']);
    expect(roles('/v1/centres/{id}/accreditations', 'post')).to.deep.equal(['admin']);
    expect(roles('/v1/centres/{id}/accreditations', 'get')).to.deep.equal(['admin', 'auditor', 'centre']);
    expect(roles('/v1/accreditations/{id}', 'patch')).to.deep.equal(['admin']);
    expect(roles('/v1/centres/{centreId}/courses', 'post')).to.deep.equal(['centre', 'admin']);
    expect(roles('/v1/centres/{centreId}/courses', 'get')).to.deep.equal(['public']);
    expect(roles('/v1/courses/{id}/approval', 'post')).to.deep.equal(['admin']);
  });
});
