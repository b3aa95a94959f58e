// programme_take_place (migration 11) has no caller since every claim takes its place through
// programme_take_place_in_force, which reads the target in force under the parameters' lock.
// A function whose file is gone is dropped by the function-files step only if that step made it;
// this one a landed migration made, so a migration retires it. Its down puts the landed body back,
// which migration 11's own down expects to find.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`DROP FUNCTION IF EXISTS programme_take_place(text, date, integer)`);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(
    `CREATE OR REPLACE FUNCTION programme_take_place(p_code text, p_period date, p_target integer) RETURNS boolean
     LANGUAGE sql AS $$ SELECT programme_take_lane_place(p_code, p_period, p_target, 1, 0) IS NOT NULL $$`,
  );
}
