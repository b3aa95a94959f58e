// What the oversight endpoints answer, as documented in /openapi.json.
import { z } from 'zod';
import { calendarDate, decimalText, hoursSchema, page } from '../http/response-schemas.js';
import { REACH_DIMENSIONS } from './reach-dimensions.js';

const shownCount = z
  .object({
    count: z.number().int().min(0).nullable(),
    suppressed: z.enum(['small', 'complementary']).nullable(),
  })
  .describe(
    'A number of people; null when withheld: "small" (fewer than minimumShown) or "complementary" (hidden so a small cell cannot be worked out from the total)',
  );

const counts = { eligible: shownCount, claimed: shownCount, used: shownCount };

export const reachResponse = z.object({
  programme: z.string(),
  period: z.object({ from: calendarDate, to: calendarDate }),
  minimumShown: z.number().int(),
  totals: z.object(counts),
  dimensions: z.array(
    z.object({
      dimension: z.enum(REACH_DIMENSIONS.map(({ dimension }) => dimension)),
      rows: z.array(z.object({ category: z.string(), ...counts })),
    }),
  ),
});

export const centreMonitoringPage = page(
  z.object({
    centreId: z.uuid(),
    centreName: z.string(),
    hoursDelivered: hoursSchema,
    sessions: z.number().int(),
    disputedSessions: z.number().int(),
    disputeShare: decimalText.nullable().describe('Disputed sessions over sessions in the period, to 4 decimals'),
    chequesClosed: z.number().int(),
    averageHoursPerClosedCheque: hoursSchema.nullable(),
    medianDaysToClose: z.number().nullable().describe('Median days from registration at the centre to close, over the cheques closed'),
  }),
);
