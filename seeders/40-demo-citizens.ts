// Demo citizens, one per eligibility case of the two reference programmes (their logins are in
// DEMO_CITIZEN_LOGINS). Registered through the citizen service, so the stored shape is the real
// one and the registration is audited. A citizen who already exists keeps its facts and their
// recorded dates across restarts (only the password follows DEMO_PASSWORD), with one exception:
// income evidence is dated 30 days before the seeding day, and the ITA rules accept at most 3
// months, so on a kept data folder the ITA demo would turn into refusals. A seed therefore
// refreshes evidence that has grown older than REFRESH_AFTER_DAYS, through the facts service, so
// the change is re-dated and audited like any other. Ages stay relative to the first seeding day.
import { systemClock, type Clock } from '../server/app-context.js';
import { hashPassword } from '../server/auth/passwords.js';
import { citizenFactsSchema } from '../server/citizens/citizen-facts.js';
import { registerCitizenWithHash, replaceCitizenFacts } from '../server/citizens/citizen-service.js';
import { findProfile, nationalIdTaken } from '../server/citizens/citizen-store.js';
import { parseNationalId } from '../server/citizens/national-id.js';
import type { SeedContext } from '../server/db/migrator.js';
import { addDays } from '../server/shared/calendar.js';
import { DEMO_CITIZEN_LOGINS } from './demo-logins.js';
import { upsertDemoUser } from './seed-helpers.js';

const flemishEmployee = { residenceCountry: 'BE', residenceRegion: 'VLG', workRegion: 'VLG', employmentStatus: 'employee' };
const scottishEmployee = {
  birthDate: '1988-06-12',
  residenceCountry: 'GB',
  residenceRegion: 'SCT',
  workRegion: 'SCT',
  employmentStatus: 'employee',
};
const notInOtherSchemes = { inFullTimeEducation: false, inOtherFundedProgramme: false, benefits: [] };

/**
 * A month past the 30 days a fresh seed gives: a restart within that month changes nothing, and
 * evidence is never left with less than a month of its 3 months.
 */
const REFRESH_AFTER_DAYS = 60;

/** Income evidence as a fresh seed dates it: last year's income, evidence of 30 days ago. */
const freshEvidence = (today: Date) => ({ year: today.getUTCFullYear() - 1, evidenceDate: addDays(today.toISOString().slice(0, 10), -30) });

function demoCitizens(today: Date) {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const income = (amount: string) => ({ amount, currency: 'GBP', ...freshEvidence(today) });
  const fifteenAndAHalf = day(new Date(Date.UTC(today.getUTCFullYear() - 15, today.getUTCMonth() - 6, Math.min(today.getUTCDate(), 28))));
  return {
    'citizen.lbc.eligible@demo.test': {
      nationalId: '80.03.14-101.16',
      facts: { ...flemishEmployee, birthDate: '1980-03-14', workExperienceDays: 3000 },
    },
    'citizen.lbc.crossborder@demo.test': {
      nationalId: '78.11.02-202.95',
      facts: { ...flemishEmployee, birthDate: '1978-11-02', residenceCountry: 'NL', residenceRegion: null, workExperienceDays: 4200 },
    },
    'citizen.lbc.jobseeker@demo.test': {
      nationalId: '90.05.21-303.22',
      facts: {
        birthDate: '1990-05-21',
        residenceCountry: 'BE',
        residenceRegion: 'BRU',
        workRegion: null,
        employmentStatus: 'unemployed',
        workExperienceDays: 3650,
      },
    },
    'citizen.lbc.junior@demo.test': {
      nationalId: '98.09.09-404.89',
      facts: { ...flemishEmployee, birthDate: '1998-09-09', workExperienceDays: 2000 },
    },
    'citizen.lbc.walloon@demo.test': {
      nationalId: '75.01.25-505.36',
      facts: { ...flemishEmployee, birthDate: '1975-01-25', residenceRegion: 'WAL', workRegion: 'WAL', workExperienceDays: 6000 },
    },
    'citizen.ita.eligible@demo.test': {
      nationalId: 'SC 10 00 01 A',
      facts: { ...scottishEmployee, ...notInOtherSchemes, annualIncome: income('18000.00') },
    },
    'citizen.ita.benefit@demo.test': {
      nationalId: 'SC 10 00 02 B',
      facts: { ...scottishEmployee, ...notInOtherSchemes, annualIncome: income('23500.00'), benefits: ['UC'] },
    },
    'citizen.ita.highearner@demo.test': {
      nationalId: 'SC 10 00 03 C',
      facts: { ...scottishEmployee, ...notInOtherSchemes, annualIncome: income('30000.00') },
    },
    'citizen.ita.student@demo.test': {
      nationalId: 'SC 10 00 04 D',
      facts: {
        ...scottishEmployee,
        ...notInOtherSchemes,
        birthDate: '2005-02-17',
        employmentStatus: 'student',
        inFullTimeEducation: true,
        annualIncome: income('4000.00'),
      },
    },
    'citizen.ita.underage@demo.test': {
      nationalId: 'SC 10 00 05 A',
      facts: {
        ...scottishEmployee,
        ...notInOtherSchemes,
        birthDate: fifteenAndAHalf,
        employmentStatus: 'unemployed',
        annualIncome: income('0.00'),
      },
    },
  } as const satisfies Record<string, { nationalId: string; facts: Record<string, unknown> }>;
}

export const up = (context: SeedContext) => seedDemoCitizens(context, systemClock);

/** The seed on a given clock (tests move it to see the evidence refreshed). */
export async function seedDemoCitizens({ sequelize, config }: SeedContext, clock: Clock) {
  const passwordHash = await hashPassword(config.demoPassword);
  const citizens: Record<string, { nationalId: string; facts: Record<string, unknown> }> = demoCitizens(clock.now());
  for (const login of DEMO_CITIZEN_LOGINS) {
    const citizen = citizens[login.email];
    if (!citizen) throw new Error(`no demo facts for ${login.email}`);
    const nationalId = parseNationalId(citizen.nationalId);
    if (!nationalId.ok) throw new Error(`demo national id ${citizen.nationalId}: ${nationalId.message}`);
    if (await nationalIdTaken(sequelize, nationalId.id.value)) {
      const userId = await upsertDemoUser(sequelize, { email: login.email, name: login.name, role: 'citizen', passwordHash });
      await refreshStaleEvidence({ sequelize, clock, config }, userId);
      continue;
    }
    const registration = {
      email: login.email,
      name: login.name,
      nationalId: nationalId.id,
      facts: citizenFactsSchema.parse(citizen.facts),
      passwordHash,
    };
    await registerCitizenWithHash({ sequelize, clock, config }, { userId: null, role: 'system' }, registration);
  }
}

async function refreshStaleEvidence(app: SeedContext & { clock: Clock }, userId: string) {
  const profile = await findProfile(app.sequelize, { userId });
  const income = profile?.facts.annualIncome;
  if (!profile || !income || income.evidenceDate >= addDays(app.clock.today(), -REFRESH_AFTER_DAYS)) return;
  const facts = { ...profile.facts, annualIncome: { ...income, ...freshEvidence(app.clock.now()) } };
  await replaceCitizenFacts(app, { userId: null, role: 'system' }, profile.id, facts);
}
