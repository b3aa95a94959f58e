import { expect } from 'chai';
import { notify } from '../../server/notifications/notifications.js';
import { createActor } from '../support/actors.js';
import { expectCursorsRefused, forgedIdCursors } from '../support/cursors.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';

describe('notifications', () => {
  it('when a citizen is notified, then they see it newest first, paginated, and nobody else does', async () => {
    const h = harness();
    const [alice, bob, admin] = [await createCitizen(h), await createCitizen(h), await createActor(h, 'admin')];
    for (const n of [1, 2, 3]) {
      await notify(h.sequelize, undefined, {
        userId: alice.actor.principal.userId,
        kind: 'test',
        subject: `Message ${n}`,
        body: 'for Alice',
        data: { n },
      });
    }
    const page1 = await h.http.get('/v1/me/notifications?limit=2').set(alice.actor.auth).expect(200);
    expect(page1.body.items.map((item: { subject: string }) => item.subject)).to.deep.equal(['Message 3', 'Message 2']);
    expect(page1.body.items[0]).to.include({ kind: 'test', body: 'for Alice', audience: 'user' });
    const page2 = await h.http.get(`/v1/me/notifications?limit=2&cursor=${page1.body.nextCursor}`).set(alice.actor.auth).expect(200);
    expect(page2.body.items.map((item: { subject: string }) => item.subject)).to.deep.equal(['Message 1']);
    expect(page2.body.nextCursor).to.equal(null);
    const others = await Promise.all(
      [bob.actor, admin].map((actor) => h.http.get('/v1/me/notifications?limit=500').set(actor.auth).expect(200)),
    );
    for (const res of others) expect(res.body.items.filter((item: { body: string }) => item.body === 'for Alice')).to.have.length(0);
  });

  it('when administrators are notified as a role, then every administrator sees it and citizens do not', async () => {
    const h = harness();
    const [first, second, citizen] = [await createActor(h, 'admin'), await createActor(h, 'admin'), await createCitizen(h)];
    const subject = `Role message ${Date.now()}`;
    await notify(h.sequelize, undefined, { role: 'admin', kind: 'test', subject, body: 'for admins' });
    for (const admin of [first, second]) {
      const res = await h.http.get('/v1/me/notifications?limit=500').set(admin.auth).expect(200);
      expect(res.body.items.filter((item: { subject: string }) => item.subject === subject)).to.have.length(1);
    }
    const res = await h.http.get('/v1/me/notifications?limit=500').set(citizen.actor.auth).expect(200);
    expect(res.body.items.filter((item: { subject: string }) => item.subject === subject)).to.have.length(0);
  });

  it('when the query is malformed or there is no token, then it is refused', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    await h.http.get('/v1/me/notifications').expect(401);
    await h.http.get('/v1/me/notifications?limit=0').set(admin.auth).expect(400);
    await h.http.get('/v1/me/notifications?unread=true').set(admin.auth).expect(400);
    await h.http.get('/v1/me/notifications?cursor=garbage').set(admin.auth).expect(400);
  });

  it('when the cursor is well-formed but not an id this service issued, then 400 naming /query/cursor, never a 500', async () => {
    const citizen = await createCitizen(harness());
    await expectCursorsRefused(forgedIdCursors, (cursor) =>
      harness().http.get(`/v1/me/notifications?cursor=${cursor}`).set(citizen.actor.auth),
    );
  });

  it('when a notification names both a user and a role, then notify refuses it', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    let message = '';
    await notify(h.sequelize, undefined, { userId: admin.principal.userId, role: 'admin', kind: 'x', subject: 'x', body: 'x' }).catch(
      (error: Error) => {
        message = error.message;
      },
    );
    expect(message).to.match(/exactly one/);
  });
});
