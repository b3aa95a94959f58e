// The facts a rule may name, with their types. Three kinds:
// - stored: what the citizens component records about a person (docs/design/api.md, "Citizens");
// - gathered: read from other tables when a decision is made (last right, budget left);
// - derived: computed from the two above at the reference date (age, waits, evidence age).
// Stored and gathered facts are the "base facts" a decision snapshots; derived facts are
// recomputed from them, which is what makes a stored decision replayable.
import { completedYears, daysBetween, durationBetween, isIsoDate } from '../shared/calendar.js';

export type FactType = 'date' | 'integer' | 'decimal' | 'string' | 'boolean' | 'stringList' | 'duration' | 'income';
export type FactKind = 'stored' | 'gathered' | 'derived';

export type FactDefinition = {
  type: FactType;
  kind: FactKind;
  /** May legitimately be null (e.g. no region, never had a right); absent is always "missing". */
  nullable: boolean;
  /** For derived facts: the base facts it is computed from (named in a fact_missing reason). */
  from?: readonly string[];
  description: string;
  /**
   * Recorded only to see whom a programme reaches (server/oversight): no rule may decide on it.
   * Eligibility by sex would be unequal treatment, which the law forbids.
   */
  statisticsOnly?: true;
};

/** Fields of object facts that a condition may reach with `path: "$.field"`. */
export const FACT_FIELDS: Partial<Record<FactType, Record<string, FactType>>> = {
  income: { amount: 'decimal', currency: 'string', year: 'integer', evidenceDate: 'date' },
};

const stored = (type: FactType, description: string, nullable = false): FactDefinition => ({ type, kind: 'stored', nullable, description });

export const FACTS: Readonly<Record<string, FactDefinition>> = {
  birthDate: stored('date', 'Date of birth'),
  residenceCountry: stored('string', 'Country of residence, ISO 3166-1 alpha-2'),
  residenceRegion: stored('string', 'Region of residence (VLG, BRU, WAL, SCT, ENG, WLS, NIR) or null', true),
  workRegion: stored('string', 'Region of work, or null', true),
  employmentStatus: stored('string', 'employee, self_employed, unemployed, student, retired or inactive'),
  workExperienceDays: stored('integer', 'Days of work experience'),
  annualIncome: stored('income', 'Annual income { amount, currency, year, evidenceDate }'),
  benefits: stored('stringList', 'Codes of the benefits received'),
  inFullTimeEducation: stored('boolean', 'In full-time education'),
  inOtherFundedProgramme: stored('boolean', 'In another publicly funded programme'),
  highestQualification: stored(
    'integer',
    'Highest completed education level, ISCED 2011: 0 early childhood to 8 doctoral; 3 is upper secondary, so below 3 has none',
  ),
  sex: {
    ...stored(
      'string',
      'Sex as the citizen stated it: female, male, other or not_stated; recorded for reach statistics (who a programme reaches)',
    ),
    statisticsOnly: true,
  },
  lastEntitlementStart: {
    type: 'date',
    kind: 'gathered',
    nullable: true,
    description: 'Start of the latest right in this programme, or null',
  },
  budgetRemaining: { type: 'decimal', kind: 'gathered', nullable: false, description: 'Programme budget left, in its currency' },
  age: { type: 'integer', kind: 'derived', nullable: false, from: ['birthDate'], description: 'Completed years at the reference date' },
  daysSinceLastEntitlement: {
    type: 'integer',
    kind: 'derived',
    nullable: true,
    from: ['lastEntitlementStart'],
    description: 'Days from the start of the latest right in this programme to the reference date, or null',
  },
  timeSinceLastEntitlement: {
    type: 'duration',
    kind: 'derived',
    nullable: true,
    from: ['lastEntitlementStart'],
    description: 'Time from the start of the latest right to the reference date, e.g. "P5Y11M29D", or null',
  },
  evidenceAge: {
    type: 'duration',
    kind: 'derived',
    nullable: false,
    from: ['annualIncome'],
    description: 'Age of the income or benefit evidence, e.g. "P3M"',
  },
  incomeYearsAgo: {
    type: 'integer',
    kind: 'derived',
    nullable: false,
    from: ['annualIncome'],
    description: 'Reference year minus the income year',
  },
};

/** The facts a rule may name: all but those recorded for statistics only. */
export const RULE_FACTS = Object.keys(FACTS).filter((name) => !FACTS[name]!.statisticsOnly);

export const BASE_FACTS = Object.keys(FACTS).filter((name) => FACTS[name]!.kind !== 'derived');
export const GATHERED_FACTS = Object.keys(FACTS).filter((name) => FACTS[name]!.kind === 'gathered');

export type FactValues = Record<string, unknown>;

const incomeOf = (facts: FactValues) => {
  const income = facts.annualIncome;
  return income && typeof income === 'object' ? (income as Record<string, unknown>) : undefined;
};

/**
 * The derived facts at `referenceDate`. A derived fact whose inputs are absent or malformed is
 * left out, so a rule naming it fails as "missing" instead of passing on a guess.
 */
export function deriveFacts(base: FactValues, referenceDate: string): FactValues {
  const derived: FactValues = {};
  if (isIsoDate(base.birthDate)) derived.age = completedYears(base.birthDate, referenceDate);
  const last = base.lastEntitlementStart;
  if (last === null) {
    derived.daysSinceLastEntitlement = null;
    derived.timeSinceLastEntitlement = null;
  } else if (isIsoDate(last)) {
    derived.daysSinceLastEntitlement = daysBetween(last, referenceDate);
    derived.timeSinceLastEntitlement = durationBetween(last, referenceDate);
  }
  const income = incomeOf(base);
  if (income && isIsoDate(income.evidenceDate)) derived.evidenceAge = durationBetween(income.evidenceDate, referenceDate);
  if (income && Number.isInteger(income.year)) derived.incomeYearsAgo = Number(referenceDate.slice(0, 4)) - Number(income.year);
  return derived;
}

/** The base facts of a snapshot (drops derived and unknown names). */
export function baseFactsOf(facts: FactValues): FactValues {
  const base: FactValues = {};
  for (const name of BASE_FACTS) if (facts[name] !== undefined) base[name] = facts[name];
  return base;
}

/** Which base facts to name when `fact` is missing: itself, or the inputs of a derived fact. */
export function sourcesOf(fact: string, facts: FactValues): string[] {
  const definition = FACTS[fact];
  if (!definition?.from) return [fact];
  const absent = definition.from.filter((name) => facts[name] === undefined);
  return absent.length > 0 ? absent : [fact];
}
