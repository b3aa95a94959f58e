// What is known of a citizen (docs/design/api.md, "Citizens"). Every fact is optional because knowledge is
// partial; a missing fact is "unknown", which eligibility must treat as a failure, never a pass.
// The same schema checks a request and re-reads stored facts, so the stored shape is the parsed
// shape: amounts are decimal strings with 2 decimals ("21500.00"), benefits are sorted codes.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { FieldError } from '../errors.js';
import { currencySchema, dateSchema } from '../http/schemas.js';
import { isCountryCode } from '../validation/countries.js';

export const BELGIAN_REGIONS = ['VLG', 'BRU', 'WAL'] as const;
export const UK_REGIONS = ['SCT', 'ENG', 'WLS', 'NIR'] as const;
export const REGIONS = [...BELGIAN_REGIONS, ...UK_REGIONS] as const;
export const EMPLOYMENT_STATUSES = ['employee', 'self_employed', 'unemployed', 'student', 'retired', 'inactive'] as const;
/** Sex as the citizen states it, for reach statistics only (docs/glossary.md, "Reach"); `not_stated` is a choice not to say. */
export const SEXES = ['female', 'male', 'other', 'not_stated'] as const;

const REGION_COUNTRY: Record<(typeof REGIONS)[number], string> = {
  VLG: 'BE',
  BRU: 'BE',
  WAL: 'BE',
  SCT: 'GB',
  ENG: 'GB',
  WLS: 'GB',
  NIR: 'GB',
};
const ISCED_MESSAGE = 'must be an ISCED 2011 level, a whole number from 0 to 8';
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

/** Like amountSchema, but zero is a real income ("0.00"); the output is the stored string. */
export const nonNegativeAmountSchema = z
  .union([z.string(), z.number()], { error: 'must be a decimal string such as "21500.00"' })
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? (Number.isFinite(value) && !/e/i.test(String(value)) ? String(value) : '') : value.trim();
    if (!AMOUNT.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'must be a decimal of zero or more with at most 2 decimals, such as "21500.00"' });
      return z.NEVER;
    }
    return new Decimal(text).toFixed(2);
  });

const regionSchema = z.enum(REGIONS, { error: `must be one of ${REGIONS.join(', ')} or null` }).nullable();

export const annualIncomeSchema = z
  .object({
    amount: nonNegativeAmountSchema,
    currency: currencySchema,
    year: z.number().int().min(1990).max(2100),
    evidenceDate: dateSchema,
  })
  .strict();

export const citizenFactsSchema = z
  .object({
    birthDate: dateSchema,
    residenceCountry: z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code in capitals, such as "BE"'),
    residenceRegion: regionSchema,
    workRegion: regionSchema,
    employmentStatus: z.enum(EMPLOYMENT_STATUSES, { error: `must be one of ${EMPLOYMENT_STATUSES.join(', ')}` }),
    workExperienceDays: z.number().int().min(0).max(36500),
    annualIncome: annualIncomeSchema.nullable(),
    benefits: z
      .array(z.string().regex(/^[A-Z]{2,10}$/, 'must be a benefit code of 2 to 10 capitals, such as "UC"'))
      .max(20)
      .refine((codes) => new Set(codes).size === codes.length, 'must not list a benefit twice')
      .transform((codes) => [...codes].sort()),
    inFullTimeEducation: z.boolean(),
    inOtherFundedProgramme: z.boolean(),
    /** ISCED 2011 level of the highest completed education (0-8; 3 is upper secondary), which CPF-like schemes boost below. */
    highestQualification: z.number({ error: ISCED_MESSAGE }).int(ISCED_MESSAGE).min(0, ISCED_MESSAGE).max(8, ISCED_MESSAGE),
    sex: z.enum(SEXES, { error: `must be one of ${SEXES.join(', ')}` }),
  })
  .partial()
  .strict()
  .superRefine((facts, ctx) => {
    const region = facts.residenceRegion;
    // Only a well-formed region is compared: a malformed one is already reported by its own check.
    if (
      region &&
      Object.hasOwn(REGION_COUNTRY, region) &&
      facts.residenceCountry !== undefined &&
      REGION_COUNTRY[region] !== facts.residenceCountry
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['residenceRegion'],
        message: `${region} is a region of ${REGION_COUNTRY[region]}, not of ${facts.residenceCountry}`,
      });
    }
  });

export type CitizenFacts = z.output<typeof citizenFactsSchema>;
export type FactName = keyof CitizenFacts;
export const FACT_NAMES = Object.keys(citizenFactsSchema.shape) as FactName[];

/** Dates that cannot be in the future on `today` (the schema alone cannot know the date). */
export function futureFactErrors(facts: CitizenFacts, today: string, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  if (facts.birthDate && facts.birthDate > today)
    errors.push({ path: `${prefix}/birthDate`, message: `must not be after today (${today})` });
  if (facts.annualIncome && facts.annualIncome.evidenceDate > today) {
    errors.push({ path: `${prefix}/annualIncome/evidenceDate`, message: `must not be after today (${today})` });
  }
  return errors;
}
