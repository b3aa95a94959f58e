// Data access for the job runs operators read (job_runs): one row per job per pass of the runner.
import type { Sequelize } from 'sequelize';
import { queryRows } from '../db/database.js';

export async function recordJobRun(
  sequelize: Sequelize,
  run: { name: string; startedAt: Date; processed: number; error: string | null },
): Promise<void> {
  await queryRows(sequelize, `INSERT INTO job_runs (job_name, started_at, finished_at, processed, error) VALUES ($1, $2, now(), $3, $4)`, [
    run.name,
    run.startedAt,
    run.processed,
    run.error,
  ]);
}
