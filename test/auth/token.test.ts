import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { harness, type Harness } from '../support/harness.js';
import { createActor, uniqueEmail } from '../support/actors.js';

/** Runs `work` with Date.now reading `ms`: the wall clock jsonwebtoken judges `exp` by, set for this one request. */
async function atWallClock<T>(ms: number, work: () => PromiseLike<T>): Promise<T> {
  const realNow = Date.now;
  Date.now = () => ms;
  try {
    return await work();
  } finally {
    Date.now = realNow;
  }
}

describe('POST /v1/auth/token', () => {
  it('when the password is right, then it issues a short-lived bearer token that the API accepts', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const res = await h.http
      .post('/v1/auth/token')
      .send({ email: admin.principal.email.toUpperCase(), password: admin.password })
      .expect(200);
    expect(res.body).to.include({ tokenType: 'Bearer', expiresIn: h.config.jwt.ttlSeconds });
    const claims = jwt.decode(res.body.accessToken) as jwt.JwtPayload;
    expect(claims).to.include({ sub: admin.principal.userId, role: 'admin', iss: h.config.jwt.issuer, aud: h.config.jwt.audience });
    await h.http.get('/v1/audit').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
  });

  it('when the password is wrong or the account unknown, then it answers the same 401', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const wrong = await h.http.post('/v1/auth/token').send({ email: admin.principal.email, password: 'not-the-password' }).expect(401);
    const unknown = await h.http
      .post('/v1/auth/token')
      .send({ email: uniqueEmail('nobody'), password: 'whatever' })
      .expect(401);
    expect(wrong.body.code).to.equal('invalid_credentials');
    expect(unknown.body).to.include({ code: wrong.body.code, detail: wrong.body.detail });
  });

  it('when fields are missing, unknown or of the wrong type, then it answers 400 naming each', async () => {
    const res = await harness().http.post('/v1/auth/token').send({ email: 42, extra: true }).expect(400);
    const paths = res.body.errors.map((error: { path: string }) => error.path);
    expect(paths).to.have.members(['/email', '/password', '/extra']);
  });

  it('when a token is expired, forged or from an unknown issuer, then protected routes answer 401', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const secret = h.config.jwt.secret!;
    const base = { role: 'admin', email: admin.principal.email, ver: 0 };
    const options = { subject: admin.principal.userId, issuer: h.config.jwt.issuer, audience: h.config.jwt.audience };
    const expired = jwt.sign({ ...base, exp: Math.floor(Date.now() / 1000) - 60 }, secret, options);
    const forged = jwt.sign(base, 'another-secret-another-secret-another-secret', options);
    const foreign = jwt.sign(base, secret, { ...options, issuer: 'someone-else' });
    const unsigned = jwt.sign(base, '', { ...options, algorithm: 'none' });
    for (const token of [expired, forged, foreign, unsigned, 'not-a-jwt']) {
      const res = await h.http.get('/v1/audit').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.code).to.equal('unauthenticated');
    }
  });

  it('when a token that was accepted before expires, then it is refused (a verified token is remembered only until its expiry)', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const expiresAt = Math.floor(Date.now() / 1000) + 60;
    const options = { subject: admin.principal.userId, issuer: h.config.jwt.issuer, audience: h.config.jwt.audience };
    const token = jwt.sign({ role: 'admin', email: admin.principal.email, ver: 0, exp: expiresAt }, h.config.jwt.secret!, options);
    await h.http.get('/v1/audit').set('Authorization', `Bearer ${token}`).expect(200);
    await h.http.get('/v1/audit').set('Authorization', `Bearer ${token}`).expect(200);
    // The cache ages by the app's clock; jsonwebtoken judges `exp` by the wall clock (Date.now), so
    // both are moved to the expiry instead of waiting for it.
    h.clock.set(new Date(expiresAt * 1000));
    const late = await atWallClock(expiresAt * 1000, () => h.http.get('/v1/audit').set('Authorization', `Bearer ${token}`).expect(401));
    expect(late.body.code).to.equal('unauthenticated');
  });

  it('when the role does not fit the route, then it answers 403 forbidden', async () => {
    const h = harness();
    const citizen = await createActor(h, 'citizen');
    const res = await h.http.get('/v1/audit').set(citizen.auth).expect(403);
    expect(res.body.code).to.equal('forbidden');
  });
});

describe('what a token of ours must be, beyond its signature', () => {
  const signed = (h: Harness, claims: Record<string, unknown>, options: jwt.SignOptions = {}) =>
    jwt.sign({ role: 'admin', ver: 0, ...claims }, h.config.jwt.secret!, {
      issuer: h.config.jwt.issuer,
      audience: h.config.jwt.audience,
      ...options,
    });

  it('when a well-signed token has no expiry, no issue time, or a lifetime over the maximum, then it answers 401', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const subject = { subject: admin.principal.userId };
    const max = h.config.jwt.maxLifetimeSeconds;
    const now = Math.floor(Date.now() / 1000);
    await h.http
      .get('/v1/audit')
      .set('Authorization', `Bearer ${signed(h, {}, { ...subject, expiresIn: max })}`)
      .expect(200);
    const refused = [
      signed(h, {}, subject),
      signed(h, { exp: now + 60 }, { ...subject, noTimestamp: true }),
      signed(h, {}, { ...subject, expiresIn: max + 1 }),
      // Issued "in the future" to stretch a short lifetime over months.
      signed(h, { iat: now + 86_400 * 90, exp: now + 86_400 * 90 + 60 }, subject),
    ];
    for (const token of refused) {
      const res = await h.http.get('/v1/audit').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.code).to.equal('unauthenticated');
    }
  });

  it('when a token names a user that does not exist, or a role the user does not have, then it answers 401', async () => {
    const h = harness();
    const auditor = await createActor(h, 'auditor');
    const ghost = signed(h, {}, { subject: randomUUID(), expiresIn: 60 });
    const promoted = signed(h, { role: 'admin' }, { subject: auditor.principal.userId, expiresIn: 60 });
    for (const token of [ghost, promoted])
      await h.http.get('/v1/programmes/LBC/rulesets').set('Authorization', `Bearer ${token}`).expect(401);
    await h.http.get('/v1/programmes/LBC/rulesets').set(auditor.auth).expect(200);
  });

  it('when the role, centre or citizen of a token differ from the records, then the records decide', async () => {
    const h = harness();
    const auditor = await createActor(h, 'auditor');
    const claimsCentre = signed(
      h,
      { role: 'auditor', centreId: randomUUID(), citizenId: randomUUID() },
      { subject: auditor.principal.userId, expiresIn: 60 },
    );
    // An auditor with a made-up centre is still only an auditor: a centre-staff route refuses the role.
    await h.http.get('/v1/audit').set('Authorization', `Bearer ${claimsCentre}`).expect(200);
    await h.http.get('/v1/me').set('Authorization', `Bearer ${claimsCentre}`).expect(403);
  });
});
