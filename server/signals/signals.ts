// The signals component as others use it (the portal's pages, the job registry): detection over
// the records, and the cases it opens for an administrator to look at and close with a reason.
import type { AppContext } from '../app-context.js';
import * as service from './signal-service.js';

export { SIGNAL_KINDS, type SignalKind } from './signal-detectors.js';
export type { SignalCaseView, DetectionResult, SignalCaseFilter } from './signal-service.js';

export const signalsJobs = [
  // Before the vouchers' jobs: those forget the registration tries of past hours, which the wrong-tries detector reads.
  { name: 'detect-signals', run: (app: AppContext, now: Date) => service.detectDueSignals(app, now) },
];

/** Every detector now, for an administrator (page or API); opens only what has no case yet. */
export const detectNow = (...args: Parameters<typeof service.detectNow>) => service.detectNow(...args);

/** A page of cases by page number with the total, newest first (the portal's list). */
export const signalCasesPage = (...args: Parameters<typeof service.signalCasesPage>) => service.signalCasesPage(...args);

export const readSignalCase = (...args: Parameters<typeof service.readSignalCase>) => service.readSignalCase(...args);

export const closeSignalCase = (...args: Parameters<typeof service.closeSignalCase>) => service.closeSignalCase(...args);

/** When detection last ran (job or on demand), if ever. */
export const lastDetectedAt = (...args: Parameters<typeof service.lastDetectedAt>) => service.lastDetectedAt(...args);

/** How many cases are open, counted up to `upTo` (`more` beyond it), for the administrators' home. */
export async function openSignalCases(app: AppContext, upTo: number): Promise<{ count: number; more: boolean }> {
  const { total } = await service.signalCasesPage(app, { status: 'open' }, { number: 1, size: 1 });
  return { count: Math.min(total, upTo), more: total > upTo };
}
