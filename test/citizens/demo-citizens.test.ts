import { expect } from 'chai';
import { settableClock } from '../../server/app-context.js';
import { replaceCitizenFacts } from '../../server/citizens/citizen-service.js';
import { findProfile } from '../../server/citizens/citizen-store.js';
import { seed } from '../../server/db/migrator.js';
import { addDays } from '../../server/shared/calendar.js';
import { harness } from '../support/harness.js';
import { seedDemoCitizens as seedDemoCitizensOn, up as seedDemoCitizens } from '../../seeders/40-demo-citizens.js';
import { DEMO_CITIZEN_LOGINS, DEMO_LOGINS } from '../../seeders/demo-logins.js';
import { isValidNrn } from '../../server/validation/national-register-number.js';
import { isValidNino } from '../../server/validation/national-insurance-number.js';

type Row = {
  email: string;
  national_id: string;
  national_id_scheme: string;
  facts: Record<string, unknown>;
  facts_recorded_on: Record<string, string>;
};

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
    expect(byEmail.get('citizen.lbc.eligible@demo.test')).to.include({
      residenceRegion: 'VLG',
      employmentStatus: 'employee',
      workExperienceDays: 3000,
    });
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

  it('when the seed runs on a data folder whose income evidence aged past 2 months, then it is refreshed once, audited, and the ITA citizens stay eligible', async () => {
    const h = harness();
    const context = { sequelize: h.sequelize, config: h.config };
    h.clock.set(new Date());
    const now = h.clock; // the service date of the eligibility checks below, too
    await seed(h.sequelize, h.config, { demo: true }); // the funded ITA budget is one of the rules
    const itaLogins = DEMO_CITIZEN_LOGINS.filter((login) => login.email.startsWith('citizen.ita.'));
    const profileOf = async (email: string) => {
      const [rows] = await h.sequelize.query(`SELECT id FROM users WHERE email = $1`, { bind: [email] });
      const profile = await findProfile(h.sequelize, { userId: (rows as { id: string }[])[0]!.id });
      if (!profile) throw new Error(`no demo citizen ${email}`);
      return profile;
    };
    const signIn = async (email: string) => {
      const res = await h.http.post('/v1/auth/token').send({ email, password: h.config.demoPassword }).expect(200);
      return { Authorization: `Bearer ${res.body.accessToken as string}` };
    };
    // A data folder first seeded 100 days ago: its evidence was dated 30 days before that.
    const seededThen = settableClock(new Date(now.now().getTime() - 100 * 86_400_000));
    for (const login of itaLogins) {
      const profile = await profileOf(login.email);
      const aged = { ...profile.facts, annualIncome: { ...profile.facts.annualIncome!, evidenceDate: addDays(seededThen.today(), -30) } };
      await replaceCitizenFacts(
        { sequelize: h.sequelize, clock: seededThen, config: h.config },
        { userId: null, role: 'system' },
        profile.id,
        aged,
      );
    }
    const isla = await signIn('citizen.ita.eligible@demo.test');
    const stale = await h.http.post('/v1/programmes/ITA/eligibility').set(isla).send({}).expect(200);
    expect(stale.body.reasons.map((reason: { code: string }) => reason.code)).to.include('evidence_too_old');

    const [[mark]] = (await h.sequelize.query(`SELECT coalesce(max(id), 0) AS id FROM audit_log`)) as [{ id: string }[], unknown];
    await seedDemoCitizensOn(context, now);
    const refreshed = await read();
    await seedDemoCitizensOn(context, now);
    expect(await read()).to.deep.equal(refreshed);
    for (const row of refreshed.filter((citizen) => citizen.email.startsWith('citizen.ita.'))) {
      expect((row.facts.annualIncome as { evidenceDate: string }).evidenceDate, row.email).to.equal(addDays(now.today(), -30));
      expect(row.facts_recorded_on.annualIncome, row.email).to.equal(now.today());
    }
    const islaId = (await profileOf('citizen.ita.eligible@demo.test')).id;
    const [audits] = await h.sequelize.query(
      `SELECT actor_role FROM audit_log WHERE action = 'citizen.facts.replaced' AND entity_id = $1 AND id > $2`,
      { bind: [islaId, mark!.id] },
    );
    expect(audits).to.deep.equal([{ actor_role: 'system' }]);
    for (const email of ['citizen.ita.eligible@demo.test', 'citizen.ita.benefit@demo.test']) {
      const decision = await h.http
        .post('/v1/programmes/ITA/eligibility')
        .set(await signIn(email))
        .send({})
        .expect(200);
      expect(decision.body.eligible, `${email} ${JSON.stringify(decision.body.reasons)}`).to.equal(true);
    }

    // Three weeks on, the evidence is 51 days old: a restart changes nothing.
    await seedDemoCitizensOn(context, settableClock(new Date(now.now().getTime() + 21 * 86_400_000)));
    expect(await read()).to.deep.equal(refreshed);
  });
});
