// What the signal case endpoints answer, as documented in /openapi.json.
import { z } from 'zod';
import { instant, page } from '../http/response-schemas.js';
import { SIGNAL_KINDS } from './signal-detectors.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const signalCaseResponse = z.object({
  id: z.uuid(),
  kind: z.enum(SIGNAL_KINDS),
  subject: z.string(),
  centre: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  facts: z.record(z.string(), scalar),
  rows: z.array(z.record(z.string(), scalar)),
  status: z.enum(['open', 'closed']),
  detectedAt: instant,
  closed: z.object({ at: instant, by: z.object({ id: z.uuid(), email: z.string().nullable() }), reason: z.string() }).nullable(),
});

export const signalCasePage = page(signalCaseResponse);

export const detectionResponse = z.object({ opened: z.number().int(), cases: z.array(z.uuid()) });
