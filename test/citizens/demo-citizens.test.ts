import { expect } from 'chai';
import { harness } from '../support/harness.js';
import { up as seedDemoCitizens } from '../../seeders/40-demo-citizens.js';
import { DEMO_CITIZEN_LOGINS, DEMO_LOGINS } from '../../seeders/demo-logins.js';
import { isValidNrn } from '../../server/validation/national-register-number.js';
import { isValidNino } from '../../server/validation/national-insurance-number.js';

type Row = { email: string; national_id: string; national_id_scheme: string; facts: Record<string, unknown>; facts_recorded_on: Record<string, string> };

describe('the demo citizens seed', () => {
  const read = async () => {
    const [rows] = await harness().sequelize.query(
      `SELECT u.email, c.national_id, c.national_id_scheme, c.facts, c.facts_recorded_on FROM citizens c JOIN users u ON u.id = c.user_id
       WHERE u.email = ANY($1) ORDER BY u.email`,
      { bind: [DEMO_CITIZEN_LOGINS.map((login) => login.email)] },
    );
    return rows as Row[];
  };

  it('when seeded twice, then each demo citizen exists once, unchanged, with a valid national number', async () => {
    const h = harness();
    await seedDemoCitizens({ sequelize: h.sequelize, config: h.config });
    const first = await read();
    await seedDemoCitizens({ sequelize: h.sequelize, config: h.config });
    expect(await read()).to.deep.equal(first);
    expect(first).to.have.length(DEMO_CITIZEN_LOGINS.length);
    for (const row of first) {
      const valid = row.national_id_scheme === 'BE_NRN' ? isValidNrn(row.national_id) : isValidNino(row.national_id);
      expect(valid, `${row.email} ${row.national_id}`).to.equal(true);
    }
    for (const login of DEMO_CITIZEN_LOGINS) expect(DEMO_LOGINS).to.deep.include(login);
  });

  it('when seeded, then the citizens cover the LBC and ITA cases and can sign in with the demo password', async () => {
    const h = harness();
    await seedDemoCitizens({ sequelize: h.sequelize, config: h.config });
    const byEmail = new Map((await read()).map((row) => [row.email, row.facts]));
    expect(byEmail.get('citizen.lbc.eligible@demo.test')).to.include({ residenceRegion: 'VLG', employmentStatus: 'employee', workExperienceDays: 3000 });
    expect(byEmail.get('citizen.lbc.crossborder@demo.test')).to.include({ residenceCountry: 'NL', workRegion: 'VLG' });
    expect(byEmail.get('citizen.lbc.jobseeker@demo.test')).to.include({ employmentStatus: 'unemployed' });
    expect(byEmail.get('citizen.lbc.junior@demo.test')).to.include({ workExperienceDays: 2000 });
    expect(byEmail.get('citizen.lbc.walloon@demo.test')).to.include({ residenceRegion: 'WAL', workRegion: 'WAL' });
    expect(byEmail.get('citizen.ita.eligible@demo.test')).to.include({ residenceRegion: 'SCT', employmentStatus: 'employee' });
    expect((byEmail.get('citizen.ita.eligible@demo.test')!.annualIncome as { amount: string }).amount).to.equal('18000.00');
    expect(byEmail.get('citizen.ita.benefit@demo.test')).to.deep.include({ benefits: ['UC'] });
    expect((byEmail.get('citizen.ita.highearner@demo.test')!.annualIncome as { amount: string }).amount).to.equal('30000.00');
    expect(byEmail.get('citizen.ita.student@demo.test')).to.include({ inFullTimeEducation: true });
    const underage = byEmail.get('citizen.ita.underage@demo.test')!.birthDate as string;
    const ageInYears = (Date.now() - Date.parse(underage)) / (365.25 * 86_400_000);
    expect(ageInYears).to.be.within(15, 16);
    await h.http.post('/v1/auth/token').send({ email: 'citizen.ita.eligible@demo.test', password: h.config.demoPassword }).expect(200);
  });
});
