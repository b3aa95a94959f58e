// Centres, accreditations and courses for tests, written straight to the database (fast, and
// independent of the endpoints under test). Every centre gets a unique, valid enterprise number.
import { randomInt, randomUUID } from 'node:crypto';
import { queryRows } from '../../server/db/database.js';
import { addYears, dayBefore } from '../../server/centres/mandate-window.js';
import { kboCheckDigits } from '../../server/validation/enterprise-number.js';
import { createActor, type Actor } from './actors.js';
import type { Harness } from './harness.js';

export type TestCentre = { id: string; name: string; enterpriseNumber: string; staff: Actor; accreditationId: string | undefined };

// Sequential from a random start: unique within a test run, and unlikely to meet the demo seed.
let nextBase = randomInt(10_000_000, 19_000_000);

/** A valid KBO/BCE number (10 digits, first digit 1) that no other call of this run returns. */
export function uniqueEnterpriseNumber(): string {
  const firstEight = String(nextBase++).padStart(8, '0');
  return firstEight + kboCheckDigits(firstEight);
}

/** `accreditation` defaults to 'active': a 6-year window that started a year before the test clock's today. */
export async function createCentre(
  h: Harness,
  options: { programme?: string; accreditation?: 'active' | 'suspended' | 'none'; name?: string } = {},
): Promise<TestCentre> {
  const enterpriseNumber = uniqueEnterpriseNumber();
  const name = options.name ?? `Test centre ${randomUUID().slice(0, 8)}`;
  const [centre] = await queryRows<{ id: string }>(
    h.sequelize,
    `INSERT INTO centres (name, enterprise_number, email) VALUES ($1, $2, $3) RETURNING id`,
    [name, enterpriseNumber, `info-${enterpriseNumber}@centre.example`],
  );
  const id = centre!.id;
  const accreditation = options.accreditation ?? 'active';
  let accreditationId: string | undefined;
  if (accreditation !== 'none') {
    const validFrom = addYears(h.clock.today(), -1);
    const [row] = await queryRows<{ id: string }>(
      h.sequelize,
      `INSERT INTO accreditations (centre_id, programme_code, valid_from, valid_to, status, reason) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        id,
        options.programme ?? 'LBC',
        validFrom,
        dayBefore(addYears(validFrom, 6)),
        accreditation,
        accreditation === 'suspended' ? 'Suspended by the test factory' : null,
      ],
    );
    accreditationId = row!.id;
  }
  return { id, name, enterpriseNumber, staff: await createActor(h, 'centre', { centreId: id }), accreditationId };
}

export type TestCourse = { id: string; title: string; price: string; currency: string };

/** A course of the centre, approved unless `approved: false` (then it stays pending). */
export async function createCourse(
  h: Harness,
  centreId: string,
  options: { price?: string; approved?: boolean; currency?: string; title?: string; programme?: string; tags?: string[] } = {},
): Promise<TestCourse> {
  const title = options.title ?? `Course ${randomUUID().slice(0, 8)}`;
  const price = options.price ?? '150.00';
  const currency = options.currency ?? 'GBP';
  const approved = options.approved ?? true;
  const [row] = await queryRows<{ id: string; price: string }>(
    h.sequelize,
    `INSERT INTO courses (centre_id, title, qualification, price, currency, status, decided_at, programme_code, tags)
     VALUES ($1, $2, 'SCQF level 6', $3, $4, $5, CASE WHEN $5 = 'approved' THEN now() END, $6, $7) RETURNING id, price`,
    [centreId, title, price, currency, approved ? 'approved' : 'pending', options.programme ?? 'ITA', options.tags ?? []],
  );
  return { id: row!.id, title, price: row!.price, currency };
}
