// The bundled rule sets of rules/ become the first approved versions of their programmes
// (approved by the system: they are the law as published, not an administrator's draft). A
// version is keyed by programme and start date, so reseeding adds nothing. A bundled rule set
// whose own test cases fail stops the start-up instead of deciding wrongly. Rule sets of programmes
// opened by configuration, and drafts of a change, are left to their own seeders (four eyes, like an administrator's).
import type { SeedContext } from '../server/db/migrator.js';
import { compileRuleSet } from '../server/eligibility/compiled-rule-set.js';
import { loadRuleFiles } from '../server/eligibility/rule-files.js';
import { effectiveDateTaken, insertRuleSet, lockProgramme } from '../server/eligibility/ruleset-store.js';
import { runTestCases } from '../server/eligibility/test-cases.js';

export async function up({ sequelize }: SeedContext) {
  for (const file of loadRuleFiles().filter((candidate) => !candidate.configuration && !candidate.draft)) {
    const compiled = compileRuleSet({ ...file, id: `rules/${file.programmeCode}`, version: 0, revision: 'file' });
    const failed = (await runTestCases(compiled, file.testCases)).filter((result) => !result.passed);
    if (failed.length > 0) throw new Error(`rules for ${file.programmeCode}: test cases fail: ${JSON.stringify(failed)}`);
    await sequelize.transaction(async (transaction) => {
      if (!(await lockProgramme(sequelize, file.programmeCode, transaction))) return;
      if (await effectiveDateTaken(sequelize, file.programmeCode, file.effectiveFrom, transaction)) return;
      await insertRuleSet(sequelize, { ...file, authorId: null, approved: true }, transaction);
    });
  }
}
