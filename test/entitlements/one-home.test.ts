// Rights and applications are each written in one place: entitlement_insert.sql (called by the
// LBC grant's store and by the ITA claim's statement) and course_grant_claim.sql.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const serverDir = path.resolve(import.meta.dirname, '../../server');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|sql)$/.test(name) ? [full] : [];
  });
const writersOf = (pattern: RegExp) =>
  files(serverDir)
    .filter((file) => pattern.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(serverDir, file));

describe('rights and applications have one writer each', () => {
  it('when the server is read, then only entitlement_insert inserts an entitlement', () => {
    expect(writersOf(/INSERT\s+INTO\s+entitlements\b/i)).to.deep.equal(['db/functions/entitlement_insert.sql']);
  });

  it('when the server is read, then only application_insert inserts an application', () => {
    expect(writersOf(/INSERT\s+INTO\s+applications\b/i)).to.deep.equal(['db/functions/application_insert.sql']);
  });
});
