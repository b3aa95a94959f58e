// A programme of its own per test (unique code), so places, budgets and alerts never meet
// another suite's reference programmes.
import { randomInt } from 'node:crypto';
import { queryRows } from '../../../server/db/database.js';
import type { Harness } from '../../support/harness.js';

export async function createTestProgramme(h: Harness, values: Record<string, unknown>): Promise<string> {
  const code = `T${Array.from({ length: 8 }, () => String.fromCharCode(65 + randomInt(26))).join('')}`;
  await queryRows(h.sequelize, `INSERT INTO programmes (code, name, unit, currency) VALUES ($1, $2, 'GBP', 'GBP')`, [
    code,
    `Test programme ${code}`,
  ]);
  await queryRows(
    h.sequelize,
    `INSERT INTO programme_parameters (programme_code, effective_from, "values", note) VALUES ($1, '2000-01-01', $2::jsonb, 'test')`,
    [code, JSON.stringify(values)],
  );
  return code;
}
