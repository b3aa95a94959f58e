// The rules of a course grant programme's application windows, pure so they are unit-testable:
// which window is open on a day, which opens next, and a lottery's order and outcome, reproducible
// from the draw's seed (window_draw.sql ranks the same way in SQL).
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { z } from 'zod';

// The windows were validated by the kind's schema when written (course-grant-parameters.ts);
// this reads them back from a version in force.
const claimWindow = z.object({
  id: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  budget: z.string(),
  allocation: z.enum(['first_come', 'lottery']),
});
const windowsRule = z.object({ windows: z.array(claimWindow).nullable().optional() });

export type ClaimWindow = z.output<typeof claimWindow>;

/** The windows a version sets, earliest first; none: the programme takes claims every day. */
export function windowsOf(values: Record<string, unknown> | undefined): ClaimWindow[] {
  const windows = values ? (windowsRule.parse(values).windows ?? []) : [];
  return [...windows].sort((a, b) => a.opensOn.localeCompare(b.opensOn));
}

export const windowOpenOn = (windows: readonly ClaimWindow[], today: string) =>
  windows.find((window) => window.opensOn <= today && today <= window.closesOn);

export const nextWindowAfter = (windows: readonly ClaimWindow[], today: string) => windows.find((window) => window.opensOn > today);

/** The key a citizen's entry is ranked by: sha256 of `<seed>:<citizen id>`, as hex. */
const drawKey = (seed: string, citizenId: string) => createHash('sha256').update(`${seed}:${citizenId}`).digest('hex');

// Code-unit order, as PostgreSQL orders the bytes of a hash or a uuid (never the locale's).
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The citizens of a window's entries in the order of the draw with `seed` (rank 1 first). */
export function drawOrder(seed: string, citizenIds: readonly string[]): string[] {
  return citizenIds
    .map((citizenId) => ({ citizenId, key: drawKey(seed, citizenId) }))
    .sort((a, b) => (a.key === b.key ? compare(a.citizenId, b.citizenId) : compare(a.key, b.key)))
    .map((entry) => entry.citizenId);
}

export type DrawnEntry = { citizenId: string; rank: number | null; status: string; fundedAmount: Decimal };

/**
 * The draw again from its seed: the order, then the money handed out in that order (an entry
 * dearer than what is left passed over; one refused for a recorded reason costs nothing). Lists
 * every entry whose rank or outcome differs from what was recorded.
 */
export function recomputeDraw(seed: string, fundable: Decimal, entries: readonly DrawnEntry[]) {
  const byCitizen = new Map(entries.map((entry) => [entry.citizenId, entry]));
  const mismatches: { citizenId: string; recorded: string; recomputed: string }[] = [];
  let left = fundable;
  drawOrder(
    seed,
    entries.map((entry) => entry.citizenId),
  ).forEach((citizenId, i) => {
    const entry = byCitizen.get(citizenId);
    if (!entry) return;
    let status = 'not_drawn';
    if (entry.fundedAmount.lte(left)) {
      status = entry.status === 'refused' ? 'refused' : 'won';
      if (status === 'won') left = left.minus(entry.fundedAmount);
    }
    if (entry.rank !== i + 1 || entry.status !== status)
      mismatches.push({ citizenId, recorded: `${entry.rank ?? '-'} ${entry.status}`, recomputed: `${i + 1} ${status}` });
  });
  return { fundedTotal: fundable.minus(left), mismatches };
}
