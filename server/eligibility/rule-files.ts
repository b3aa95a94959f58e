// The bundled rule sets in rules/<programme>/: rules.json (the json-rules-engine rules),
// parameters.json (the dated thresholds and periods, apart from the rule structure, so a
// threshold change is a parameter change) and cases.json (facts in, decision out). They are
// validated here exactly like an administrator's draft. A reference programme's rules are the law
// as published, approved by the system when seeded (seeders/15-ref-rulesets.ts); a folder whose
// parameters.json says `"configuration": true` holds the rules of a programme opened by
// configuration, which its own seeder drafts and has approved by a second administrator; one whose
// parameters.json says `"draft": true` is a change its own demo seeder drafts for an administrator
// to simulate and approve (rules/lbc-interim-2025).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateRuleSet } from './rule-schema.js';
import { validateTestCases, type TestCase } from './test-cases.js';

const RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../rules');

export type RuleFile = {
  programmeCode: string;
  effectiveFrom: string;
  note: string;
  rules: unknown[];
  parameters: Record<string, unknown>;
  testCases: TestCase[];
  /** Loaded through the rule set service with four eyes by its programme's seeder, not as reference data. */
  configuration: boolean;
  /** Drafted by its demo seeder, left for a second administrator to approve; never loaded as reference data. */
  draft: boolean;
};

const readJson = (folder: string, name: string): unknown => JSON.parse(readFileSync(path.join(RULES_DIR, folder, name), 'utf8'));

export function loadRuleFiles(): RuleFile[] {
  const folders = readdirSync(RULES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return folders.map((folder) => {
    const parameters = readJson(folder, 'parameters.json') as {
      programme: string;
      effectiveFrom: string;
      note: string;
      values: Record<string, unknown>;
      configuration?: boolean;
      draft?: boolean;
    };
    const file: RuleFile = {
      programmeCode: parameters.programme,
      effectiveFrom: parameters.effectiveFrom,
      note: parameters.note,
      rules: readJson(folder, 'rules.json') as unknown[],
      parameters: parameters.values,
      testCases: readJson(folder, 'cases.json') as TestCase[],
      configuration: parameters.configuration === true,
      draft: parameters.draft === true,
    };
    const problems = [...validateRuleSet(file), ...validateTestCases(file.testCases)];
    if (problems.length > 0) throw new Error(`rules/${folder} is not a valid rule set: ${JSON.stringify(problems)}`);
    return file;
  });
}
