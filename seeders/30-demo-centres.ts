// Demo centres: two accredited LBC career centres, one whose LBC accreditation is suspended, and
// one Scottish ITA provider with three approved courses and one still pending. One staff login
// per centre (listed in demo-logins.ts). Each has contact details: Flemish addresses for the LBC
// centres, a Glasgow one for the ITA provider, with phone numbers in each country's format from
// ranges set aside for drama where there is one (Ofcom's 0141 496). Upserts by enterprise number,
// e-mail and course title, so seeding twice changes nothing.
import type { Sequelize } from 'sequelize';
import { hashPassword } from '../server/auth/passwords.js';
import { queryRows } from '../server/db/database.js';
import type { SeedContext } from '../server/db/migrator.js';
import { DEMO_CENTRE_LOGINS } from './demo-logins.js';
import { fillDemoContact, upsertDemoUser, type DemoContact } from './seed-helpers.js';

type DemoCentre = {
  name: string;
  /** Valid numbers: the KBO/BCE check digits are 97 - (first 8 digits mod 97). */
  enterpriseNumber: string;
  email: string;
  staffEmail: string;
  contact: DemoContact;
  programme: 'LBC' | 'ITA';
  suspendedBecause?: string;
  courses?: { title: string; qualification: string; price: string; approved: boolean }[];
};

export const DEMO_CENTRES: DemoCentre[] = [
  {
    name: 'Loopbaancentrum Gent',
    enterpriseNumber: '0456789133',
    email: 'info@loopbaan-gent.demo.test',
    staffEmail: 'staff@loopbaan-gent.demo.test',
    contact: {
      address: 'Kortrijksesteenweg 12',
      postcode: '9000',
      municipality: 'Gent',
      phone: '+32 9 123 45 67',
      website: 'https://www.loopbaan-gent.demo.test',
    },
    programme: 'LBC',
  },
  {
    name: 'Loopbaancentrum Antwerpen',
    enterpriseNumber: '0412345614',
    email: 'info@loopbaan-antwerpen.demo.test',
    staffEmail: 'staff@loopbaan-antwerpen.demo.test',
    contact: {
      address: 'Meir 85',
      postcode: '2000',
      municipality: 'Antwerpen',
      phone: '+32 3 123 45 67',
      website: 'https://www.loopbaan-antwerpen.demo.test',
    },
    programme: 'LBC',
  },
  {
    name: 'Loopbaanpunt Brugge',
    enterpriseNumber: '0876543270',
    email: 'info@loopbaan-brugge.demo.test',
    staffEmail: 'staff@loopbaan-brugge.demo.test',
    contact: {
      address: 'Sint-Jakobsstraat 20',
      postcode: '8000',
      municipality: 'Brugge',
      phone: '+32 50 12 34 56',
      website: 'https://www.loopbaan-brugge.demo.test',
    },
    programme: 'LBC',
    suspendedBecause: 'Report time registered as guidance hours in 2026 audit sample; suspended pending investigation',
  },
  {
    name: 'Clyde Skills Academy Ltd',
    enterpriseNumber: 'SC612345', // a Companies House number: UK providers have no KBO number
    email: 'info@clyde-skills.demo.test',
    staffEmail: 'staff@clyde-skills.demo.test',
    contact: {
      address: '45 Argyle Street',
      postcode: 'G2 8AH',
      municipality: 'Glasgow',
      phone: '+44 141 496 0123',
      website: 'https://www.clyde-skills.demo.test',
    },
    programme: 'ITA',
    courses: [
      { title: 'Emergency First Aid at Work', qualification: 'SCQF level 5', price: '150.00', approved: true },
      { title: 'Forklift Truck Operation', qualification: 'SCQF level 5', price: '200.00', approved: true },
      { title: 'Web Development Fundamentals', qualification: 'SCQF level 7', price: '450.00', approved: true },
      { title: 'Drone Pilot Licence (A2 CofC)', qualification: 'CAA A2 CofC', price: '300.00', approved: false },
    ],
  },
];

/**
 * Six-year windows that contain the day of seeding: from 1 January of last year. Seeding runs
 * outside any request, so the real date is the right one here.
 */
function mandateWindow() {
  const year = new Date().getUTCFullYear();
  return { validFrom: `${year - 1}-01-01`, validTo: `${year + 4}-12-31` };
}

async function upsertCentre(sequelize: Sequelize, centre: DemoCentre): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO centres (name, enterprise_number, email) VALUES ($1, $2, $3)
     ON CONFLICT (enterprise_number) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [centre.name, centre.enterpriseNumber, centre.email],
  );
  return row!.id;
}

async function ensureAccreditation(sequelize: Sequelize, centreId: string, centre: DemoCentre) {
  const { validFrom, validTo } = mandateWindow();
  await queryRows(
    sequelize,
    `INSERT INTO accreditations (centre_id, programme_code, valid_from, valid_to, status, reason)
     SELECT $1, $2, $3, $4, $5, $6
     WHERE NOT EXISTS (SELECT 1 FROM accreditations WHERE centre_id = $1 AND programme_code = $2)`,
    [centreId, centre.programme, validFrom, validTo, centre.suspendedBecause ? 'suspended' : 'active', centre.suspendedBecause ?? null],
  );
}

async function ensureCourses(sequelize: Sequelize, centreId: string, centre: DemoCentre) {
  for (const course of centre.courses ?? []) {
    await queryRows(
      sequelize,
      `INSERT INTO courses (centre_id, title, qualification, price, currency, status, decided_at, programme_code)
       SELECT $1, $2, $3, $4, p.currency, $5, CASE WHEN $5 = 'approved' THEN now() END, p.code FROM programmes p
       WHERE p.code = $6 AND NOT EXISTS (SELECT 1 FROM courses WHERE centre_id = $1 AND title = $2)`,
      [centreId, course.title, course.qualification, course.price, course.approved ? 'approved' : 'pending', centre.programme],
    );
  }
}

export async function up({ sequelize, config }: SeedContext) {
  const passwordHash = await hashPassword(config.demoPassword);
  for (const centre of DEMO_CENTRES) {
    const centreId = await upsertCentre(sequelize, centre);
    await fillDemoContact(sequelize, centreId, centre.contact);
    await ensureAccreditation(sequelize, centreId, centre);
    await ensureCourses(sequelize, centreId, centre);
    const login = DEMO_CENTRE_LOGINS.find((candidate) => candidate.email === centre.staffEmail);
    if (!login) throw new Error(`demo-logins.ts lists no login ${centre.staffEmail}`);
    await upsertDemoUser(sequelize, { email: login.email, name: login.name, role: 'centre', passwordHash, centreId });
  }
}
