// Boundary shapes of the cheque endpoints.
import { z } from 'zod';
import { amountSchema, dateSchema, lineSchema, quarterHoursSchema, textSchema } from '../http/schemas.js';
import { SESSION_KINDS } from './session-service.js';

export const codeParams = z
  // A programme's prefix (2 to 10 capitals and digits, starting with a capital) and 10 characters, in any case.
  .object({
    code: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9]{1,9}-[0-9A-Za-z]{10}$/,
        "must be a cheque code: the programme's prefix, a dash and 10 letters or digits",
      ),
  })
  .strict();
export const centreCodeParams = z.object({ centreId: z.uuid('must be a UUID'), code: codeParams.shape.code }).strict();

export const paymentBody = z.object({ amount: amountSchema, reference: lineSchema(100).optional() }).strict();
export const registrationBody = z
  .object({ clientNumber: z.string().regex(/^\d{8}$/, 'must be the 8-digit client number the citizen gave you') })
  .strict();
export const sessionBody = z
  .object({
    date: dateSchema,
    hours: quarterHoursSchema.refine((hours) => hours.lte(24), 'must be at most 24 hours'),
    counsellor: lineSchema(200),
    kind: z.enum(SESSION_KINDS),
  })
  .strict();
export const closeBody = z
  .object({ developmentPlan: z.object({ summary: textSchema(5000), goals: z.array(lineSchema(500)).min(1).max(20) }).strict() })
  .strict();
export const disputeBody = z.object({ sessionId: z.uuid('must be a UUID'), reason: textSchema(2000) }).strict();
export const resolutionBody = z.object({ decision: z.enum(['upheld', 'rejected']), note: textSchema(2000) }).strict();
