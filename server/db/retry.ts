// PostgreSQL may abort a transaction that lost a deadlock (40P01) or a serialisation check
// (40001); the whole transaction is then safe to run again.
import { databaseFailureOf } from './database.js';

const RETRYABLE = new Set(['40P01', '40001']);

export function isRetryable(error: unknown): boolean {
  const code = databaseFailureOf(error)?.code;
  return code !== undefined && RETRYABLE.has(code);
}

export async function withRetry<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
