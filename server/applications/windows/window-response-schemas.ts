// What a window's draw answers, as documented in /openapi.json.
import { z } from 'zod';
import { calendarDate, moneySchema } from '../../http/response-schemas.js';

export const drawResponse = z.object({
  programme: z.string(),
  window: z.string(),
  seed: z.string(),
  order: z.string(),
  drawnOn: calendarDate,
  drawnBy: z.string().nullable().describe('The administrator who drew it; null when the scheduler drew it at the window close'),
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
