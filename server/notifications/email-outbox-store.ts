// Data access for the e-mail outbox the send-emails job drains, and the language a user reads
// their e-mails in. An e-mail is claimed FOR UPDATE SKIP LOCKED inside the drainer's transaction
// and stays locked while it is sent, so a second drainer skips it rather than sending it again.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { Language } from '../shared/language.js';

export type OutboxEmail = { id: string; recipient: string; language: Language; subject: string; body: string; attempts: number };

/**
 * Up to `limit` queued e-mails due at `now`, oldest due first, locked for this transaction. `now`
 * is a JavaScript date (milliseconds) and the outbox's times have microseconds: an e-mail queued
 * within the millisecond of `now` is due too.
 */
export function claimDueEmails(sequelize: Sequelize, t: Transaction, now: Date, limit: number): Promise<OutboxEmail[]> {
  return queryRows<OutboxEmail>(
    sequelize,
    `SELECT id, recipient, language, subject, body, attempts FROM email_outbox
     WHERE status = 'queued' AND next_attempt_at < $1::timestamptz + interval '1 millisecond' ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now.toISOString(), limit],
    { transaction: t },
  );
}

export async function markEmailSent(sequelize: Sequelize, t: Transaction, id: string, now: Date): Promise<void> {
  await queryRows(
    sequelize,
    `UPDATE email_outbox SET status = 'sent', attempts = attempts + 1, sent_at = $2, last_error = NULL WHERE id = $1`,
    [id, now.toISOString()],
    { transaction: t },
  );
}

/** A failed try: counted, its error kept; tried again at `retryAt`, or failed for good when there is none. */
export async function recordEmailFailure(
  sequelize: Sequelize,
  t: Transaction,
  failure: { id: string; error: string; retryAt: Date | null },
): Promise<void> {
  await queryRows(
    sequelize,
    `UPDATE email_outbox SET attempts = attempts + 1, last_error = $2,
       status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'queued' END,
       next_attempt_at = coalesce($3::timestamptz, next_attempt_at)
     WHERE id = $1`,
    [failure.id, failure.error, failure.retryAt?.toISOString() ?? null],
    { transaction: t },
  );
}

/** How many e-mails wait to be sent and how many failed for good (the outbox metric). */
export async function countUnsentEmails(sequelize: Sequelize): Promise<{ queued: number; failed: number }> {
  const [row] = await queryRows<{ queued: string; failed: string }>(
    sequelize,
    `SELECT count(*) FILTER (WHERE status = 'queued') AS queued, count(*) FILTER (WHERE status = 'failed') AS failed
     FROM email_outbox WHERE status IN ('queued', 'failed')`,
  );
  return { queued: Number(row?.queued ?? 0), failed: Number(row?.failed ?? 0) };
}

export async function upsertNotificationLanguage(sequelize: Sequelize, userId: string, language: Language): Promise<void> {
  await queryRows(
    sequelize,
    `INSERT INTO notification_preferences (user_id, language) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, updated_at = now()`,
    [userId, language],
  );
}

export async function findNotificationLanguage(sequelize: Sequelize, userId: string): Promise<Language | undefined> {
  const [row] = await queryRows<{ language: Language }>(sequelize, `SELECT language FROM notification_preferences WHERE user_id = $1`, [
    userId,
  ]);
  return row?.language;
}
