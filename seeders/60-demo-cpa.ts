// CPA, a learning account shaped like France's CPF, opened by configuration only (config-seeding.ts):
// EUR 500 a year up to EUR 5,000; EUR 800 a year up to EUR 8,000 for people without an
// upper-secondary qualification (the group low_qualified of rules/cpa); a EUR 100 co-payment per
// course, which jobseekers (the group jobseeker) do not pay. One provider with three courses and
// three citizens: one eligible, one in both groups, one refused.
import type { SeedContext } from '../server/db/migrator.js';
import { seedCitizens, seedProvider, type DemoCitizen, type DemoProvider } from './config-providers.js';
import { seedConfiguredProgramme, seedingApp, withSeedingLock, type ConfiguredProgramme } from './config-seeding.js';
import { CPA_LOGINS } from './demo-logins.js';

export const CPA: ConfiguredProgramme = {
  code: 'CPA',
  kind: 'accruing_account',
  names: { en: 'Personal learning account (CPF-shaped)', nl: 'Persoonlijke leerrekening (naar het Franse CPF)' },
  currency: 'EUR',
  values: () => ({
    yearlyAccrual: '500.00',
    ceiling: '5000.00',
    accountYearStartMonth: 1,
    boost: { group: 'low_qualified', yearlyAccrual: '800.00', ceiling: '8000.00' },
    coPayment: '100.00',
    coPaymentExemptGroups: ['jobseeker'],
    verificationWeeks: 4,
    placesTarget: null,
    closingDate: null,
  }),
  note: 'Demo: EUR 500 a year up to 5,000; 800 up to 8,000 without upper-secondary; EUR 100 co-payment, none for jobseekers',
  budget: '10000000.00',
};

export const CPA_PROVIDER: DemoProvider = {
  name: 'Centre de Formation Lyon',
  enterpriseNumber: 'FC612345',
  email: 'info@formation-lyon.demo.test',
  // A Lyon number from the range ARCEP sets aside for fiction (04 65 71).
  contact: {
    address: '12 Rue de la République',
    postcode: '69002',
    municipality: 'Lyon',
    phone: '+33 4 65 71 12 34',
    website: 'https://www.formation-lyon.demo.test',
  },
  staff: CPA_LOGINS.staff,
  courses: [
    { title: 'Anglais professionnel (TOEIC)', qualification: 'TOEIC', price: '450.00', tags: [] },
    { title: 'Comptabilité et gestion', qualification: 'RNCP niveau 5', price: '900.00', tags: [] },
    { title: 'Développeur web et web mobile', qualification: 'RNCP niveau 5', price: '1800.00', tags: [] },
  ],
};

const FRANCE = { residenceCountry: 'FR', residenceRegion: null, workRegion: null };

export const CPA_CITIZENS: DemoCitizen[] = [
  {
    login: CPA_LOGINS.eligible,
    nationalId: '85.02.14-611.89',
    facts: { ...FRANCE, birthDate: '1985-02-14', employmentStatus: 'employee', highestQualification: 6 },
  },
  {
    login: CPA_LOGINS.boosted,
    nationalId: '90.09.15-612.18',
    facts: { ...FRANCE, birthDate: '1990-09-15', employmentStatus: 'unemployed', highestQualification: 2 },
  },
  {
    login: CPA_LOGINS.refused,
    nationalId: '82.06.30-613.57',
    facts: {
      residenceCountry: 'BE',
      residenceRegion: 'WAL',
      workRegion: null,
      birthDate: '1982-06-30',
      employmentStatus: 'employee',
      highestQualification: 4,
    },
  },
];

export async function up(context: SeedContext) {
  const app = seedingApp(context);
  await withSeedingLock(app, CPA.code, async () => {
    await seedConfiguredProgramme(app, CPA);
    await seedProvider(app, CPA.code, CPA_PROVIDER);
    await seedCitizens(app, CPA_CITIZENS);
  });
}
