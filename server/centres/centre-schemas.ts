// Request shapes of the centres component, validated at the boundary. Dates and amounts use the
// shared schemas; the mandate window rules that need no database are checked here so that a bad
// window is a 400 naming the field, like any other malformed input.
import { z } from 'zod';
import { amountSchema, currencySchema, dateSchema, lineSchema, programmeCodeSchema, textSchema } from '../http/schemas.js';
import { isRealDate } from '../shared/calendar-date.js';
import { bicSchema, ibanSchema } from '../validation/bank-account.js';
import { enterpriseNumberSchema } from '../validation/enterprise-number.js';
import { ACCREDITATION_STATUSES } from './accreditation-model.js';
import { contactFields } from './centre-contact.js';
import { addYears, MAX_MANDATE_YEARS } from './mandate-window.js';

/** A reason may span lines, but must say something. */
const reasonSchema = textSchema(2000, { min: 3, tooShort: 'must explain the change in at least 3 characters' });

const emailSchema = z
  .email('must be an e-mail address')
  .max(254)
  .transform((email) => email.toLowerCase());

/** The price column holds 10 integer digits; no real course costs more than this. */
const MAX_COURSE_PRICE = '1000000.00';

/** The account a centre is paid into by SEPA credit transfer (server/validation/bank-account.ts). */
export const bankAccountBody = z.object({ iban: ibanSchema, bic: bicSchema }).strict();

export const registerCentreBody = z
  .object({
    name: lineSchema(200),
    enterpriseNumber: enterpriseNumberSchema,
    email: emailSchema,
    bankAccount: bankAccountBody.optional(),
    ...contactFields,
  })
  .strict();

export const addStaffBody = z
  .object({
    email: emailSchema,
    password: z.string().min(12, 'must be at least 12 characters').max(200, 'must be at most 200 characters'),
    name: lineSchema(200),
  })
  .strict();

export const grantAccreditationBody = z
  .object({ programme: programmeCodeSchema, validFrom: dateSchema, validTo: dateSchema })
  .strict()
  .superRefine((body, ctx) => {
    // Zod still runs this when a date failed its own checks; such a date has been reported already.
    if (!isRealDate(body.validFrom) || !isRealDate(body.validTo)) return;
    if (body.validTo < body.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must be on or after validFrom' });
    } else if (body.validTo > addYears(body.validFrom, MAX_MANDATE_YEARS)) {
      ctx.addIssue({
        code: 'custom',
        path: ['validTo'],
        message: `a mandate lasts at most ${MAX_MANDATE_YEARS} years: at most ${addYears(body.validFrom, MAX_MANDATE_YEARS)}`,
      });
    }
  });

export const changeAccreditationBody = z
  .object({
    status: z.enum(ACCREDITATION_STATUSES),
    reason: reasonSchema,
    // null is read as "not given", for clients that always send every field.
    reapplyAfter: dateSchema.nullish().transform((date) => date ?? undefined),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (!ACCREDITATION_STATUSES.includes(body.status)) return;
    if (body.status === 'revoked' && body.reapplyAfter === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reapplyAfter'],
        message: 'is required to revoke: the date from which the centre may apply again',
      });
    }
    if (body.status !== 'revoked' && body.reapplyAfter !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['reapplyAfter'], message: 'is only given with status "revoked"' });
    }
  });

export const createCourseBody = z
  .object({
    title: lineSchema(200),
    price: amountSchema.refine((price) => price.lte(MAX_COURSE_PRICE), `must be at most ${MAX_COURSE_PRICE}`),
    currency: currencySchema.optional(),
    qualification: lineSchema(200),
    /** The programme that pays for it; may be left out when the provider is accredited for one such programme only. */
    programme: programmeCodeSchema.optional(),
    tags: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a tag in lower case, such as "digital"'))
      .max(20)
      .refine((tags) => new Set(tags).size === tags.length, 'must not repeat a tag')
      .optional(),
  })
  .strict();

/** What a provider may change of a pending course: everything but its programme. */
export const editCourseBody = createCourseBody.omit({ currency: true, programme: true }).required({ tags: true });

export const courseListQuery = { programme: programmeCodeSchema.optional() };

export const courseDecisionBody = z.object({ decision: z.enum(['approved', 'rejected']), reason: reasonSchema.optional() }).strict();

export const centreIdParams = z.object({ centreId: z.uuid('must be a UUID') }).strict();
