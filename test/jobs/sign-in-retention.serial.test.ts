// The purge job deletes sign-ins older than SIGN_IN_RETENTION_DAYS (as the app role, in the same
// bounded SKIP LOCKED batches as idempotency keys and job runs). Serial: the purge takes every
// due sign-in of the database, and other files' sign-ins carry their test clocks' dates.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { ConfigError } from '../../server/config.js';
import { JOBS } from '../../server/jobs/job-registry.js';
import { createActor, type Actor } from '../support/actors.js';
import { buildHarness, testConfig, type Harness } from '../support/harness.js';

describe('purging sign-ins after their retention', () => {
  let h: Harness;
  let user: Actor;

  before(async () => {
    h = buildHarness({ SIGN_IN_RETENTION_DAYS: '30' });
    user = await createActor(h, 'citizen');
  });

  /** A sign-in of the user `ageDays` before the database's clock, as the service records it. */
  const signedIn = (ageDays: number, address: string) =>
    queryRows(
      h.sequelize,
      `INSERT INTO sign_ins (user_id, method, channel, client_address, signed_in_at)
       VALUES ($1, 'password', 'portal', $2, now() - make_interval(secs => $3::float8 * 86400))`,
      [user.principal.userId, address, ageDays],
    );
  const addresses = async () =>
    (
      await queryRows<{ client_address: string }>(h.sequelize, `SELECT client_address FROM sign_ins WHERE user_id = $1 ORDER BY id`, [
        user.principal.userId,
      ])
    ).map((row) => row.client_address);
  const purge = () => JOBS.find((job) => job.name === 'purge-expired-records')!.run(h.context, h.clock.now());

  it('when sign-ins are older than the retention, then the registered job deletes them and keeps the recent ones', async () => {
    await signedIn(400, '192.0.2.1');
    await signedIn(31, '192.0.2.2');
    await signedIn(29, '192.0.2.3');
    await signedIn(0, '192.0.2.4');
    h.clock.set(new Date());
    expect(await purge()).to.be.at.least(2);
    expect(await addresses()).to.deep.equal(['192.0.2.3', '192.0.2.4']);
  });

  it('when the app role may delete a sign-in for the purge, then it still may not change one', async () => {
    await signedIn(1, '203.0.113.1');
    const refused = await queryRows(h.sequelize, `UPDATE sign_ins SET client_address = '203.0.113.9' WHERE user_id = $1`, [
      user.principal.userId,
    ]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(String(refused)).to.match(/permission denied for table sign_ins/);
  });

  it('when the service clock is ahead of the database, then the cutoff is the database clock less the retention', async () => {
    await signedIn(20, '198.51.100.1');
    h.clock.set(new Date(Date.now() + 365 * 86_400_000));
    await purge();
    expect(await addresses()).to.include('198.51.100.1');
  });

  it('when SIGN_IN_RETENTION_DAYS is not given, then sign-ins are kept 400 days (over a year); outside 1 to 3650 the service refuses to start', () => {
    expect(testConfig().retention.signInDays).to.equal(400);
    for (const value of ['0', '3651', '1.5', 'forever'])
      expect(() => testConfig({ SIGN_IN_RETENTION_DAYS: value }), value).to.throw(ConfigError, 'SIGN_IN_RETENTION_DAYS');
  });
});
