// The rarer refusals of POST /v1/me/password: an account without a password, a change that lost a
// race to another, and an account whose sign-in tries are used up.
import { expect } from 'chai';
import { insertUser } from '../../server/auth/user-store.js';
import { queryRows } from '../../server/db/database.js';
import { actorFor, createActor, uniqueEmail, type Actor } from '../support/actors.js';
import { buildHarness, harness, type Harness } from '../support/harness.js';

const change = (h: Harness, actor: Actor, body: Record<string, unknown>) => h.http.post('/v1/me/password').set(actor.auth).send(body);
const signIn = (h: Harness, email: string, password: string) => h.http.post('/v1/auth/token').send({ email, password });

/**
 * Resolves once `count` statements wait behind the lock the transaction of `pid` holds: the first
 * waits for it, later ones for the first (PostgreSQL queues row-lock waiters that way).
 */
async function waitingFor(h: Harness, pid: number, count: number) {
  for (let tries = 0; tries < 250; tries++) {
    const [row] = await queryRows<{ waiting: number }>(
      h.sequelize,
      `SELECT count(*)::integer AS waiting FROM pg_stat_activity waiter
        WHERE $1 = ANY(pg_blocking_pids(waiter.pid))
           OR EXISTS (SELECT 1 FROM pg_stat_activity first
                       WHERE $1 = ANY(pg_blocking_pids(first.pid)) AND first.pid = ANY(pg_blocking_pids(waiter.pid)))`,
      [pid],
    );
    if (row!.waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} statements waited for the lock`);
}

describe('POST /v1/me/password: the rarer refusals', () => {
  it('when the account has no password (it signs in through the identity provider), then it answers 409 no_password', async () => {
    const h = harness();
    const user = await insertUser(h.sequelize, {
      email: uniqueEmail('idp-only'),
      passwordHash: null,
      name: 'Provider only',
      role: 'auditor',
    });
    const actor = actorFor(h, { userId: user.id, role: 'auditor', email: user.email, centreId: null, citizenId: null });
    const res = await change(h, actor, { currentPassword: 'anything at all', newPassword: 'a long enough passphrase' }).expect(409);
    expect(res.body.code).to.equal('no_password');
    const [stored] = await queryRows<{ password_hash: string | null }>(h.sequelize, `SELECT password_hash FROM users WHERE id = $1`, [
      user.id,
    ]);
    expect(stored!.password_hash).to.equal(null);
  });

  it('when two changes with the right password race, then one wins and the other answers 409 password_changed', async () => {
    const h = harness();
    const staff = await createActor(h, 'auditor');
    const answers = await h.ownerSequelize.transaction(async (transaction) => {
      // Both changes check the password, then wait here for the user row the change locks.
      const [self] = await queryRows<{ pid: number }>(h.ownerSequelize, `SELECT pg_backend_pid() AS pid`, [], { transaction });
      await queryRows(h.ownerSequelize, `SELECT id FROM users WHERE id = $1 FOR UPDATE`, [staff.principal.userId], { transaction });
      const pending = ['first new passphrase', 'second new passphrase'].map((newPassword) =>
        change(h, staff, { currentPassword: staff.password, newPassword }).then((res) => ({ newPassword, res })),
      );
      await waitingFor(h, self!.pid, 2);
      return pending;
    });
    const [first, second] = await Promise.all(answers);
    const statuses = [first!.res.status, second!.res.status].sort();
    expect(statuses).to.deep.equal([200, 409]);
    const [winner, loser] = first!.res.status === 200 ? [first!, second!] : [second!, first!];
    expect(loser.res.body.code).to.equal('password_changed');
    await signIn(h, staff.principal.email, winner.newPassword).expect(200);
    await signIn(h, staff.principal.email, loser.newPassword).expect(401);
  });

  it("when the account's sign-in tries are used up, then even the right current password answers 429, not 422", async () => {
    const h = buildHarness({ LOGIN_MAX_FAILURES: '1' });
    const staff = await createActor(h, 'auditor');
    await change(h, staff, { currentPassword: 'a wrong guess', newPassword: 'a long enough passphrase' }).expect(422);
    const res = await change(h, staff, { currentPassword: staff.password, newPassword: 'a long enough passphrase' }).expect(429);
    expect(res.body.code).to.equal('too_many_attempts');
    await signIn(h, staff.principal.email, 'a long enough passphrase').expect(429);
  });
});
