// The administrator and the centres a bench needs, written straight to the database as the
// test factories do (the set-up is not what is measured), each with a real signed token.
import { randomInt } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { Principal } from '../../server/auth/principal.js';
import { issueAccessToken } from '../../server/auth/tokens.js';
import { insertUser } from '../../server/auth/user-store.js';
import { addYears, dayBefore } from '../../server/centres/mandate-window.js';
import type { Config } from '../../server/config.js';
import { queryRows } from '../../server/db/database.js';
import { kboCheckDigits } from '../../server/validation/enterprise-number.js';

export type BenchCentre = { id: string; staffToken: string };

let nextEnterprise = randomInt(20_000_000, 29_000_000);

const tokenOf = (config: Config, principal: Principal) => issueAccessToken(config, principal).accessToken;

export async function benchAdmin(sequelize: Sequelize, config: Config, label: string): Promise<string> {
  const user = await insertUser(sequelize, {
    email: `admin.${label}.${randomInt(1e9)}@bench.example`,
    passwordHash: null,
    name: 'Bench admin',
    role: 'admin',
  });
  return tokenOf(config, { userId: user.id, role: 'admin', email: user.email, centreId: null, citizenId: null });
}

/** A centre with a 6-year accreditation for the programme that started a year ago, and one staff member. */
export async function benchCentre(sequelize: Sequelize, config: Config, programme: string, today: string): Promise<BenchCentre> {
  const firstEight = String(nextEnterprise++);
  const enterpriseNumber = firstEight + kboCheckDigits(firstEight);
  const [centre] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO centres (name, enterprise_number, email) VALUES ($1, $2, $3) RETURNING id`,
    [`Bench ${programme} centre ${enterpriseNumber}`, enterpriseNumber, `info-${enterpriseNumber}@centre.example`],
  );
  const id = centre!.id;
  const validFrom = addYears(today, -1);
  await queryRows(sequelize, `INSERT INTO accreditations (centre_id, programme_code, valid_from, valid_to) VALUES ($1, $2, $3, $4)`, [
    id,
    programme,
    validFrom,
    dayBefore(addYears(validFrom, 6)),
  ]);
  const staff = await insertUser(sequelize, {
    email: `staff.${enterpriseNumber}@bench.example`,
    passwordHash: null,
    name: 'Bench staff',
    role: 'centre',
    centreId: id,
  });
  return { id, staffToken: tokenOf(config, { userId: staff.id, role: 'centre', email: staff.email, centreId: id, citizenId: null }) };
}

/** An approved course of the centre for the programme, at `price` in the programme's currency. */
export async function benchCourse(sequelize: Sequelize, centreId: string, programme: string, price: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO courses (centre_id, title, qualification, price, currency, status, decided_at, programme_code)
     SELECT $1, 'Bench course', 'SCQF level 6', $2, currency, 'approved', now(), code FROM programmes WHERE code = $3 RETURNING id`,
    [centreId, price, programme],
  );
  return row!.id;
}
