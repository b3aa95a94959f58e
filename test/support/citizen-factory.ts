// Citizens for tests: a real login and citizen record created through the citizen service (so
// the stored shape is the real one), with a unique, VALID national number and a real JWT that
// carries the citizenId. Usage: `const { id, actor } = await createCitizen(h, { facts: {...} })`.
import { randomInt } from 'node:crypto';
import { hashPassword } from '../../server/auth/passwords.js';
import { citizenFactsSchema } from '../../server/citizens/citizen-facts.js';
import { registerCitizenWithHash } from '../../server/citizens/citizen-service.js';
import type { NationalIdScheme } from '../../server/citizens/national-id.js';
import { AppError } from '../../server/errors.js';
import { nrnCheckDigits } from '../../server/validation/national-register-number.js';
import { actorFor, uniqueEmail, type Actor } from './actors.js';
import type { Harness } from './harness.js';

export type TestCitizen = { id: string; actor: Actor; nationalId: string; email: string };

const PASSWORD = 'correct horse battery staple'; // the one actors.ts signs in with
let passwordHash: Promise<string> | undefined;
const issued = new Set<string>();

/** A valid Belgian national register number (11 digits), born 1930-2019 (or 2000-2019 with `from2000`). */
export function validNrn(options: { from2000?: boolean } = {}): string {
  const [from, years] = options.from2000 ? [2000, 20] : [1930, 90];
  for (;;) {
    const born = new Date(Date.UTC(from, 0, 1) + randomInt(0, years * 365) * 86_400_000);
    const yymmdd = born.toISOString().slice(2, 10).replace(/-/g, '');
    const base = `${yymmdd}${String(randomInt(1, 998)).padStart(3, '0')}`;
    const nrn = `${base}${nrnCheckDigits(base, born.getUTCFullYear() >= 2000)}`;
    if (!issued.has(nrn)) return remember(nrn);
  }
}

const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const NINO_UNALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** A valid UK National Insurance number, e.g. "JK123456C". */
export function validNino(): string {
  for (;;) {
    const prefix = `${NINO_FIRST[randomInt(NINO_FIRST.length)]}${NINO_SECOND[randomInt(NINO_SECOND.length)]}`;
    const nino = `${prefix}${String(randomInt(0, 1_000_000)).padStart(6, '0')}${'ABCD'[randomInt(4)]}`;
    if (!NINO_UNALLOCATED.has(prefix) && !issued.has(nino)) return remember(nino);
  }
}

function remember(nationalId: string) {
  issued.add(nationalId);
  return nationalId;
}

/**
 * Facts are given as in a request (amounts may be numbers) and parsed by the real schema, so an
 * invalid fact fails here loudly. Another test run on a shared database may hold the same random
 * number: then a new one is drawn.
 */
export async function createCitizen(
  h: Harness,
  options: { facts?: Record<string, unknown>; scheme?: NationalIdScheme; name?: string } = {},
): Promise<TestCitizen> {
  const facts = citizenFactsSchema.parse(options.facts ?? {});
  passwordHash ??= hashPassword(PASSWORD);
  for (let attempt = 1; ; attempt++) {
    const nationalId = options.scheme === 'UK_NINO' ? validNino() : validNrn();
    try {
      const registration = {
        email: uniqueEmail('citizen'),
        name: options.name ?? 'Test Citizen',
        nationalId: { value: nationalId, scheme: options.scheme ?? 'BE_NRN' },
        facts,
        passwordHash: await passwordHash,
      };
      const citizen = await registerCitizenWithHash(h.context, { userId: null, role: 'system' }, registration);
      const actor = actorFor(h, { userId: citizen.userId, role: 'citizen', email: citizen.email, centreId: null, citizenId: citizen.id });
      return { id: citizen.id, actor, nationalId, email: citizen.email };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'citizen_exists') || attempt >= 5) throw error;
    }
  }
}
