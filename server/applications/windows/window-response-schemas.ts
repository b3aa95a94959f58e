// What a window's draw answers, as documented in /openapi.json.
import { z } from 'zod';
import { calendarDate, moneySchema } from '../../http/response-schemas.js';

export const drawResponse = z.object({
  programme: z.string(),
  window: z.string(),
  seed: z.string(),
  order: z.string(),
  drawnOn: calendarDate,
  drawnBy: z.string(),
  budget: moneySchema,
  fundable: moneySchema,
  fundedTotal: moneySchema,
  entries: z.number().int(),
  winners: z.number().int(),
  verification: z.object({ reproduced: z.boolean(), fundedTotal: moneySchema, mismatches: z.array(z.unknown()) }),
  items: z.array(
    z.object({
      rank: z.number().int(),
      entryId: z.uuid(),
      citizenId: z.uuid(),
      courseId: z.uuid(),
      fundedAmount: moneySchema,
      status: z.string(),
      refusal: z.string().nullable(),
      application: z.string().nullable(),
    }),
  ),
});
