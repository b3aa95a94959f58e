// "Parameters in force", "rule set in force" and storing a decision each have one home, a
// database function (server/db/functions/): the stores call it, and so does the SQL that needs it
// (the claim context, the decision inputs, the places target, the ITA claim's statement).
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { queryRows } from '../../server/db/database.js';
import { parametersInForce } from '../../server/programmes/programme-store.js';
import { harness } from '../support/harness.js';
import { createTestProgramme } from '../notifications/support/test-programme.js';

const addVersion = (code: string, from: string, values: Record<string, unknown>) =>
  queryRows(harness().sequelize, `INSERT INTO programme_parameters (programme_code, effective_from, "values") VALUES ($1, $2, $3::jsonb)`, [
    code,
    from,
    JSON.stringify(values),
  ]);

const addRuleSet = async (code: string, version: number, from: string, approved: boolean) => {
  const [row] = await queryRows<{ id: string }>(
    harness().sequelize,
    `INSERT INTO rule_sets (programme_code, version, state, effective_from, rules, parameters, approved_at)
     VALUES ($1, $2, $3, $4, '[]', '{}', $5) RETURNING id`,
    [code, version, approved ? 'approved' : 'draft', from, approved ? new Date() : null],
  );
  return row!.id;
};

describe('programme_parameters_in_force (the database function)', () => {
  it('when versions start on several dates, then the one that started last on or before the date is in force, and none before the first', async () => {
    const code = await createTestProgramme(harness(), { placesTarget: 1 });
    await addVersion(code, '2030-01-01', { placesTarget: 2 });
    await addVersion(code, '2031-01-01', { placesTarget: 3 });
    const targetOn = async (date: string) => (await parametersInForce(harness().sequelize, code, date))?.values.placesTarget;
    expect(await targetOn('1999-12-31')).to.equal(undefined);
    expect(await targetOn('2000-01-01')).to.equal(1);
    expect(await targetOn('2029-12-31')).to.equal(1);
    expect(await targetOn('2030-01-01')).to.equal(2);
    expect(await targetOn('2099-01-01')).to.equal(3);
  });
});

describe('rule_set_in_force (the database function)', () => {
  it('when a draft starts later than the approved version, then the approved version stays in force; none before it starts', async () => {
    const code = await createTestProgramme(harness(), {});
    const approved = await addRuleSet(code, 1, '2030-01-01', true);
    await addRuleSet(code, 2, '2030-06-01', false);
    const inForce = async (date: string) =>
      (await queryRows<{ id: string }>(harness().sequelize, `SELECT id FROM rule_set_in_force($1, $2)`, [code, date]))[0]?.id;
    expect(await inForce('2029-12-31')).to.equal(undefined);
    expect(await inForce('2030-01-01')).to.equal(approved);
    expect(await inForce('2030-07-01')).to.equal(approved);
  });
});

describe('each rule has one home', () => {
  const serverDir = path.resolve(import.meta.dirname, '../../server');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : /\.(ts|sql)$/.test(name) ? [full] : [];
    });
  const copiesOf = (pattern: RegExp, home: string) =>
    files(serverDir)
      .filter((file) => !file.endsWith(home) && pattern.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(serverDir, file));

  it('when the server is read, then only the in-force functions pick the latest version by its start date', () => {
    const latest = /effective_from\s+DESC/i;
    expect(
      copiesOf(latest, '_in_force.sql').filter((file) => !/^db\/functions\/(programme_parameters|rule_set)_in_force\.sql$/.test(file)),
    ).to.deep.equal([]);
  });

  it('when the server is read, then only eligibility_record_decisions.sql inserts decisions', () => {
    expect(copiesOf(/INSERT\s+INTO\s+decisions\b/i, 'eligibility_record_decisions.sql')).to.deep.equal([]);
  });

  it('when the server is read, then only programmes.ts computes the programme year', () => {
    expect(copiesOf(/month\s*>=\s*startMonth/, 'programmes/programmes.ts')).to.deep.equal([]);
  });
});
