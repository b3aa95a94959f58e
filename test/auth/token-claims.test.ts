// A token signed with our own key is still refused when what it says cannot be ours: a subject
// that is no user id, a role we do not have, or a token version that no user can hold.
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { createActor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';

const signed = (h: Harness, subject: string, claims: Record<string, unknown>) =>
  jwt.sign(claims, h.config.jwt.secret!, { issuer: h.config.jwt.issuer, audience: h.config.jwt.audience, subject, expiresIn: 60 });

describe('the claims of a well-signed token of ours', () => {
  it('when the subject is not a user id, the role is unknown or the version is not a whole number from 0, then it answers 401', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const user = admin.principal.userId;
    await h.http
      .get('/v1/audit')
      .set('Authorization', `Bearer ${signed(h, user, { role: 'admin', ver: 0 })}`)
      .expect(200);
    const refused = [
      signed(h, 'admin@demo.test', { role: 'admin', ver: 0 }),
      signed(h, user, { role: 'superuser', ver: 0 }),
      signed(h, user, { ver: 0 }),
      signed(h, user, { role: 'admin' }),
      signed(h, user, { role: 'admin', ver: '0' }),
      signed(h, user, { role: 'admin', ver: -1 }),
      signed(h, user, { role: 'admin', ver: 0.5 }),
    ];
    for (const token of refused) {
      const res = await h.http.get('/v1/audit').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.code).to.equal('unauthenticated');
    }
  });
});
