// The seed property tests draw from: fixed, so a run replays the last one's cases, unless FC_SEED
// names another (a number to replay a failure, `random` for a new seed each run).
const DEFAULT_SEED = 20_261_204;

export function fastCheckSeed(value = process.env.FC_SEED): number {
  if (value === undefined || value === '') return DEFAULT_SEED;
  if (value === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", not ${value}`);
  return seed;
}
