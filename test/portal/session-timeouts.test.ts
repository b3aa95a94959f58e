import { expect } from 'chai';
import { updateUserAccess } from '../../server/auth/user-store.js';
import { createActor } from '../support/actors.js';
import { buildHarness, type Harness } from '../support/harness.js';
import { agentOf, signIn } from '../support/pages.js';

describe('Portal: how long a session lasts', () => {
  // 30 minutes idle, 1 hour in all; the user cache off, so a change of the user shows at once.
  let h: Harness;
  before(() => {
    h = buildHarness({ PORTAL_SESSION_IDLE_MINUTES: '30', PORTAL_SESSION_ABSOLUTE_HOURS: '1', AUTH_USER_CACHE_SECONDS: '0' });
  });

  async function signedInAgent() {
    const admin = await createActor(h, 'admin');
    const agent = agentOf(h);
    h.clock.set('2026-12-04T09:00:00Z');
    expect((await signIn(agent, admin.principal.email, admin.password)).status).to.equal(303);
    return { agent, admin };
  }

  it('when a signed-in user makes no request for longer than the idle timeout, then the next one is signed out', async () => {
    const { agent } = await signedInAgent();
    h.clock.set('2026-12-04T09:29:00Z');
    await agent.get('/admin').expect(200);
    h.clock.set('2026-12-04T09:58:00Z'); // 29 minutes after the last request
    await agent.get('/admin').expect(200);
    h.clock.set('2026-12-04T10:28:01Z'); // 30 minutes and a second
    await agent.get('/admin').expect(303).expect('Location', '/login');
    h.clock.set('2026-12-04T10:28:02Z');
    await agent.get('/admin').expect(303);
  });

  it('when a busy user reaches the absolute timeout after sign-in, then they are signed out however recent their last request', async () => {
    const { agent } = await signedInAgent();
    for (const at of ['09:20', '09:40', '10:00']) {
      h.clock.set(`2026-12-04T${at}:00Z`);
      await agent.get('/admin').expect(200);
    }
    h.clock.set('2026-12-04T10:00:01Z');
    await agent.get('/admin').expect(303).expect('Location', '/login');
  });

  it('when a signed-in user is disabled or their password changes (their token version moves on), then their session ends', async () => {
    const disabled = await signedInAgent();
    await h.sequelize.transaction((transaction) =>
      updateUserAccess(h.sequelize, transaction, disabled.admin.principal.userId, { disabledAt: new Date() }),
    );
    await disabled.agent.get('/admin').expect(303).expect('Location', '/login');

    const renewed = await signedInAgent();
    await h.sequelize.transaction((transaction) => updateUserAccess(h.sequelize, transaction, renewed.admin.principal.userId, {}));
    await renewed.agent.get('/admin').expect(303).expect('Location', '/login');
  });

  it('when the idle timeout is set longer than the absolute one, then the configuration is refused', () => {
    expect(() => buildHarness({ PORTAL_SESSION_IDLE_MINUTES: '120', PORTAL_SESSION_ABSOLUTE_HOURS: '1' })).to.throw(
      /PORTAL_SESSION_IDLE_MINUTES/,
    );
  });
});
