// What the audit log answers, as documented in /openapi.json.
import { z } from 'zod';
import { instant, page } from '../http/response-schemas.js';

export const auditPage = page(
  z.object({
    id: z.string(),
    at: instant,
    actor: z.object({
      id: z.string().nullable(),
      role: z.string(),
      email: z.string().nullable().describe("The acting user's e-mail address; null for the system or a payment provider"),
    }),
    onBehalfOf: z
      .object({ id: z.string(), email: z.string().nullable() })
      .nullable()
      .describe("The citizen's login an administrator acted for at the counter (assisted digital); null otherwise"),
    action: z.string(),
    entity: z.object({ type: z.string(), id: z.string() }),
    before: z.record(z.string(), z.unknown()).nullable().describe('The entity before the action, as recorded'),
    after: z.record(z.string(), z.unknown()).nullable().describe('The entity after the action, as recorded'),
    requestId: z.string().nullable(),
  }),
);
