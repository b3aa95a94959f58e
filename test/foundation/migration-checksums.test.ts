// The landed-migration guard (`npm run db:checksums`, run by .ci/run against the real record):
// it must notice a changed, a removed and an unrecorded file.
import { expect } from 'chai';
import { checksumProblems, currentChecksums, migrationFiles } from '../../server/tools/migration-checksums.js';

describe('landed migrations never change', () => {
  it('when every file is as recorded, then the check finds nothing', () => {
    expect(checksumProblems(currentChecksums())).to.deep.equal([]);
  });

  it('when a recorded migration or a module it imports changed, then the check names it', () => {
    const recorded = currentChecksums();
    recorded['migrations/20261122-02-ledger.ts'] = '0'.repeat(64);
    recorded['server/ledger/ledger-functions-sql.ts'] = '1'.repeat(64);
    expect(checksumProblems(recorded)).to.deep.equal([
      'migrations/20261122-02-ledger.ts: changed since it was recorded; write a new migration instead',
      'server/ledger/ledger-functions-sql.ts: changed since it was recorded; write a new migration instead',
    ]);
  });

  it('when a recorded migration is gone or a new one is not recorded, then the check says so', () => {
    const recorded = currentChecksums();
    const [first] = migrationFiles();
    delete recorded[first!];
    recorded['migrations/20200101-00-removed.ts'] = '2'.repeat(64);
    const problems = checksumProblems(recorded);
    expect(problems).to.have.length(2);
    expect(problems[0]).to.match(/^migrations\/20200101-00-removed\.ts: recorded but no migration uses it/);
    expect(problems[1]).to.equal(`${first}: not recorded; run \`npm run db:checksums record\` when it is ready to land`);
  });
});
