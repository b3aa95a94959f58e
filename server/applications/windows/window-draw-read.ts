// A draw as an administrator reads it: its seed, budget and totals, the entries in the order of the
// draw (a page of them), and the draw computed again from its seed and checked against what was
// recorded (window-terms.ts recomputeDraw).
import { Decimal } from 'decimal.js';
import type { AppContext } from '../../app-context.js';
import { queryRows } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { recomputeDraw } from './window-terms.js';

type DrawRow = {
  seed: string;
  budget: string;
  fundable: string;
  funded_total: string;
  entries: number;
  winners: number;
  drawn_on: string;
  drawn_by: string | null;
  currency: string;
};
type EntryRow = {
  id: string;
  citizen_id: string;
  draw_rank: number | null;
  status: string;
  refusal: string | null;
  funded_amount: string;
  course_id: string;
  reference: string | null;
};

export type DrawPage = { fromRank: number; limit: number };

export async function readDraw(app: AppContext, programmeCode: string, windowId: string, page: DrawPage) {
  const [draw] = await queryRows<DrawRow>(
    app.sequelize,
    `SELECT d.seed, d.budget, d.fundable, d.funded_total, d.entries, d.winners, d.drawn_on::text, d.drawn_by, p.currency
     FROM window_draws d JOIN programmes p ON p.code = d.programme_code WHERE d.programme_code = $1 AND d.window_id = $2`,
    [programmeCode, windowId],
  );
  if (!draw) throw notFound(`A draw of window ${windowId} of programme ${programmeCode}`);
  const entries = await queryRows<EntryRow>(
    app.sequelize,
    `SELECT e.id, e.citizen_id, e.draw_rank, e.status, e.refusal, e.funded_amount, e.course_id, a.reference
     FROM window_entries e LEFT JOIN applications a ON a.id = e.application_id
     WHERE e.programme_code = $1 AND e.window_id = $2 ORDER BY e.draw_rank`,
    [programmeCode, windowId],
  );
  const check = recomputeDraw(
    draw.seed,
    new Decimal(draw.fundable),
    entries.map((entry) => ({
      citizenId: entry.citizen_id,
      rank: entry.draw_rank,
      status: entry.status,
      fundedAmount: new Decimal(entry.funded_amount),
    })),
  );
  const money = (amount: string) => ({ amount, currency: draw.currency });
  return {
    programme: programmeCode,
    window: windowId,
    seed: draw.seed,
    order: 'ascending sha256 of "<seed>:<citizen id>" (hex), ties by citizen id',
    drawnOn: draw.drawn_on,
    drawnBy: draw.drawn_by,
    budget: money(draw.budget),
    fundable: money(draw.fundable),
    fundedTotal: money(draw.funded_total),
    entries: draw.entries,
    winners: draw.winners,
    verification: {
      reproduced: check.mismatches.length === 0 && check.fundedTotal.eq(draw.funded_total),
      fundedTotal: money(check.fundedTotal.toFixed(2)),
      mismatches: check.mismatches.slice(0, 20),
    },
    items: entries
      .filter((entry) => (entry.draw_rank ?? 0) >= page.fromRank)
      .slice(0, page.limit)
      .map((entry) => ({
        rank: entry.draw_rank,
        entryId: entry.id,
        citizenId: entry.citizen_id,
        courseId: entry.course_id,
        fundedAmount: money(entry.funded_amount),
        status: entry.status,
        refusal: entry.refusal,
        application: entry.reference,
      })),
  };
}
