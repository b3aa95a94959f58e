// A programme of its own per test (unique code), so places, budgets and alerts never meet
// another suite's reference programmes.
import { randomInt } from 'node:crypto';
import { queryRows } from '../../../server/db/database.js';
import type { Harness } from '../../support/harness.js';

/** A whole course-grant version, so later changes merge into values its kind accepts. */
const COURSE_GRANT = { yearlyMaximum: '200.00', verificationWeeks: 4, accountYearStartMonth: 4, placesTarget: null, closingDate: null };

/** A course-grant programme of its own, with `values` over a whole version from 2000-01-01. */
export async function createTestProgramme(h: Harness, values: Record<string, unknown>): Promise<string> {
  const code = `T${Array.from({ length: 8 }, () => String.fromCharCode(65 + randomInt(26))).join('')}`;
  await queryRows(
    h.sequelize,
    `INSERT INTO programmes (code, kind, name_en, name_nl, unit, currency) VALUES ($1, 'course_grant', $2, $2, 'GBP', 'GBP')`,
    [code, `Test programme ${code}`],
  );
  await queryRows(
    h.sequelize,
    `INSERT INTO programme_parameters (programme_code, effective_from, "values", note) VALUES ($1, '2000-01-01', $2::jsonb, 'test')`,
    [code, JSON.stringify({ ...COURSE_GRANT, ...values })],
  );
  return code;
}
