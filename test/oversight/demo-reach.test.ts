import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { seed } from '../../server/db/migrator.js';
import { createActor } from '../support/actors.js';
import { seedDemo } from '../support/demo-seed.js';
import { harness } from '../support/harness.js';

describe('Demo seed: people reached and a centre delivering, for the reach and monitoring pages', () => {
  it('when the demo is seeded (twice), then 36 citizens with sex and education facts are decided for LBC, and reach and monitoring show them', async function () {
    this.timeout(120_000);
    const h = harness();
    await seedDemo(h);
    await seed(h.sequelize, h.config, { demo: true });
    const cohort = await queryRows<{ facts: { sex?: string; highestQualification?: number }; decisions: string; rights: string }>(
      h.sequelize,
      `SELECT c.facts,
              (SELECT count(*) FROM decisions d WHERE d.citizen_id = c.id AND d.programme_code = 'LBC') AS decisions,
              (SELECT count(*) FROM entitlements e WHERE e.citizen_id = c.id AND e.programme_code = 'LBC') AS rights
         FROM citizens c JOIN users u ON u.id = c.user_id WHERE u.email LIKE 'citizen.reach.%@demo.test'`,
    );
    expect(cohort).to.have.length(36);
    expect(cohort.every((citizen) => citizen.facts.sex !== undefined && citizen.facts.highestQualification !== undefined)).to.equal(true);
    // Each was decided on the seeding day; a claim is decided once more.
    expect(cohort.every((citizen) => Number(citizen.decisions) === (citizen.rights === '1' ? 2 : 1))).to.equal(true);
    expect(cohort.filter((citizen) => citizen.rights === '1')).to.have.length(14);

    const auditor = await createActor(h, 'auditor');
    const today = h.clock.today();
    const reach = await h.http.get('/v1/programmes/LBC/reach').query({ from: today, to: today }).set(auditor.auth);
    expect(reach.status).to.equal(200);
    expect(reach.body.totals.eligible.count).to.be.at.least(32);
    const monitoring = await h.http.get('/v1/monitoring/centres').query({ from: today, to: today, programme: 'LBC' }).set(auditor.auth);
    const antwerpen = (monitoring.body.items as { centreName: string; sessions: number; chequesClosed: number }[]).find(
      (row) => row.centreName === 'Loopbaancentrum Antwerpen',
    );
    expect(antwerpen?.sessions).to.be.at.least(4);
    expect(antwerpen?.chequesClosed).to.be.at.least(2);
  });
});
