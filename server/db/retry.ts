// PostgreSQL may abort a transaction that lost a deadlock (40P01) or a serialisation check
// (40001); the whole transaction is then safe to run again.
const RETRYABLE = new Set(['40P01', '40001']);

export function isRetryable(error: unknown): boolean {
  const code = (error as { parent?: { code?: string }; code?: string } | null)?.parent?.code ?? (error as { code?: string } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
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
