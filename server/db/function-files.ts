// The database functions live as one `.sql` file each in server/db/functions/, reviewed as SQL,
// and are applied by this repeatable step after the migrations on every start: a file whose
// checksum differs from the one stamped on its function (COMMENT ON FUNCTION) is applied again
// (CREATE OR REPLACE; dropped first when its signature or result type changed), and a function
// stamped by this step whose file is gone is dropped. Migrations change only tables.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sequelize, Transaction } from 'sequelize';
import { databaseFailureOf } from './database.js';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'functions');
const STAMP = 'source checksum ';

type FunctionFile = { name: string; sql: string; checksum: string };
type Installed = { name: string; signature: string; stamp: string | null };

export function functionFiles(dir = folder): FunctionFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return { name: file.slice(0, -'.sql'.length), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

async function installed(sequelize: Sequelize): Promise<Installed[]> {
  const [rows] = await sequelize.query(
    `SELECT p.proname AS name, p.oid::regprocedure::text AS signature, obj_description(p.oid, 'pg_proc') AS stamp
       FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f'`,
  );
  return rows as Installed[];
}

/** Applies the files that changed; returns the names applied and dropped. */
export async function applyFunctionFiles(sequelize: Sequelize, files = functionFiles()) {
  const before = await installed(sequelize);
  const stale = files.filter((file) => !before.some((fn) => fn.name === file.name && fn.stamp === STAMP + file.checksum));
  // A LANGUAGE sql function is checked against what it calls when it is created: apply in
  // passes, so one that depends on another waits for the other to be there.
  let pending = stale;
  while (pending.length > 0) {
    const failed: { file: FunctionFile; error: unknown }[] = [];
    for (const file of pending) {
      try {
        await applyOne(sequelize, file, before);
      } catch (error) {
        failed.push({ file, error });
      }
    }
    if (failed.length === pending.length) throw failed[0]?.error;
    pending = failed.map(({ file }) => file);
  }
  const gone = before.filter((fn) => fn.stamp?.startsWith(STAMP) && !files.some((file) => file.name === fn.name));
  for (const fn of gone) await sequelize.query(`DROP FUNCTION ${fn.signature}`);
  return { applied: stale.map((file) => file.name), dropped: gone.map((fn) => fn.name) };
}

// The function and its stamp commit apart: a crash between them leaves a stale stamp, and the
// next start applies the file again, which is harmless.
async function applyOne(sequelize: Sequelize, file: FunctionFile, before: Installed[]) {
  const previous = before.filter((candidate) => candidate.name === file.name).map((fn) => fn.signature);
  try {
    // A changed parameter list creates a second function beside the old one rather than replacing
    // it: the old one is dropped in the same transaction, so no start sees both.
    await sequelize.transaction(async (transaction) => {
      await sequelize.query(file.sql, { transaction });
      const created = await signaturesOf(sequelize, file.name, transaction);
      if (created.filter((signature) => !previous.includes(signature)).length !== 1) return;
      for (const signature of previous) await sequelize.query(`DROP FUNCTION ${signature}`, { transaction });
    });
  } catch (error) {
    // 42P13: CREATE OR REPLACE cannot change a result type or parameter names; drop and create.
    if (databaseFailureOf(error)?.code !== '42P13') throw error;
    await sequelize.transaction(async (transaction) => {
      for (const signature of previous) await sequelize.query(`DROP FUNCTION ${signature}`, { transaction });
      await sequelize.query(file.sql, { transaction });
    });
  }
  const signatures = await signaturesOf(sequelize, file.name);
  if (signatures.length !== 1)
    throw new Error(`${file.name}.sql must define exactly one function named ${file.name}, found ${signatures.length}`);
  await sequelize.query(`COMMENT ON FUNCTION ${signatures[0]} IS '${STAMP}${file.checksum}'`);
}

async function signaturesOf(sequelize: Sequelize, name: string, transaction?: Transaction): Promise<string[]> {
  const [rows] = await sequelize.query(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname = $1`,
    { bind: [name], transaction },
  );
  return (rows as { signature: string }[]).map((row) => row.signature);
}
