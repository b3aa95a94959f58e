// Generated citizens for load, written in bulk (one statement per 2,000 people) with national
// ids that pass the service's own checks. They sign in the way an identity provider's users do:
// with a token, here minted with the service's key, so no password hashing sits in the load.
import type { Sequelize } from 'sequelize';
import type { Principal } from '../../server/auth/principal.js';
import { issueAccessToken } from '../../server/auth/tokens.js';
import type { Config } from '../../server/config.js';
import { queryRows } from '../../server/db/database.js';
import { nrnCheckDigits } from '../../server/validation/national-register-number.js';

export type GeneratedCitizen = { citizenId: string; userId: string; email: string; token: string };
export type Person = { nationalId: string; scheme: 'BE_NRN' | 'UK_NINO'; facts: Record<string, unknown> };

const BATCH = 2000;
// Allowed NINO prefixes (no D, F, I, Q, U, V; no O second; none of the unallocated pairs).
const NINO_PREFIXES = ['JA', 'JB', 'JC', 'JE', 'JG', 'JH', 'JJ', 'JK', 'JL', 'JM', 'JN', 'JP', 'JR', 'JS', 'JT', 'JW', 'JX', 'JY', 'JZ'];
let nextSerial = 0;

const day = (date: Date) => date.toISOString().slice(0, 10);

/** A Belgian citizen born in 1960-1987: the birth date is part of the national register number. */
export function belgianPerson(facts: Record<string, unknown>): Person {
  const n = nextSerial++;
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 10_000) * 86_400_000);
  const nine = `${day(birth).slice(2).replaceAll('-', '')}${String(1 + Math.floor(n / 10_000)).padStart(3, '0')}`;
  return { nationalId: nine + nrnCheckDigits(nine, false), scheme: 'BE_NRN', facts: { birthDate: day(birth), ...facts } };
}

/** A UK citizen with a fresh National Insurance number. */
export function britishPerson(facts: Record<string, unknown>): Person {
  const n = nextSerial++;
  const prefix = NINO_PREFIXES[Math.floor(n / 1_000_000) % NINO_PREFIXES.length];
  return { nationalId: `${prefix}${String(n % 1_000_000).padStart(6, '0')}A`, scheme: 'UK_NINO', facts };
}

/** Facts the LBC rules accept: a Flemish employee with 3,000+ days of experience. */
export const eligibleLbcFacts = (i: number) => ({
  residenceCountry: 'BE',
  residenceRegion: 'VLG',
  workRegion: 'VLG',
  employmentStatus: 'employee',
  workExperienceDays: 3000 + (i % 3000),
});

/** Facts the ITA rules accept: a Scottish employee under the income threshold, fresh evidence. */
export function eligibleItaFacts(i: number, today: string) {
  const evidenceDate = day(new Date(Date.parse(today) - (10 + (i % 40)) * 86_400_000));
  return {
    birthDate: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
    residenceCountry: 'GB',
    residenceRegion: 'SCT',
    workRegion: 'SCT',
    employmentStatus: 'employee',
    annualIncome: { amount: `${12000 + (i % 9000)}.00`, currency: 'GBP', year: Number(today.slice(0, 4)) - 1, evidenceDate },
    benefits: [],
    inFullTimeEducation: false,
    inOtherFundedProgramme: false,
  };
}

/** Inserts the people as citizens (users without passwords) and mints each a citizen token. */
export async function insertCitizens(
  sequelize: Sequelize,
  config: Config,
  label: string,
  people: Person[],
  today: string,
): Promise<GeneratedCitizen[]> {
  const citizens: GeneratedCitizen[] = [];
  for (let start = 0; start < people.length; start += BATCH) {
    const batch = people.slice(start, start + BATCH);
    const emails = batch.map((person) => `${label}.${person.nationalId.toLowerCase()}@bench.example`);
    const recorded = batch.map((person) => JSON.stringify(Object.fromEntries(Object.keys(person.facts).map((name) => [name, today]))));
    const rows = await queryRows<{ id: string; user_id: string; email: string }>(
      sequelize,
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[]) AS x(email, national_id, scheme, facts, recorded)),
       made AS (
         INSERT INTO users (email, name, role) SELECT email, 'Bench citizen ' || national_id, 'citizen' FROM input RETURNING id, email),
       registered AS (
         INSERT INTO citizens (user_id, name, national_id, national_id_scheme, facts, facts_recorded_on)
         SELECT made.id, 'Bench citizen ' || input.national_id, input.national_id, input.scheme, input.facts, input.recorded
         FROM input JOIN made USING (email)
         RETURNING id, user_id)
       SELECT registered.id, registered.user_id, made.email FROM registered JOIN made ON made.id = registered.user_id`,
      [
        emails,
        batch.map((person) => person.nationalId),
        batch.map((person) => person.scheme),
        batch.map((person) => JSON.stringify(person.facts)),
        recorded,
      ],
    );
    for (const row of rows) {
      const principal: Principal = { userId: row.user_id, role: 'citizen', email: row.email, centreId: null, citizenId: row.id };
      citizens.push({ citizenId: row.id, userId: row.user_id, email: row.email, token: issueAccessToken(config, principal).accessToken });
    }
  }
  return citizens;
}
