// What the contest endpoints answer, as documented in /openapi.json.
import { z } from 'zod';
import { calendarDate, instant, page } from '../http/response-schemas.js';

export const contestResponse = z.object({
  id: z.uuid(),
  reference: z.string(),
  decisionId: z.uuid(),
  programme: z.string(),
  message: z.string(),
  contestedOn: calendarDate,
  status: z.string(),
  answer: z.object({ message: z.string(), answeredAt: instant }).loose().nullable(),
  evidence: z.array(
    z.object({ id: z.uuid(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string() }),
  ),
  createdAt: instant,
});

export const contestPage = page(contestResponse);
