// Root hooks, run around every test of every file (in each worker under --parallel): the test
// apps' clocks go back to the wall clock after each test, fast-check draws from one seed, a
// failed test prints what a browser still waited for and what the app had not answered
// (browser.ts) and what the app logged at warning level or above (harness.ts), and a test fails when an answer it received does not match its route's declared
// schema (response-check.ts).
import fc from 'fast-check';
import type { Context } from 'mocha';
import { unfinishedWork } from './browser.js';
import { fastCheckSeed } from './fast-check-seed.js';
import { resetClocks, takeAppLog } from './harness.js';
import { takeMismatches } from './response-check.js';

export const mochaHooks = {
  beforeAll() {
    fc.configureGlobal({ seed: fastCheckSeed() });
  },
  afterEach(this: Context) {
    resetClocks();
    const logged = takeAppLog();
    if (this.currentTest?.state === 'failed') {
      for (const line of logged) console.error(`    app logged: ${line}`);
      const { seed } = fc.readConfigureGlobal();
      console.error(`    fast-check seed of this run: ${String(seed)} (replay with FC_SEED=${String(seed)})`);
      for (const line of unfinishedWork()) console.error(`    ${line}`);
    }
    const mismatches = takeMismatches();
    if (mismatches.length > 0) throw new Error(`answers that do not match their declared schema:\n${mismatches.join('\n')}`);
  },
};
