// After a draw, everyone who entered hears the outcome: winners that their application waits for
// the provider's verification, the others that they were not drawn (or why they could not be
// funded). Apart from the draw, in batches, so a draw of 100,000 entries stays one quick statement.
import type { AppContext } from '../../app-context.js';
import { citizenUserId } from '../../citizens/citizens.js';
import { queryRows } from '../../db/database.js';
import { notify } from '../../notifications/notifications.js';

const BATCH = 200;

type Drawn = { id: string; citizen_id: string; programme_code: string; window_id: string; status: string; reference: string | null };

const messageOf = (entry: Drawn) =>
  entry.status === 'won'
    ? {
        kind: 'window_entry_won',
        subject: `You were drawn in window ${entry.window_id} of ${entry.programme_code}`,
        body: `Your application ${entry.reference ?? ''} is funded once your provider verifies it.`,
      }
    : {
        kind: 'window_entry_not_drawn',
        subject: `You were not drawn in window ${entry.window_id} of ${entry.programme_code}`,
        body: 'The window’s budget was given to the entries drawn before yours. You may apply again in a later window.',
      };

export async function notifyDrawnEntries(app: AppContext, now: Date): Promise<number> {
  const { sequelize } = app;
  let done = 0;
  for (;;) {
    const count = await sequelize.transaction(async (transaction) => {
      const entries = await queryRows<Drawn>(
        sequelize,
        `SELECT e.id, e.citizen_id, e.programme_code, e.window_id, e.status, a.reference
         FROM window_entries e LEFT JOIN applications a ON a.id = e.application_id
         WHERE e.status <> 'entered' AND e.notified_at IS NULL ORDER BY e.id LIMIT ${BATCH} FOR UPDATE OF e SKIP LOCKED`,
        [],
        { transaction },
      );
      for (const entry of entries) {
        const userId = await citizenUserId(sequelize, entry.citizen_id, transaction);
        if (userId)
          await notify(sequelize, transaction, { userId, ...messageOf(entry), data: { window: entry.window_id, entryId: entry.id } });
      }
      await queryRows(
        sequelize,
        `UPDATE window_entries SET notified_at = $2 WHERE id = ANY($1::uuid[]) RETURNING id`,
        [entries.map((entry) => entry.id), now],
        { transaction },
      );
      return entries.length;
    });
    done += count;
    if (count < BATCH) return done;
  }
}
