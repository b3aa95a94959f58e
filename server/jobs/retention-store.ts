// Deleting what the service keeps only for a while: idempotency keys with their stored answers,
// job_runs rows and sign-ins. Each call deletes at most `limit` of the oldest rows in one short
// autocommit statement, taking them FOR UPDATE SKIP LOCKED (sign-ins aside, below), so a purge
// never waits for a request, holds its locks only for one batch, and several instances purging at
// once delete different rows.
//
// The cutoff is `retention` days before the earlier of the service's clock and the database's: an
// instance whose clock runs ahead (a skewed host, a test moving its clock) must not delete a key
// a client may still retry with. A key is purged only once it holds an answer; a claim in flight
// is not visible to the purge until its request commits, and commits with its answer.
import type { Sequelize } from 'sequelize';
import { queryRows } from '../db/database.js';

export type PurgeBatch = { now: Date; retentionDays: number; limit: number };

const CUTOFF = `least($1::timestamptz, now()) - make_interval(days => $2::int)`;

async function deleteOldest(sequelize: Sequelize, dueSql: string, table: string, batch: PurgeBatch, lock = 'FOR UPDATE SKIP LOCKED') {
  const [gone] = await queryRows<{ n: string }>(
    sequelize,
    `WITH due AS (${dueSql} LIMIT $3 ${lock}),
          gone AS (DELETE FROM ${table} t USING due WHERE t.id = due.id RETURNING 1)
     SELECT count(*) AS n FROM gone`,
    [batch.now.toISOString(), batch.retentionDays, batch.limit],
  );
  return Number(gone?.n ?? 0);
}

/** Idempotency keys answered more than the retention ago: a retry with one of them is a new request. */
export const purgeIdempotencyKeys = (sequelize: Sequelize, batch: PurgeBatch) =>
  deleteOldest(
    sequelize,
    // Answered: a rendered answer (response_status) or a flow function's domain outcome (outcome).
    `SELECT id FROM idempotency_keys WHERE created_at < ${CUTOFF} AND (response_status IS NOT NULL OR outcome IS NOT NULL) ORDER BY created_at`,
    'idempotency_keys',
    batch,
  );

/** Job runs that finished more than the retention ago. */
export const purgeJobRuns = (sequelize: Sequelize, batch: PurgeBatch) =>
  deleteOldest(sequelize, `SELECT id FROM job_runs WHERE finished_at < ${CUTOFF} ORDER BY finished_at`, 'job_runs', batch);

/**
 * Sign-ins older than the retention, oldest first by id: the table's only index over all rows, and
 * sign-ins are written as they happen, so their ids follow their times. Taken without FOR UPDATE,
 * which needs UPDATE on the table, and the app role must never change a sign-in (only insert it
 * and, here, delete it). Nothing else locks a sign-in (they are only ever inserted), so the only
 * wait is for another instance's purge of the same batch, one short statement, after which those
 * rows are gone and skipped.
 */
export const purgeSignIns = (sequelize: Sequelize, batch: PurgeBatch) =>
  deleteOldest(sequelize, `SELECT id FROM sign_ins WHERE signed_in_at < ${CUTOFF} ORDER BY id`, 'sign_ins', batch, '');
