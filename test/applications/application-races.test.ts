import { expect } from 'chai';
import { lapseUnverifiedApplications } from '../../server/applications/application-lapse-job.js';
import { expireHolds } from '../../server/ledger/ledger-holds.js';
import { idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  applyFor, claimFunding, claimIta, expectLedgerOk, fundIta, itaCitizen, itaRemaining, providerWithCourse, restoreClock, setToday, verify,
} from './ita-fixtures.js';

describe('ITA applications under concurrency and at the database', () => {
  let h: Harness;

  before(async () => {
    h = harness();
    setToday(h, '2026-05-10');
    await fundIta(h);
  });
  afterEach(async () => {
    await expectLedgerOk(h);
    setToday(h, '2026-05-10');
  });
  after(() => restoreClock(h));

  it('when a citizen sends 6 claims at once with different keys, then exactly one is funded and the rest get 409 application_exists', async () => {
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h, '100.00');
    const before = await itaRemaining(h);
    const answers = await Promise.all(Array.from({ length: 6 }, () => claimIta(h, citizen.actor, course.id, idempotencyKey())));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).to.deep.equal([201, 409, 409, 409, 409, 409]);
    expect(answers.filter((res) => res.status === 409).every((res) => res.body.code === 'application_exists')).to.equal(true);
    expect(before.minus(await itaRemaining(h)).toFixed(2)).to.equal('100.00');
  });

  it('when two lapse jobs run at once, then each due application lapses once and its money returns once', async () => {
    const { course } = await providerWithCourse(h, '90.00');
    const applications = [];
    for (let i = 0; i < 5; i++) applications.push(await applyFor(h, (await itaCitizen(h)).actor, course.id));
    const now = new Date('2026-06-08T01:00:00Z');
    const [a, b] = await Promise.all([lapseUnverifiedApplications(h.context, now), lapseUnverifiedApplications(h.context, now)]);
    expect(a + b).to.be.at.least(5);
    const [rows] = await h.sequelize.query(
      `SELECT a.status, count(t.id)::int AS releases, sum(e.amount) AS returned
       FROM applications a
       JOIN ledger_transactions t ON t.kind = 'release' AND t.metadata->>'applicationId' = a.id::text
       JOIN ledger_entries e ON e.transaction_id = t.id AND e.amount > 0
       WHERE a.reference = ANY($1) GROUP BY a.id, a.status`,
      { bind: [applications.map((application) => application.reference)], raw: true },
    );
    expect(rows).to.deep.equal(Array(5).fill({ status: 'lapsed', releases: 1, returned: '90.00' }));
  });

  it('when the ledger expires holds at their deadline, then a verified application keeps its guarantee and a pending one still lapses cleanly', async () => {
    const { provider, course } = await providerWithCourse(h, '110.00');
    const pending = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    const verified = await applyFor(h, (await itaCitizen(h)).actor, course.id);
    await verify(h, provider.staff, provider.id, verified.reference).expect(200);

    await expireHolds(h.sequelize, new Date('2026-06-08T00:00:01Z'));
    await lapseUnverifiedApplications(h.context, new Date('2026-06-08T01:00:00Z'));

    setToday(h, '2026-09-01');
    const claimed = await claimFunding(h, provider.staff, provider.id, verified.reference, '2026-08-30');
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
    const lapsed = await h.http.get(`/v1/applications/${pending.reference}`).set(provider.staff.auth).expect(200);
    expect(lapsed.body.status).to.equal('lapsed');
  });

  it('when the citizen cancels while the provider claims, then exactly one of them wins', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h, '130.00');
    const application = await applyFor(h, citizen.actor, course.id);
    await verify(h, provider.staff, provider.id, application.reference).expect(200);
    const [cancel, claim] = await Promise.all([
      h.http.post(`/v1/applications/${application.reference}/cancel`).set(citizen.actor.auth),
      claimFunding(h, provider.staff, provider.id, application.reference, '2026-05-10'),
    ]);
    expect([cancel.status, claim.status].sort()).to.deep.equal([200, 409]);
  });

  it('when someone updates a final application in SQL, then the database refuses it', async () => {
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h);
    const application = await applyFor(h, citizen.actor, course.id);
    await h.http.post(`/v1/applications/${application.reference}/cancel`).set(citizen.actor.auth).expect(200);
    const refused = async (sql: string) => {
      try {
        await h.sequelize.query(sql, { bind: [application.reference] });
        return 'accepted';
      } catch {
        return 'refused';
      }
    };
    expect(await refused(`UPDATE applications SET status = 'pending_verification' WHERE reference = $1`)).to.equal('refused');
    expect(await refused(`UPDATE applications SET funded_amount = 1 WHERE reference = $1`)).to.equal('refused');
    expect(await refused(`DELETE FROM applications WHERE reference = $1`)).to.equal('refused');
  });
});
