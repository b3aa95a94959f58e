import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { FACTS } from '../../server/eligibility/eligibility.js';
import { createActor } from '../support/actors.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';

describe('The facts reach counts by: sex and highest qualification', () => {
  it('when an administrator records sex and highest qualification, then they are stored and dated like every fact, and the registry names sex', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const citizen = await createCitizen(h, { facts: { birthDate: '1985-04-02' } });
    const res = await h.http
      .put(`/v1/citizens/${citizen.id}/facts`)
      .set(admin.auth)
      .send({ birthDate: '1985-04-02', sex: 'not_stated', highestQualification: 4 })
      .expect(200);
    expect(res.body.facts).to.include({ sex: 'not_stated', highestQualification: 4 });
    expect(res.body.factsRecordedOn.sex).to.equal(h.clock.today());
    expect(FACTS.sex).to.include({ type: 'string', kind: 'stored' });
  });

  it('when a value of sex the service does not know is written around the service, then the database refuses it', async () => {
    const h = harness();
    const citizen = await createCitizen(h);
    let refused: unknown;
    await queryRows(h.sequelize, `UPDATE citizens SET facts = facts || '{"sex": "f"}' WHERE id = $1`, [citizen.id]).catch(
      (error: unknown) => {
        refused = error;
      },
    );
    expect(String(refused)).to.include('citizens_facts_sex_check');
  });
});
