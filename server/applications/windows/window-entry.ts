// A claim on a course grant programme with application windows: outside every window it is
// refused (409 no_open_window, naming the next one); in a first-come window it is funded from the
// window's budget by the claim's own statement (course_grant_claim.sql); in a lottery window an
// eligible citizen's claim becomes an entry (window_entry_claim.sql): the decision is kept, no money
// is held, one entry per citizen and window, answered 202 and drawn after the window closes.
import type { Sequelize } from 'sequelize';
import { queryRows } from '../../db/database.js';
import { conflict } from '../../errors.js';
import type { IdempotencyClaim, StatementAnswer } from '../../http/idempotency.js';
import { nextWindowAfter, windowOpenOn, windowsOf, type ClaimWindow } from './window-terms.js';

/** The window a claim today falls in; undefined for a programme without windows; a refusal between windows. */
export function claimWindowOn(code: string, values: Record<string, unknown> | undefined, today: string): ClaimWindow | undefined {
  const windows = windowsOf(values);
  if (windows.length === 0) return undefined;
  const open = windowOpenOn(windows, today);
  if (open) return open;
  const next = nextWindowAfter(windows, today);
  throw conflict(
    'no_open_window',
    next
      ? `Programme ${code} takes applications in windows; the next opens on ${next.opensOn} and closes on ${next.closesOn}.`
      : `Programme ${code} takes applications in windows, and none is open or planned after ${today}.`,
    { nextWindow: next ? { id: next.id, opensOn: next.opensOn, closesOn: next.closesOn, allocation: next.allocation } : null },
  );
}

/** The refusals the window statements raise, for the claim's refusal table. */
export const windowRefusals = (code: string) => ({
  window_budget_spent: ({ window, currency }: Record<string, string | undefined>) =>
    conflict('budget_exhausted', `Window ${window ?? ''} of programme ${code} has no ${currency ?? ''} left to fund this application.`, {
      reason: 'window_budget_spent',
      window,
    }),
  window_entry_exists: ({ window, entryId }: Record<string, string | undefined>) =>
    conflict('already_entered', `You have already entered window ${window ?? ''} of programme ${code}.`, { window, entryId }),
});

export type EntryWrite = { programmeCode: string; citizenId: string; userId: string; today: string; outcome: unknown; facts: unknown };

/** The one statement that claims the key, keeps the decision and writes the entry. */
export async function entryStatement(sequelize: Sequelize, claim: IdempotencyClaim, write: EntryWrite): Promise<StatementAnswer> {
  const [answer] = await queryRows<StatementAnswer>(
    sequelize,
    `SELECT * FROM window_entry_claim($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
    [
      write.programmeCode,
      claim.scope,
      claim.key,
      claim.fingerprint,
      write.citizenId,
      write.userId,
      write.today,
      JSON.stringify(write.outcome),
      JSON.stringify(write.facts),
    ],
  );
  if (!answer) throw new Error('window_entry_claim returned no answer');
  return answer;
}

/** The entry an application draft becomes in a lottery window (amounts as text, as the outcome stores them). */
export function entryOf(application: Record<string, unknown>, window: ClaimWindow, entryId: string) {
  const pick = (...names: string[]) => Object.fromEntries(names.map((name) => [name, application[name]]));
  return {
    id: entryId,
    window: window.id,
    windowClosesOn: window.closesOn,
    ...pick('citizenId', 'centreId', 'centreName', 'courseId', 'courseTitle', 'accountYear', 'coursePrice', 'fundedAmount'),
    ...pick('learnerPart', 'currency', 'createdAt'),
    enteredOn: application.appliedOn,
  };
}
