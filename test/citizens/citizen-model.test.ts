// Citizens and rule sets as Sequelize models (server/citizens/citizen-model.ts,
// server/eligibility/rule-set-model.ts): their validations refuse what the tables' checks refuse,
// a citizen is read with the e-mail of the login it belongs to, and the stores use the models.
import { expect } from 'chai';
import { ValidationError } from 'sequelize';
import { findProfile, lockCitizenRow } from '../../server/citizens/citizen-store.js';
import { modelsOf } from '../../server/db/models.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';

async function refusedFields(validation: Promise<unknown>): Promise<string[]> {
  try {
    await validation;
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.errors.map((item) => item.path ?? item.message);
  }
}

describe('citizen and rule set models', () => {
  const at = new Date('2030-01-01T00:00:00Z');

  it('when a citizen has a national number scheme the table does not know, or no name, then it is refused', async () => {
    const { Citizen } = modelsOf(harness().sequelize);
    const valid = {
      userId: '00000000-0000-4000-8000-000000000000',
      name: 'A',
      nationalId: '85073003328',
      nationalIdScheme: 'BE_NRN' as const,
    };
    expect(await refusedFields(Citizen.build(valid).validate())).to.deep.equal([]);
    expect(await refusedFields(Citizen.build({ ...valid, nationalIdScheme: 'FR_INSEE' as 'BE_NRN' }).validate())).to.deep.equal([
      'nationalIdScheme',
    ]);
    expect(await refusedFields(Citizen.build({ ...valid, name: null as unknown as string }).validate())).to.deep.equal(['name']);
  });

  it('when a citizen is read, then the login it belongs to gives the e-mail, by citizen id or by login, and the row can be locked', async () => {
    const h = harness();
    const citizen = await createCitizen(h, { name: 'Model Reader' });
    const { Citizen } = modelsOf(h.sequelize);
    const row = await Citizen.findByPk(citizen.id, { include: ['login'] });
    expect((row?.get({ plain: true }) as { login?: { email: string } } | undefined)?.login?.email).to.equal(citizen.email);
    const byLogin = await findProfile(h.sequelize, { userId: citizen.actor.principal.userId });
    expect(byLogin).to.include({ id: citizen.id, name: 'Model Reader', email: citizen.email, scheme: 'BE_NRN' });
    const locked = await h.sequelize.transaction(async (t) => ({
      profile: await findProfile(h.sequelize, { id: citizen.id }, { transaction: t, lock: true }),
      missing: await lockCitizenRow(h.sequelize, '00000000-0000-4000-8000-000000000000', t),
    }));
    expect(locked.profile?.email).to.equal(citizen.email);
    expect(locked.missing).to.equal(false);
  });

  it('when a rule set is approved without an approval time, a draft has one, or its author approves it, then it is refused', async () => {
    const { RuleSet } = modelsOf(harness().sequelize);
    const author = '00000000-0000-4000-8000-000000000001';
    const valid = {
      programmeCode: 'LBC',
      version: 1,
      effectiveFrom: '2030-01-01',
      rules: [],
      parameters: {},
      approvedAt: null,
      authorId: author,
    };
    expect(await refusedFields(RuleSet.build({ ...valid, state: 'draft' }).validate())).to.deep.equal([]);
    expect(await refusedFields(RuleSet.build({ ...valid, state: 'approved' }).validate())).not.to.deep.equal([]);
    expect(await refusedFields(RuleSet.build({ ...valid, state: 'draft', approvedAt: at }).validate())).not.to.deep.equal([]);
    expect(
      await refusedFields(RuleSet.build({ ...valid, state: 'approved', approvedAt: at, approvedBy: author }).validate()),
    ).not.to.deep.equal([]);
    expect(await refusedFields(RuleSet.build({ ...valid, rules: {} as unknown[] }).validate())).to.deep.equal(['rules']);
  });
});
