// The demo accounts, in one list: the seeders create them, `npm start` prints them and the
// README lists them. Every one has the password DEMO_PASSWORD (default "demo-password").
import type { Role } from '../server/auth/principal.js';

export type DemoLogin = { email: string; role: Role; name: string; what: string };

export const DEMO_STAFF: DemoLogin[] = [
  {
    email: 'admin@demo.test',
    role: 'admin',
    name: 'Ada Admin',
    what: 'administrator: programmes, centres, budgets, rule sets, settlement',
  },
  {
    email: 'approver@demo.test',
    role: 'admin',
    name: 'Arno Approver',
    what: 'second administrator: approves rule sets and money changes (four eyes)',
  },
  { email: 'auditor@demo.test', role: 'auditor', name: 'Aude Auditor', what: 'auditor: reads everything, changes nothing' },
];

/** Citizens of seeders/40-demo-citizens.ts, one per eligibility case of LBC and ITA. */
export const DEMO_CITIZEN_LOGINS: DemoLogin[] = [
  {
    email: 'citizen.lbc.eligible@demo.test',
    role: 'citizen',
    name: 'Els Employee',
    what: 'LBC eligible: employee in Flanders, 3000 days of experience',
  },
  {
    email: 'citizen.lbc.crossborder@demo.test',
    role: 'citizen',
    name: 'Niels Grensarbeider',
    what: 'LBC eligible: lives in the Netherlands, works in Flanders',
  },
  {
    email: 'citizen.lbc.jobseeker@demo.test',
    role: 'citizen',
    name: 'Jan Werkzoekende',
    what: 'LBC refused: jobseeker (unemployed) in Brussels',
  },
  {
    email: 'citizen.lbc.junior@demo.test',
    role: 'citizen',
    name: 'Lotte Starter',
    what: 'LBC refused: 2000 days of experience, 2555 needed',
  },
  { email: 'citizen.lbc.walloon@demo.test', role: 'citizen', name: 'Louis Wallon', what: 'LBC refused: lives and works in Wallonia' },
  {
    email: 'citizen.ita.eligible@demo.test',
    role: 'citizen',
    name: 'Isla Learner',
    what: 'ITA eligible: Scottish employee earning GBP 18000.00',
  },
  {
    email: 'citizen.ita.benefit@demo.test',
    role: 'citizen',
    name: 'Callum Claimant',
    what: 'ITA eligible: receives Universal Credit (UC)',
  },
  { email: 'citizen.ita.highearner@demo.test', role: 'citizen', name: 'Fiona Highearner', what: 'ITA refused: earns GBP 30000.00' },
  { email: 'citizen.ita.student@demo.test', role: 'citizen', name: 'Euan Student', what: 'ITA refused: in full-time education' },
  { email: 'citizen.ita.underage@demo.test', role: 'citizen', name: 'Morag Young', what: 'ITA refused: 15 years old' },
];

/** Centre staff of seeders/30-demo-centres.ts, one login per centre. */
export const DEMO_CENTRE_LOGINS: DemoLogin[] = [
  {
    email: 'staff@loopbaan-gent.demo.test',
    role: 'centre',
    name: 'Griet Gentenaar',
    what: 'LBC career centre Gent: accredited, registers cheques and sessions',
  },
  {
    email: 'staff@loopbaan-antwerpen.demo.test',
    role: 'centre',
    name: 'Arne Antwerpenaar',
    what: 'LBC career centre Antwerpen: accredited',
  },
  {
    email: 'staff@loopbaan-brugge.demo.test',
    role: 'centre',
    name: 'Bram Bruggeling',
    what: 'LBC career centre Brugge: accreditation SUSPENDED, refused everywhere',
  },
  {
    email: 'staff@clyde-skills.demo.test',
    role: 'centre',
    name: 'Shona Clyde',
    what: 'ITA provider (UK): approved courses at GBP 150.00, 200.00 and 450.00, one pending',
  },
];

/** The provider and citizens of CPA, the CPF-shaped learning account opened by configuration (seeders/60-demo-cpa.ts). */
export const CPA_LOGINS = {
  staff: {
    email: 'staff@formation-lyon.demo.test',
    role: 'centre',
    name: 'Sophie Formatrice',
    what: 'CPA provider (France): approved courses at EUR 450, 900 and 1,800',
  },
  eligible: {
    email: 'citizen.cpa.eligible@demo.test',
    role: 'citizen',
    name: 'Camille Salariée',
    what: 'CPA eligible: employee in France with a degree: EUR 500 a year, EUR 100 co-payment',
  },
  boosted: {
    email: 'citizen.cpa.jobseeker@demo.test',
    role: 'citizen',
    name: 'Karim Demandeur',
    what: 'CPA eligible: jobseeker without upper-secondary: EUR 800 a year, no co-payment',
  },
  refused: { email: 'citizen.cpa.abroad@demo.test', role: 'citizen', name: 'Lucas Frontalier', what: 'CPA refused: lives in Belgium' },
} as const satisfies Record<string, DemoLogin>;

/** The provider and citizens of SFC, the SkillsFuture-shaped credit opened by configuration (seeders/65-demo-sfc.ts). */
export const SFC_LOGINS = {
  staff: {
    email: 'staff@skills-academy-sg.demo.test',
    role: 'centre',
    name: 'Mei Lin Ong',
    what: 'SFC provider (Singapore): approved courses at SGD 350, 1,200 and 3,800 (mid-career)',
  },
  eligible: {
    email: 'citizen.sfc.eligible@demo.test',
    role: 'citizen',
    name: 'Wei Ling Tan',
    what: 'SFC eligible: 30, Singapore resident: SGD 500 opening credit and the SGD 500 top-up',
  },
  boosted: {
    email: 'citizen.sfc.midcareer@demo.test',
    role: 'citizen',
    name: 'Rajesh Kumar',
    what: 'SFC eligible: 45: also SGD 4,000 for mid-career courses',
  },
  refused: { email: 'citizen.sfc.young@demo.test', role: 'citizen', name: 'Nur Aisyah', what: 'SFC refused: 20 years old (25 needed)' },
} as const satisfies Record<string, DemoLogin>;

/** The returning LBC citizen of seeders/70-demo-lbc-interim.ts, whom the 2025 interim regime (a draft) would refuse. */
export const LBC_RETURNING_LOGIN: DemoLogin = {
  email: 'citizen.lbc.returning@demo.test',
  role: 'citizen',
  name: 'Jan Terugkeer',
  what: 'LBC eligible again (a right from 2018); refused under the 2025 interim regime (a draft)',
};

/** Filled in by the seeders of centres and citizens, which own those accounts. */
export const DEMO_LOGINS: DemoLogin[] = [
  ...DEMO_STAFF,
  ...DEMO_CENTRE_LOGINS,
  ...DEMO_CITIZEN_LOGINS,
  ...Object.values(CPA_LOGINS),
  ...Object.values(SFC_LOGINS),
  LBC_RETURNING_LOGIN,
];
