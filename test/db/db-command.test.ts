// `npm run db:migrate | db:migrate:undo` as an operator runs them, on a database of their own:
// what each applied or reverted is printed (migrations, then the function files), a second migrate has nothing new, and an unknown verb
// stops with the usage.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';

const MIGRATIONS = readdirSync('migrations')
  .filter((file) => file.endsWith('.ts'))
  .sort();

/** Each database function file, applied after the migrations (server/db/function-files.ts). */
const FUNCTIONS = readdirSync('server/db/functions')
  .filter((file) => file.endsWith('.sql'))
  .map((file) => `function ${file.slice(0, -'.sql'.length)}`)
  .sort();

const onDatabase = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

describe('npm run db:migrate and db:migrate:undo', function () {
  this.timeout(120_000);
  let scratch: ScratchDatabase;
  before(async () => {
    scratch = await createScratchDatabase('db_command');
  });
  after(async () => scratch.drop());

  const dbCommand = (verb: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/tools/db-command.ts', verb], {
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: onDatabase(process.env.TEST_DATABASE_URL!, scratch.name),
        DATABASE_OWNER_URL: onDatabase(process.env.TEST_DATABASE_OWNER_URL!, scratch.name),
      },
    });

  it('when migrate runs on an empty database, then it applies every migration, and a second run has nothing new', () => {
    const first = dbCommand('migrate');
    expect(first.status, first.stderr).to.equal(0);
    expect(first.stdout.trim()).to.equal(`applied: ${[...MIGRATIONS, ...FUNCTIONS].join(', ')}`);
    const again = dbCommand('migrate');
    expect(again.status, again.stderr).to.equal(0);
    expect(again.stdout.trim()).to.equal('applied: nothing new');
  });

  it('when undo runs, then it reverts the last migration, and migrate applies it again', () => {
    const undo = dbCommand('undo');
    expect(undo.status, undo.stderr).to.equal(0);
    expect(undo.stdout.trim()).to.equal(`reverted: ${MIGRATIONS.at(-1)}`);
    const redo = dbCommand('migrate');
    expect(redo.status, redo.stderr).to.equal(0);
    expect(redo.stdout.trim()).to.equal(`applied: ${MIGRATIONS.at(-1)}`);
  });

  it('when the verb is unknown, then it exits 1 with the usage', () => {
    const wrong = dbCommand('drop');
    expect(wrong.status).to.equal(1);
    expect(wrong.stderr.trim()).to.equal('usage: db-command.ts migrate|undo|seed');
  });
});
