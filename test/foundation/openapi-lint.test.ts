// The document integrators generate clients from passes a third-party linter: Redocly CLI with its
// `recommended` rules, run offline on the document the service serves. Warnings are allowed;
// errors (an invalid document, an undefined security scheme, a broken $ref ...) fail the test.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { harness } from '../support/harness.js';

const run = promisify(execFile);

type LintReport = {
  totals: { errors: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
};

describe('the OpenAPI document under Redocly CLI', () => {
  it("when linted with Redocly's recommended rules, then it has no errors", async function () {
    this.timeout(60_000);
    const doc: unknown = (await harness().http.get('/openapi.json').expect(200)).body;
    const folder = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
    try {
      const file = join(folder, 'openapi.json');
      await writeFile(file, JSON.stringify(doc));
      // Exit code 1 means errors were found; the report says which, so it is read either way.
      const output = await run('node_modules/.bin/redocly', ['lint', '--extends', 'recommended', '--format', 'json', file], {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 20 * 1024 * 1024,
      }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
      const report = JSON.parse(output.stdout) as LintReport;
      const errors = report.problems
        .filter((problem) => problem.severity === 'error')
        .map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`);
      expect(errors).to.deep.equal([]);
      expect(report.totals.errors).to.equal(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
