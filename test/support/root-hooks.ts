// Root hooks, run around every test of every file (in each worker under --parallel): the test
// apps' clocks go back to the wall clock after each test, and fast-check draws from one seed.
import fc from 'fast-check';
import type { Context } from 'mocha';
import { fastCheckSeed } from './fast-check-seed.js';
import { resetClocks } from './harness.js';

export const mochaHooks = {
  beforeAll() {
    fc.configureGlobal({ seed: fastCheckSeed() });
  },
  afterEach(this: Context) {
    resetClocks();
    if (this.currentTest?.state === 'failed') {
      const { seed } = fc.readConfigureGlobal();
      console.error(`    fast-check seed of this run: ${String(seed)} (replay with FC_SEED=${String(seed)})`);
    }
  },
};
