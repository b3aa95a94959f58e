// A migration that has landed is history: databases in the field applied exactly its text, so
// changing it later would make a fresh database differ from an upgraded one without anyone
// noticing. migrations/checksums.json records the SHA-256 of every migration file, and of every
// module a migration imports for more than types (its SQL text is part of what was applied).
//   npm run db:checksums          checks them (CI runs this): exits 1 when a recorded file changed,
//                                 disappeared, or a new migration is not recorded yet
//   npm run db:checksums record   records the migrations not recorded yet (never rewrites one)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const recordFile = path.join(root, 'migrations', 'checksums.json');

/** File path from the project's root -> SHA-256 of its bytes. */
type Checksums = Record<string, string>;

const checksumOf = (file: string) =>
  createHash('sha256')
    .update(readFileSync(path.join(root, file)))
    .digest('hex');

/** Relative value imports of a migration (`import type` changes nothing in the database). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/^import (?!type )[^;]*? from '(\.[^']+)';$/gm)].map((match) =>
    path.relative(root, path.resolve(path.dirname(path.join(root, file)), (match[1] ?? '').replace(/\.js$/, '.ts'))),
  );
}

/** Every migration file and the modules they import, as paths from the project's root. */
export function migrationFiles(): string[] {
  const migrations = readdirSync(path.join(root, 'migrations'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `migrations/${file}`);
  return [...new Set([...migrations, ...migrations.flatMap(importsOf)])].sort();
}

/** What the record would say if every file were recorded as it is now. */
export function currentChecksums(): Checksums {
  return Object.fromEntries(migrationFiles().map((file) => [file, checksumOf(file)]));
}

export function recordedChecksums(): Checksums {
  return JSON.parse(readFileSync(recordFile, 'utf8')) as Checksums;
}

/** What differs between the migration files and their record, one line each. */
export function checksumProblems(recorded: Checksums = recordedChecksums()): string[] {
  const files = migrationFiles();
  const problems: string[] = [];
  for (const [file, checksum] of Object.entries(recorded)) {
    if (!files.includes(file)) problems.push(`${file}: recorded but no migration uses it any more; a landed migration is never removed`);
    else if (checksumOf(file) !== checksum) problems.push(`${file}: changed since it was recorded; write a new migration instead`);
  }
  for (const file of files.filter((name) => !(name in recorded))) {
    problems.push(`${file}: not recorded; run \`npm run db:checksums record\` when it is ready to land`);
  }
  return problems;
}

function record() {
  const recorded = recordedChecksums();
  const added = migrationFiles().filter((file) => !(file in recorded));
  for (const file of added) recorded[file] = checksumOf(file);
  writeFileSync(recordFile, `${JSON.stringify(recorded, null, 2)}\n`);
  return added;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'record') {
    const added = record();
    process.stdout.write(added.length ? `recorded ${added.join(', ')}\n` : 'every migration was already recorded\n');
  }
  const problems = checksumProblems();
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  if (problems.length === 0)
    process.stdout.write(`${migrationFiles().length} migration files and their imports match their recorded checksums\n`);
  process.exit(problems.length === 0 ? 0 : 1);
}
