// The providers and citizens of a demo programme opened by configuration, through the services
// behind their endpoints: the administrator registers the centre, grants its accreditation,
// proposes its courses and the second administrator approves them; citizens are registered with
// their facts. Each is looked up by its natural key first (enterprise number, accreditation of the
// programme, course title, national id), so a reseed adds nothing; logins only follow DEMO_PASSWORD.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { AppContext } from '../server/app-context.js';
import { hashPassword } from '../server/auth/passwords.js';
import { grantAccreditation } from '../server/centres/accreditation-service.js';
import { registerCentre } from '../server/centres/centre-service.js';
import { decideCourseApproval, proposeCourse } from '../server/centres/course-service.js';
import { addYears, dayBefore } from '../server/centres/mandate-window.js';
import { citizenFactsSchema } from '../server/citizens/citizen-facts.js';
import { registerCitizenWithHash } from '../server/citizens/citizen-service.js';
import { nationalIdTaken } from '../server/citizens/citizen-store.js';
import { parseNationalId } from '../server/citizens/national-id.js';
import { queryRows } from '../server/db/database.js';
import { demoAdministrators } from './config-seeding.js';
import type { DemoLogin } from './demo-logins.js';
import { fillDemoContact, upsertDemoUser, type DemoContact } from './seed-helpers.js';

export type DemoProvider = {
  name: string;
  /** A UK Companies House number of an overseas company (FC...): the registries the service checks are Belgian and British. */
  enterpriseNumber: string;
  email: string;
  contact: DemoContact;
  staff: DemoLogin;
  courses: { title: string; qualification: string; price: string; tags: string[] }[];
};

/** A demo citizen: the national ids the service checks are Belgian and British, so these stand in for French and Singaporean ones. */
export type DemoCitizen = { login: DemoLogin; nationalId: string; facts: Record<string, unknown> };

const requestId = () => `seed:${randomUUID()}`;

async function centreId(app: AppContext, provider: DemoProvider): Promise<string> {
  const [found] = await queryRows<{ id: string }>(app.sequelize, `SELECT id FROM centres WHERE enterprise_number = $1`, [
    provider.enterpriseNumber,
  ]);
  if (found) return found.id;
  const { author } = await demoAdministrators(app);
  const { name, enterpriseNumber, email } = provider;
  return (await registerCentre(app, author, { name, enterpriseNumber, email, requestId: requestId() })).id;
}

/** The centre, its staff login, a six-year mandate for the programme from today, and its courses proposed and approved. */
export async function seedProvider(app: AppContext, code: string, provider: DemoProvider) {
  const { author, approver } = await demoAdministrators(app);
  const id = await centreId(app, provider);
  await fillDemoContact(app.sequelize, id, provider.contact);
  const passwordHash = await hashPassword(app.config.demoPassword);
  await upsertDemoUser(app.sequelize, {
    email: provider.staff.email,
    name: provider.staff.name,
    role: 'centre',
    passwordHash,
    centreId: id,
  });
  const accredited = await queryRows(app.sequelize, `SELECT 1 FROM accreditations WHERE centre_id = $1 AND programme_code = $2`, [
    id,
    code,
  ]);
  if (accredited.length === 0) {
    const validFrom = app.clock.today();
    await grantAccreditation(app, author, {
      centreId: id,
      programme: code,
      validFrom,
      validTo: dayBefore(addYears(validFrom, 6)),
      requestId: requestId(),
    });
  }
  for (const course of provider.courses) {
    const [found] = await queryRows(app.sequelize, `SELECT 1 FROM courses WHERE centre_id = $1 AND title = $2`, [id, course.title]);
    if (found) continue;
    const proposed = await proposeCourse(app, author, {
      centreId: id,
      ...course,
      price: new Decimal(course.price),
      programme: code,
      requestId: requestId(),
    });
    await decideCourseApproval(app, approver, { courseId: proposed.id, decision: 'approved', reason: undefined, requestId: requestId() });
  }
}

/** Registers each citizen once (by national id); a citizen seeded before keeps its facts, only the password follows DEMO_PASSWORD. */
export async function seedCitizens(app: AppContext, citizens: DemoCitizen[]) {
  const passwordHash = await hashPassword(app.config.demoPassword);
  for (const { login, nationalId: text, facts } of citizens) {
    const nationalId = parseNationalId(text);
    if (!nationalId.ok) throw new Error(`demo national id ${text}: ${nationalId.message}`);
    if (await nationalIdTaken(app.sequelize, nationalId.id.value)) {
      await upsertDemoUser(app.sequelize, { email: login.email, name: login.name, role: 'citizen', passwordHash });
      continue;
    }
    const registration = {
      email: login.email,
      name: login.name,
      nationalId: nationalId.id,
      facts: citizenFactsSchema.parse(facts),
      passwordHash,
    };
    await registerCitizenWithHash(app, { userId: null, role: 'system' }, registration);
  }
}
