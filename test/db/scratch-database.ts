// A database of its own in the test cluster, for tests that migrate from nothing or undo
// migrations: created through TEST_DATABASE_SUPERUSER_URL, owned by the schema's owner role, and
// dropped (with any connection still open) by `drop`.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Sequelize } from 'sequelize';
import { connectDatabase } from '../../server/db/database.js';

export type ScratchDatabase = { name: string; owner: Sequelize; superuserUrl: string; drop: () => Promise<void> };

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: these tests need the embedded test cluster (or its superuser and owner URLs)`);
  return value;
}

const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

async function asSuperuser(sql: string) {
  const client = new pg.Client(required('TEST_DATABASE_SUPERUSER_URL'));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(purpose: string): Promise<ScratchDatabase> {
  const ownerUrl = required('TEST_DATABASE_OWNER_URL');
  const ownerRole = decodeURIComponent(new URL(ownerUrl).username);
  const name = `scratch_${purpose}_${randomUUID().slice(0, 8)}`;
  await asSuperuser(`CREATE DATABASE ${name} OWNER "${ownerRole}"`);
  const superuserUrl = withDatabase(required('TEST_DATABASE_SUPERUSER_URL'), name);
  const schema = new pg.Client(superuserUrl);
  await schema.connect();
  await schema.query(`ALTER SCHEMA public OWNER TO "${ownerRole}"`).finally(() => schema.end());
  const database = connectDatabase(withDatabase(ownerUrl, name), 2);
  return {
    name,
    owner: database.sequelize,
    superuserUrl,
    drop: async () => {
      await database.close();
      await asSuperuser(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
