// The shape of a database's public schema as comparable rows: columns, constraints, indexes,
// triggers and functions (their source by digest). Two databases with equal snapshots have the
// same schema for everything the service and its migrations rely on.
import type { Sequelize } from 'sequelize';
import { queryRows } from '../../server/db/database.js';

const PARTS = {
  columns: `SELECT table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable || ' default=' || coalesce(column_default, '-') || ' #' || ordinal_position AS item
            FROM information_schema.columns WHERE table_schema = 'public'`,
  constraints: `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS item
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
  indexes: `SELECT indexdef AS item FROM pg_indexes WHERE schemaname = 'public'`,
  triggers: `SELECT pg_get_triggerdef(oid) AS item FROM pg_trigger WHERE NOT tgisinternal AND tgrelid::regclass::text NOT LIKE 'pg_%'`,
  functions: `SELECT proname || '(' || pg_get_function_identity_arguments(oid) || ') ' || pg_get_function_result(oid) || ' ' || md5(prosrc) AS item
              FROM pg_proc WHERE pronamespace = 'public'::regnamespace`,
};

export type SchemaSnapshot = Record<keyof typeof PARTS, string[]>;

export async function schemaSnapshot(sequelize: Sequelize): Promise<SchemaSnapshot> {
  const snapshot = {} as SchemaSnapshot;
  for (const [part, sql] of Object.entries(PARTS) as [keyof typeof PARTS, string][])
    snapshot[part] = (await queryRows<{ item: string }>(sequelize, `${sql} ORDER BY 1`)).map((row) => row.item);
  return snapshot;
}
