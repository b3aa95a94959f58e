// SFC, a skills credit shaped like Singapore's SkillsFuture Credit, opened by configuration only
// (config-seeding.ts): SGD 500 opening credit from 25 that never expires; SGD 4,000 from 40 for
// courses tagged mid-career only; and a SGD 500 campaign top-up, granted to a claim within its
// window (the year of the first seeding and the next) and expiring on 31 December of the next
// year. Eligibility (rules/sfc): Singapore residents aged 25 or over. One provider with three
// tagged courses and three citizens: one eligible, one of 45 with the mid-career credit, one refused.
import type { SeedContext } from '../server/db/migrator.js';
import { seedCitizens, seedProvider, type DemoCitizen, type DemoProvider } from './config-providers.js';
import { seedConfiguredProgramme, seedingApp, withSeedingLock, type ConfiguredProgramme } from './config-seeding.js';
import { SFC_LOGINS } from './demo-logins.js';

const lot = { fromAge: null, group: null, grantedFrom: null, grantedUntil: null, expiresOn: null, validYears: null, courseTags: [] };

export const SFC: ConfiguredProgramme = {
  code: 'SFC',
  kind: 'credit_lots',
  names: { en: 'Skills credit (SkillsFuture-shaped)', nl: 'Opleidingskrediet (naar SkillsFuture Credit)' },
  currency: 'SGD',
  values: (today) => {
    const year = Number(today.slice(0, 4));
    return {
      lots: [
        { ...lot, lot: 'opening_credit', amount: '500.00', fromAge: 25 },
        { ...lot, lot: 'mid_career', amount: '4000.00', fromAge: 40, courseTags: ['mid-career'] },
        {
          ...lot,
          lot: 'campaign_top_up',
          amount: '500.00',
          grantedFrom: `${year}-01-01`,
          grantedUntil: `${year + 1}-12-31`,
          expiresOn: `${year + 1}-12-31`,
        },
      ],
      deductionOrder: 'earliest_expiry_first',
      verificationWeeks: 4,
      placesTarget: null,
      closingDate: null,
    };
  },
  note: 'Demo: SGD 500 opening credit at 25, SGD 4,000 at 40 for mid-career courses, a SGD 500 top-up expiring on 31 December',
  budget: '10000000.00',
};

export const SFC_PROVIDER: DemoProvider = {
  name: 'Lion City Skills Academy Pte Ltd',
  enterpriseNumber: 'FC712345',
  email: 'info@skills-academy-sg.demo.test',
  contact: {
    address: '10 Anson Road #12-01',
    postcode: '079903',
    municipality: 'Singapore',
    phone: '+65 6123 4567',
    website: 'https://www.skills-academy-sg.demo.test',
  },
  staff: SFC_LOGINS.staff,
  courses: [
    { title: 'Data Analytics Fundamentals', qualification: 'WSQ Statement of Attainment', price: '350.00', tags: ['digital'] },
    { title: 'Project Management Essentials', qualification: 'WSQ Statement of Attainment', price: '1200.00', tags: ['management'] },
    {
      title: 'Career Conversion: Software Engineering',
      qualification: 'WSQ Diploma',
      price: '3800.00',
      tags: ['digital', 'mid-career'],
    },
  ],
};

const SINGAPORE = { residenceCountry: 'SG', residenceRegion: null, workRegion: null, employmentStatus: 'employee' };

export const SFC_CITIZENS: DemoCitizen[] = [
  { login: SFC_LOGINS.eligible, nationalId: 'SG 10 00 01 A', facts: { ...SINGAPORE, birthDate: '1996-05-20' } },
  { login: SFC_LOGINS.boosted, nationalId: 'SG 10 00 02 B', facts: { ...SINGAPORE, birthDate: '1981-07-07' } },
  { login: SFC_LOGINS.refused, nationalId: 'SG 10 00 03 C', facts: { ...SINGAPORE, birthDate: '2006-03-01', employmentStatus: 'student' } },
];

export async function up(context: SeedContext) {
  const app = seedingApp(context);
  await withSeedingLock(app, SFC.code, async () => {
    await seedConfiguredProgramme(app, SFC);
    await seedProvider(app, SFC.code, SFC_PROVIDER);
    await seedCitizens(app, SFC_CITIZENS);
  });
}
