// HTTP idempotency for value-moving POSTs. The key is claimed in the same transaction as the
// work, and the answer is stored in it too, so a crash leaves either nothing (the retry runs
// afresh) or the work with its answer. A concurrent duplicate blocks on the unique key until the
// first commits, then replays its answer. Client errors (4xx) are stored as answers as well: a
// retry of a refused request is refused the same way; a 500 rolls everything back.
// Two ways to run: runIdempotent wraps any handler in a transaction; answerInStatement serves a
// flow written as one SQL function that claims the key and stores its outcome itself.
import { createHash } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import { AppError, RuleViolation, ValidationError } from '../errors.js';
import { databaseFailureOf, queryRows } from '../db/database.js';
import { withRetry } from '../db/retry.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { problemOf } from './problem.js';
import type { Reply } from './route.js';

export type StoredAnswer = { status: number; body: unknown };

/** Who claims which key for which request (method, path and body hashed), answering at `instance`. */
export type IdempotencyClaim = { scope: string; key: string; fingerprint: string; instance: string };

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function readIdempotencyKey(header: string | string[] | undefined): string {
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) {
    throw new AppError(400, 'idempotency_key_missing', 'This request moves value and needs an Idempotency-Key header.', {
      errors: [{ path: '/headers/idempotency-key', message: 'is required' }],
    });
  }
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationError([{ path: '/headers/idempotency-key', message: 'must be 1-255 printable characters without spaces' }]);
  }
  return key;
}

export function requestFingerprint(method: string, path: string, body: unknown) {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

const keyReused = () =>
  new RuleViolation('idempotency_key_reused', 'This Idempotency-Key was used with a different request.', {
    errors: [{ path: '/headers/idempotency-key', message: 'already used for another request' }],
  });

export async function runIdempotent(
  sequelize: Sequelize,
  claim: IdempotencyClaim,
  work: (transaction: Transaction) => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  return sequelize.transaction(async (transaction) => {
    const claimed = await claimKey(sequelize, claim, transaction);
    if (claimed.claim_id === null) {
      // A key of this route holds a rendered answer: only one-statement flows store a bare outcome.
      if (claimed.status === null) throw new Error(`idempotency key ${claim.key} holds an outcome, not an answer`);
      return { status: claimed.status, body: claimed.body, replayed: true };
    }
    const answer = await answerOrClientError(sequelize, transaction, claim.instance, work);
    // The rendered answer is stored here, in the HTTP layer: the work is any route's handler, whose
    // result only this layer can render, so there is no domain outcome to store. The flows written
    // as one SQL function store their domain outcome instead (answerInStatement renders it).
    await queryRows(
      sequelize,
      `UPDATE idempotency_keys SET response_status = $2, response_body = $3::jsonb WHERE id = $1`,
      [claimed.claim_id, answer.status, JSON.stringify(answer.body)],
      { transaction },
    );
    return { ...answer, replayed: false };
  });
}

/** The work runs under a savepoint so a refusal undoes it but keeps the claimed key. */
async function answerOrClientError(
  sequelize: Sequelize,
  transaction: Transaction,
  instance: string,
  work: (transaction: Transaction) => Promise<StoredAnswer>,
): Promise<StoredAnswer> {
  try {
    return await sequelize.transaction({ transaction }, (savepoint) => work(savepoint));
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return { status: error.status, body: problemOf(error, instance) };
    throw error;
  }
}

/**
 * What a one-statement flow's SQL function returns: its domain outcome, fresh or replayed, or (status
 * and body) the answer this layer stored rendered for a refusal. The database never decides a status.
 */
export type StatementAnswer = { replayed: boolean; status: number | null; outcome: unknown; body: unknown };

const REPLAYED = { 'Idempotent-Replayed': 'true' };

/**
 * Serves a flow whose whole write is one SQL function that claims the key, does the work and
 * stores its outcome in the same autocommit statement (migration 10): one round trip. The answer
 * is rendered from the outcome, alike the first time and on every replay. A lost deadlock runs
 * the statement again (it left nothing). A refusal (a client error) rolled it back whole; it is
 * stored as the key's answer by a second statement, unless a concurrent duplicate stored an
 * answer first, which then is the answer.
 */
export async function answerInStatement(
  sequelize: Sequelize,
  claim: IdempotencyClaim,
  statement: () => Promise<StatementAnswer>,
  render: (outcome: unknown) => StoredAnswer,
): Promise<Reply> {
  let answer: StatementAnswer;
  try {
    answer = await withRetry(statement);
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500 || error.code === 'idempotency_key_reused') throw error;
    answer = await storeRefusal(sequelize, claim, error);
  }
  // A key answered before outcomes were domain outcomes holds a status beside its outcome and no
  // body: its outcome is rendered like a fresh one (each flow's renderer reads both shapes).
  const stored = answer.status !== null && answer.body !== null ? { status: answer.status, body: answer.body } : undefined;
  return replyOf({ ...(stored ?? render(answer.outcome)), replayed: answer.replayed });
}

/**
 * For a request of a claimsInStatement route that takes the transactional way after all (one
 * programme's claim of several): runIdempotent, retried on a lost deadlock, as a reply.
 */
export async function answerInTransaction(
  sequelize: Sequelize,
  claim: IdempotencyClaim,
  work: (transaction: Transaction) => Promise<StoredAnswer>,
): Promise<Reply> {
  return replyOf(await withRetry(() => runIdempotent(sequelize, claim, work)));
}

const replyOf = (answer: StoredAnswer & { replayed: boolean }): Reply => ({
  status: answer.status,
  body: answer.body,
  ...(answer.replayed ? { headers: REPLAYED } : {}),
});

async function storeRefusal(sequelize: Sequelize, claim: IdempotencyClaim, refusal: AppError): Promise<StatementAnswer> {
  const body = problemOf(refusal, claim.instance);
  const stored = await queryRows<{ id: string }>(
    sequelize,
    `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (scope, key) DO NOTHING RETURNING id`,
    [claim.scope, claim.key, claim.fingerprint, refusal.status, JSON.stringify(body)],
  );
  if (stored.length === 1) return { replayed: false, status: refusal.status, outcome: null, body };
  const first = await claimKey(sequelize, claim);
  return { replayed: true, status: first.status, outcome: first.outcome, body: first.body };
}

type KeyClaim = { claim_id: string | null; status: number | null; outcome: unknown; body: unknown };

/**
 * Claims the key for this request, or reads the answer stored under it, through the one home of
 * that rule, the SQL function idempotency_claim (server/db/functions/idempotency_claim.sql), which
 * the one-statement flows call too. A concurrent duplicate waits on the key until the first
 * commits (then reads its answer) or rolls back (then claims it).
 */
async function claimKey(sequelize: Sequelize, claim: IdempotencyClaim, transaction?: Transaction): Promise<KeyClaim> {
  const [row] = await queryRows<KeyClaim>(
    sequelize,
    `SELECT claim_id, status, outcome, body FROM idempotency_claim($1, $2, $3)`,
    [claim.scope, claim.key, claim.fingerprint],
    { transaction },
  ).catch((error: unknown) => {
    throw databaseFailureOf(error)?.code === 'LA002' ? keyReused() : error;
  });
  if (!row) throw new Error('idempotency_claim returned no row');
  return row;
}
