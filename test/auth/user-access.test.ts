// Disabling staff, changing a password and ending a user's tokens: each ends the tokens it should
// at once in this process, and is audited without secrets.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { createActor, type Actor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { createCitizen } from '../support/citizen-factory.js';
import { buildHarness, harness, type Harness } from '../support/harness.js';

const auditOf = (h: Harness, userId: string) =>
  queryRows<{ action: string; actor_id: string; before: unknown; after: unknown }>(
    h.sequelize,
    `SELECT action, actor_id, before, after FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id`,
    [userId],
  );

const signIn = (h: Harness, email: string, password: string) => h.http.post('/v1/auth/token').send({ email, password });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('disabling and enabling centre staff', () => {
  it('when an administrator disables a staff member, then their token is refused at once and they cannot sign in', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    const staff = centre.staff;
    await h.http.get(`/v1/centres/${centre.id}`).set(staff.auth).expect(200);
    const res = await h.http.post(`/v1/centres/${centre.id}/staff/${staff.principal.userId}/disable`).set(admin.auth).expect(200);
    expect(res.body).to.include({ id: staff.principal.userId, role: 'centre', centreId: centre.id });
    expect(res.body.disabledAt).to.be.a('string');
    expect(res.body).not.to.have.any.keys('passwordHash', 'password_hash', 'password');
    const refused = await h.http.get(`/v1/centres/${centre.id}`).set(staff.auth).expect(401);
    expect(refused.body.code).to.equal('unauthenticated');
    const login = await signIn(h, staff.principal.email, staff.password).expect(401);
    expect(login.body.code).to.equal('invalid_credentials');
  });

  it('when the staff member is enabled again, then they can sign in, but the tokens from before stay ended', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    const staff = centre.staff;
    await h.http.post(`/v1/centres/${centre.id}/staff/${staff.principal.userId}/disable`).set(admin.auth).expect(200);
    // Asking twice changes nothing and writes nothing.
    await h.http.post(`/v1/centres/${centre.id}/staff/${staff.principal.userId}/disable`).set(admin.auth).expect(200);
    const enabled = await h.http.post(`/v1/centres/${centre.id}/staff/${staff.principal.userId}/enable`).set(admin.auth).expect(200);
    expect(enabled.body.disabledAt).to.equal(null);
    await h.http.get(`/v1/centres/${centre.id}`).set(staff.auth).expect(401);
    const login = await signIn(h, staff.principal.email, staff.password).expect(200);
    await h.http.get(`/v1/centres/${centre.id}`).set(bearer(login.body.accessToken)).expect(200);

    const audit = await auditOf(h, staff.principal.userId);
    expect(audit.map((row) => row.action)).to.deep.equal(['centre.staff.disable', 'centre.staff.enable']);
    expect(audit[0]).to.include({ actor_id: admin.principal.userId });
    expect((audit[0]!.before as { disabledAt: unknown }).disabledAt).to.equal(null);
    expect((audit[0]!.after as { disabledAt: unknown }).disabledAt).to.be.a('string');
    expect(JSON.stringify(audit)).not.to.match(/scrypt|password_hash/);
  });

  it('when the user is not staff of that centre (another centre, a citizen, unknown), then it answers 404', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    const other = await createCentre(h);
    const citizen = await createCitizen(h);
    for (const userId of [other.staff.principal.userId, citizen.actor.principal.userId, admin.principal.userId]) {
      const res = await h.http.post(`/v1/centres/${centre.id}/staff/${userId}/disable`).set(admin.auth).expect(404);
      expect(res.body.code).to.equal('not_found');
    }
    await h.http.get(`/v1/centres/${other.id}`).set(other.staff.auth).expect(200);
    const bad = await h.http.post(`/v1/centres/${centre.id}/staff/not-a-uuid/disable`).set(admin.auth).expect(400);
    expect(bad.body.errors[0].path).to.equal('/path/userId');
  });

  it('when another process disabled the user, then this one refuses the token once its copy of the user runs out', async () => {
    const h = buildHarness({ AUTH_USER_CACHE_SECONDS: '1' });
    const auditor = await createActor(h, 'auditor');
    await h.http.get('/v1/audit').set(auditor.auth).expect(200);
    // Another instance's change: nothing in this process hears of it.
    await queryRows(h.sequelize, `UPDATE users SET disabled_at = now() WHERE id = $1`, [auditor.principal.userId]);
    await h.http.get('/v1/audit').set(auditor.auth).expect(200);
    h.clock.set(new Date(h.clock.now().getTime() + 999));
    await h.http.get('/v1/audit').set(auditor.auth).expect(200);
    h.clock.set(new Date(h.clock.now().getTime() + 1));
    await h.http.get('/v1/audit').set(auditor.auth).expect(401);
  });
});

