// The contests and their evidence. A contest and its files are written in one transaction; the
// answer is written once (a contest still open is the only one an answer may change).
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import type { CheckedEvidence } from './evidence-files.js';

export type ContestRow = {
  id: string;
  reference: string;
  decision_id: string;
  citizen_id: string;
  user_id: string;
  programme_code: string;
  message: string;
  contested_on: string;
  status: 'open' | 'upheld' | 'rejected';
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  created_at: Date;
};

export type EvidenceRow = {
  id: string;
  contest_id: string;
  position: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
};

export type NewContest = Omit<ContestRow, 'id' | 'status' | 'answer' | 'answered_by' | 'answered_at'>;

/** The new contest, or undefined when the decision has an open contest already (the partial unique index). */
export async function insertContest(sequelize: Sequelize, transaction: Transaction, contest: NewContest): Promise<ContestRow | undefined> {
  const [row] = await queryRows<ContestRow>(
    sequelize,
    `INSERT INTO contests (reference, decision_id, citizen_id, user_id, programme_code, message, contested_on, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (decision_id) WHERE status = 'open' DO NOTHING
     RETURNING *`,
    [
      contest.reference,
      contest.decision_id,
      contest.citizen_id,
      contest.user_id,
      contest.programme_code,
      contest.message,
      contest.contested_on,
      contest.created_at,
    ],
    { transaction },
  );
  return row;
}

/** One statement per file (at most a handful), each bytea sent as a binding of its own. */
export async function insertEvidence(sequelize: Sequelize, transaction: Transaction, contestId: string, files: readonly CheckedEvidence[]) {
  const rows: EvidenceRow[] = [];
  for (const [index, file] of files.entries()) {
    const [row] = await queryRows<EvidenceRow>(
      sequelize,
      `INSERT INTO contest_evidence (contest_id, position, file_name, media_type, size_bytes, sha256, content)
       VALUES ($1, $2, $3, $4, octet_length($6::bytea), $5, $6::bytea)
       RETURNING id, contest_id, position, file_name, media_type, size_bytes, sha256`,
      [contestId, index + 1, file.fileName, file.mediaType, file.sha256, file.content],
      { transaction },
    );
    if (row) rows.push(row);
  }
  return rows;
}

export async function findContest(sequelize: Sequelize, id: string, options: { transaction?: Transaction; forUpdate?: boolean } = {}) {
  const [row] = await queryRows<ContestRow>(
    sequelize,
    `SELECT * FROM contests WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
    {
      transaction: options.transaction,
    },
  );
  return row;
}

export const findEvidenceOf = (sequelize: Sequelize, contestIds: readonly string[]) =>
  queryRows<EvidenceRow>(
    sequelize,
    `SELECT id, contest_id, position, file_name, media_type, size_bytes, sha256 FROM contest_evidence
     WHERE contest_id = ANY($1::uuid[]) ORDER BY contest_id, position`,
    [contestIds],
  );

export async function findEvidenceContent(sequelize: Sequelize, contestId: string, evidenceId: string) {
  const [row] = await queryRows<EvidenceRow & { content: Buffer }>(
    sequelize,
    `SELECT id, contest_id, position, file_name, media_type, size_bytes, sha256, content FROM contest_evidence WHERE contest_id = $1 AND id = $2`,
    [contestId, evidenceId],
  );
  return row;
}

export type ContestFilter = { citizenId?: string; decisionId?: string; status?: string; programme?: string };

/** Newest first, from before the key (created_at, id) `before` when given. */
export const findContests = (
  sequelize: Sequelize,
  filter: ContestFilter,
  page: { before: [string, string] | undefined; limit: number },
): Promise<ContestRow[]> =>
  queryRows<ContestRow>(
    sequelize,
    `SELECT * FROM contests
     WHERE ($1::uuid IS NULL OR citizen_id = $1) AND ($2::uuid IS NULL OR decision_id = $2)
       AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR programme_code = $4)
       AND ($5::timestamptz IS NULL OR (created_at, id) < ($5::timestamptz, $6::uuid))
     ORDER BY created_at DESC, id DESC LIMIT $7`,
    [
      filter.citizenId ?? null,
      filter.decisionId ?? null,
      filter.status ?? null,
      filter.programme ?? null,
      page.before?.[0] ?? null,
      page.before?.[1] ?? null,
      page.limit,
    ],
  );

export async function recordAnswer(
  sequelize: Sequelize,
  transaction: Transaction,
  id: string,
  answer: { status: 'upheld' | 'rejected'; answer: string; answeredBy: string; answeredAt: Date },
): Promise<ContestRow> {
  const [row] = await queryRows<ContestRow>(
    sequelize,
    `UPDATE contests SET status = $2, answer = $3, answered_by = $4, answered_at = $5 WHERE id = $1 AND status = 'open' RETURNING *`,
    [id, answer.status, answer.answer, answer.answeredBy, answer.answeredAt],
    { transaction },
  );
  if (!row) throw new Error(`contest ${id} was not open when answered`);
  return row;
}
