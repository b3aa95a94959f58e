import { expect } from 'chai';
import { createActor, uniqueEmail } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { harness } from '../support/harness.js';
import { auditOf, usersNamed } from './centre-test-helpers.js';

const PASSWORD = 'a long enough passphrase';

describe('POST /v1/centres/:id/staff', () => {
  it('when an administrator adds staff, then the login is bound to the centre, can sign in, and the audit holds no password', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    const email = uniqueEmail('Counsellor');
    const res = await h.http
      .post(`/v1/centres/${centre.id}/staff`)
      .set(admin.auth)
      .send({ email, password: PASSWORD, name: 'Chris Counsellor' })
      .expect(201);
    expect(res.body).to.include({ email: email.toLowerCase(), name: 'Chris Counsellor', role: 'centre', centreId: centre.id });
    expect(JSON.stringify(res.body)).to.not.match(/password|scrypt/i);

    const token = await h.http.post('/v1/auth/token').send({ email, password: PASSWORD }).expect(200);
    await h.http
      .get(`/v1/centres/${centre.id}`)
      .set({ Authorization: `Bearer ${token.body.accessToken}` })
      .expect(200);

    const [entry] = await auditOf(h, admin, 'user', res.body.id);
    expect(entry).to.deep.include({ action: 'centre.staff.add', before: null });
    expect(entry!.after).to.include({ centreId: centre.id, role: 'centre' });
    expect(JSON.stringify(entry)).to.not.match(/password|scrypt|passphrase/i);
  });

  it('when the e-mail is already in use, then 409 email_taken and no user is written', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    const mine = { emails: [centre.staff.principal.email], centreIds: [centre.id] };
    const before = await usersNamed(h, mine);
    const res = await h.http
      .post(`/v1/centres/${centre.id}/staff`)
      .set(admin.auth)
      .send({ email: centre.staff.principal.email.toUpperCase(), password: PASSWORD, name: 'Twin' })
      .expect(409);
    expect(res.body).to.include({ code: 'email_taken' });
    expect([before, await usersNamed(h, mine)]).to.deep.equal([1, 1]);
  });

  it('when the password is shorter than 12 characters or a field is wrong, then 400 with pointers and no user is written', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    const shortEmail = uniqueEmail('short');
    const before = await usersNamed(h, { centreIds: [centre.id] });
    const short = await h.http
      .post(`/v1/centres/${centre.id}/staff`)
      .set(admin.auth)
      .send({ email: shortEmail, password: 'elevenchars', name: 'Shorty' })
      .expect(400);
    expect(short.body.errors).to.deep.equal([{ path: '/password', message: 'must be at least 12 characters' }]);
    const wrong = await h.http
      .post(`/v1/centres/${centre.id}/staff`)
      .set(admin.auth)
      .send({ email: 'nope', password: 12345678901234, role: 'admin' })
      .expect(400);
    expect((wrong.body.errors as { path: string }[]).map((error) => error.path).sort()).to.deep.equal([
      '/email',
      '/name',
      '/password',
      '/role',
    ]);
    expect(await usersNamed(h, { emails: [shortEmail], centreIds: [centre.id] })).to.equal(before);
  });

  it('when the centre does not exist, then 404 and no user is written', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const email = uniqueEmail('ghost');
    await h.http
      .post('/v1/centres/00000000-0000-4000-8000-000000000000/staff')
      .set(admin.auth)
      .send({ email, password: PASSWORD, name: 'Ghost' })
      .expect(404);
    expect(await usersNamed(h, { emails: [email], centreIds: ['00000000-0000-4000-8000-000000000000'] })).to.equal(0);
  });

  it('when centre staff or an auditor tries to add staff, then 403; without a token 401', async () => {
    const h = harness();
    const centre = await createCentre(h);
    const body = { email: uniqueEmail('self'), password: PASSWORD, name: 'Self Made' };
    await h.http.post(`/v1/centres/${centre.id}/staff`).set(centre.staff.auth).send(body).expect(403);
    await h.http
      .post(`/v1/centres/${centre.id}/staff`)
      .set((await createActor(h, 'auditor')).auth)
      .send(body)
      .expect(403);
    await h.http.post(`/v1/centres/${centre.id}/staff`).send(body).expect(401);
  });
});