describe('POST /v1/me/password', () => {
  const change = (h: Harness, actor: Actor, body: Record<string, unknown>) => h.http.post('/v1/me/password').set(actor.auth).send(body);

  it('when the current password is right, then the new one works, the old one and every earlier token stop, and a fresh token is returned', async () => {
    const h = harness();
    const citizen = (await createCitizen(h)).actor;
    const other = await signIn(h, citizen.principal.email, citizen.password).expect(200);
    const res = await change(h, citizen, { currentPassword: citizen.password, newPassword: 'a brand new passphrase' }).expect(200);
    expect(res.body).to.include({ tokenType: 'Bearer' });
    await h.http.get('/v1/me').set(bearer(res.body.accessToken)).expect(200);
    for (const old of [citizen.auth, bearer(other.body.accessToken)]) await h.http.get('/v1/me').set(old).expect(401);
    await signIn(h, citizen.principal.email, citizen.password).expect(401);
    await signIn(h, citizen.principal.email, 'a brand new passphrase').expect(200);

    const [audit] = await auditOf(h, citizen.principal.userId);
    expect(audit).to.include({ action: 'user.password.change', actor_id: citizen.principal.userId });
    expect(JSON.stringify(audit)).not.to.match(/passphrase|scrypt|correct horse/);
  });

  it('when the current password is wrong, then it answers 422 naming /currentPassword and nothing changes', async () => {
    const h = harness();
    const staff = await createActor(h, 'auditor');
    const res = await change(h, staff, { currentPassword: 'not it', newPassword: 'another long passphrase' }).expect(422);
    expect(res.body.code).to.equal('wrong_password');
    expect(res.body.errors[0].path).to.equal('/currentPassword');
    await h.http.get('/v1/audit').set(staff.auth).expect(200);
    await signIn(h, staff.principal.email, staff.password).expect(200);
  });

  it('when the new password is too short for the role or fields are missing, then it answers 400 naming each', async () => {
    const h = harness();
    const staff = await createActor(h, 'admin');
    const short = await change(h, staff, { currentPassword: staff.password, newPassword: 'nine char' }).expect(400);
    expect(short.body.errors).to.deep.equal([{ path: '/newPassword', message: 'must be at least 12 characters' }]);
    const missing = await change(h, staff, { newPassword: 42, extra: 1 }).expect(400);
    expect(missing.body.errors.map((error: { path: string }) => error.path)).to.have.members([
      '/currentPassword',
      '/newPassword',
      '/extra',
    ]);
    await h.http.get('/v1/audit').set(staff.auth).expect(200);
  });
});

describe('POST /v1/users/{id}/tokens/end', () => {
  it("when an administrator ends a user's tokens, then every token of that user is refused and a new sign-in works", async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const citizen = (await createCitizen(h)).actor;
    await h.http.post(`/v1/users/${citizen.principal.userId}/tokens/end`).set(admin.auth).expect(200);
    await h.http.get('/v1/me').set(citizen.auth).expect(401);
    const login = await signIn(h, citizen.principal.email, citizen.password).expect(200);
    await h.http.get('/v1/me').set(bearer(login.body.accessToken)).expect(200);
    const [audit] = await auditOf(h, citizen.principal.userId);
    expect(audit).to.include({ action: 'user.tokens.end', actor_id: admin.principal.userId });
  });

  it('when the user does not exist, then it answers 404; for other roles, 403', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const auditor = await createActor(h, 'auditor');
    await h.http.post('/v1/users/00000000-0000-4000-8000-000000000000/tokens/end').set(admin.auth).expect(404);
    await h.http.post(`/v1/users/${admin.principal.userId}/tokens/end`).set(auditor.auth).expect(403);
    await h.http.get('/v1/audit').set(admin.auth).expect(200);
  });
});
