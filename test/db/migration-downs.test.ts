// Every migration can be undone: on a database of its own, all migrations up, then every `down`
// in reverse order, then all up again; the schema after up-down-up equals the schema after the
// first up (columns, constraints, indexes, triggers, functions). The migrations run without the
// function files (server/db/function-files.ts): those are applied afresh after every migration run
// and have no down, and a landed migration's down drops the functions it made by the signature it
// made them with, which a file may since have changed. The files are applied at the end, on top.
import { expect } from 'chai';
import { migrate, undoLastMigration } from '../../server/db/migrator.js';
import { migrateOnly } from './migrations-only.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { schemaSnapshot } from './schema-snapshot.js';

describe('migration downs', function () {
  this.timeout(120_000);
  let scratch: ScratchDatabase;
  before(async () => {
    scratch = await createScratchDatabase('downs');
  });
  after(() => scratch.drop());

  it('when every migration is undone in reverse order and applied again, then the schema is the one the first up made', async () => {
    await migrateOnly(scratch.owner);
    const first = await schemaSnapshot(scratch.owner);
    const undone: string[] = [];
    for (;;) {
      const [name] = await undoLastMigration(scratch.owner).catch((error: unknown) => {
        throw new Error(`the down after ${undone.join(', ') || 'none'} failed: ${String(error)}`);
      });
      if (!name) break;
      undone.push(name);
    }
    expect(undone).to.have.length.greaterThan(10);
    // Nothing is left behind but umzug's own table: a down that forgot a table or an index shows here.
    const left = await schemaSnapshot(scratch.owner);
    expect(left.columns.filter((column) => !column.startsWith('schema_migrations.'))).to.deep.equal([]);
    expect(left.indexes.filter((index) => !index.includes('schema_migrations'))).to.deep.equal([]);
    await migrateOnly(scratch.owner);
    expect(await schemaSnapshot(scratch.owner)).to.deep.equal(first);
    await migrate(scratch.owner); // the function files apply on the redone migrations
  });
});
