// HTTP idempotency for value-moving POSTs. The key is claimed in the same transaction as the
// work, and the answer is stored in it too, so a crash leaves either nothing (the retry runs
// afresh) or the work with its answer. A concurrent duplicate blocks on the unique key until the
// first commits, then replays its answer. Client errors (4xx) are stored as answers as well: a
// retry of a refused request is refused the same way; a 500 rolls everything back.
import { createHash } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import { AppError, RuleViolation, ValidationError } from '../errors.js';
import { queryRows } from '../db/database.js';
import { problemOf } from './problem.js';

export type StoredAnswer = { status: number; body: unknown };

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
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
}

/** JSON with sorted keys, so the same body written in another key order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

type KeyRow = { request_hash: string; response_status: number; response_body: unknown };

export async function runIdempotent(
  sequelize: Sequelize,
  claim: { scope: string; key: string; fingerprint: string; instance: string },
  work: (transaction: Transaction) => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  return sequelize.transaction(async (transaction) => {
    const claimed = await queryRows<{ id: string }>(
      sequelize,
      `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO NOTHING RETURNING id`,
      [claim.scope, claim.key, claim.fingerprint],
      { transaction },
    );
    if (claimed.length === 0) {
      const [seen] = await queryRows<KeyRow>(
        sequelize,
        `SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
        [claim.scope, claim.key],
        { transaction },
      );
      if (!seen) throw new Error('idempotency key vanished between insert and select');
      if (seen.request_hash !== claim.fingerprint) {
        throw new RuleViolation('idempotency_key_reused', 'This Idempotency-Key was used with a different request.', {
          errors: [{ path: '/headers/idempotency-key', message: 'already used for another request' }],
        });
      }
      return { status: seen.response_status, body: seen.response_body, replayed: true };
    }
    const answer = await answerOrClientError(sequelize, transaction, claim.instance, work);
    await queryRows(
      sequelize,
      `UPDATE idempotency_keys SET response_status = $2, response_body = $3::jsonb WHERE id = $1`,
      [claimed[0]!.id, answer.status, JSON.stringify(answer.body)],
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
