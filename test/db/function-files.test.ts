// The repeatable step that applies server/db/functions/*.sql, run on a database of its own so
// that applying and dropping never touches the functions the rest of the suite relies on.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyFunctionFiles, functionFiles } from '../../server/db/function-files.js';
import { connectDatabase, queryRows, type Database } from '../../server/db/database.js';
import { harness } from '../support/harness.js';

let databases = 0;

describe('database functions as files', () => {
  let admin: Database;
  let scratch: Database;
  let dir: string;

  let name: string;

  // Each test gets an empty database and folder of its own, so any one of them runs alone.
  beforeEach(async () => {
    name = `function_files_${process.pid}_${(databases += 1)}`;
    const server = process.env.TEST_DATABASE_SUPERUSER_URL ?? process.env.TEST_DATABASE_URL!;
    admin = connectDatabase(server, 1);
    await admin.sequelize.query(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    scratch = connectDatabase(url.toString(), 2);
    dir = mkdtempSync(path.join(tmpdir(), 'function-files-'));
  });

  afterEach(async () => {
    await scratch.close();
    await admin.sequelize.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, sql: string) => writeFileSync(path.join(dir, `${name}.sql`), sql);
  const call = async (sql: string) => ((await scratch.sequelize.query(sql))[0] as { v: unknown }[])[0]?.v;
  const apply = () => applyFunctionFiles(scratch.sequelize, functionFiles(dir));

  it('when a file is new or changed, then it is applied and stamped; when unchanged, then it is left alone', async () => {
    write('answer', `CREATE OR REPLACE FUNCTION answer() RETURNS int LANGUAGE sql AS $$ SELECT 41 $$;`);
    expect(await apply()).to.deep.equal({ applied: ['answer'], dropped: [] });
    expect(await call('SELECT answer() AS v')).to.equal(41);
    expect(await apply()).to.deep.equal({ applied: [], dropped: [] });

    write('answer', `CREATE OR REPLACE FUNCTION answer() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$;`);
    expect((await apply()).applied).to.deep.equal(['answer']);
    expect(await call('SELECT answer() AS v')).to.equal(42);
  });

  it('when a function calls one applied later in the same run, then both are applied', async () => {
    write('a_outer', `CREATE OR REPLACE FUNCTION a_outer() RETURNS int LANGUAGE sql AS $$ SELECT z_inner() + 1 $$;`);
    write('z_inner', `CREATE OR REPLACE FUNCTION z_inner() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;`);
    expect((await apply()).applied).to.deep.equal(['a_outer', 'z_inner']);
    expect(await call('SELECT a_outer() AS v')).to.equal(2);
  });

  it('when a result type changes, then the function is dropped and created again', async () => {
    write('answer', `CREATE OR REPLACE FUNCTION answer() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$;`);
    await apply();
    write('answer', `CREATE OR REPLACE FUNCTION answer() RETURNS text LANGUAGE sql AS $$ SELECT 'forty-two' $$;`);
    await apply();
    expect(await call('SELECT answer() AS v')).to.equal('forty-two');
  });

  it('when a parameter list changes, then the function with the old one is dropped', async () => {
    write('answer', `CREATE OR REPLACE FUNCTION answer(p_base int) RETURNS int LANGUAGE sql AS $$ SELECT p_base + 1 $$;`);
    await apply();
    write('answer', `CREATE OR REPLACE FUNCTION answer(p_base int, p_step int) RETURNS int LANGUAGE sql AS $$ SELECT p_base + p_step $$;`);
    expect((await apply()).applied).to.deep.equal(['answer']);
    expect(await call('SELECT answer(40, 2) AS v')).to.equal(42);
    expect(await call(`SELECT count(*)::int AS v FROM pg_proc WHERE proname = 'answer'`)).to.equal(1);
  });

  it('when a file is removed, then its function is dropped, and a function no file ever stamped stays', async () => {
    write('a_outer', `CREATE OR REPLACE FUNCTION a_outer() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;`);
    await apply();
    await scratch.sequelize.query(`CREATE FUNCTION hand_made() RETURNS int LANGUAGE sql AS $$ SELECT 7 $$`);
    rmSync(path.join(dir, 'a_outer.sql'));
    expect((await apply()).dropped).to.deep.equal(['a_outer']);
    expect(await call(`SELECT count(*)::int AS v FROM pg_proc WHERE proname IN ('a_outer', 'hand_made')`)).to.equal(1);
  });

  it('when a file defines no function of its name, then applying it fails', async () => {
    write('misnamed', `CREATE OR REPLACE FUNCTION other_name() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;`);
    let failure: unknown;
    await apply().catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/misnamed\.sql must define exactly one function named misnamed/);
  });

  it("when the suite's database is migrated, then every function in it is the one in its file", async () => {
    const installed = await queryRows<{ name: string; stamp: string | null }>(
      harness().ownerSequelize,
      `SELECT p.proname AS name, obj_description(p.oid, 'pg_proc') AS stamp
         FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f' ORDER BY p.proname`,
    );
    const files = functionFiles();
    expect(installed.map((fn) => fn.name)).to.deep.equal(files.map((file) => file.name));
    for (const file of files) {
      expect(installed.find((fn) => fn.name === file.name)?.stamp, file.name).to.equal(`source checksum ${file.checksum}`);
    }
  });
});
