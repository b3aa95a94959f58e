// What the approval endpoints answer, and the 202 of every request that waits for a second
// administrator (pending-change-view.ts), as documented in /openapi.json.
import { z } from 'zod';
import { instant, page } from '../http/response-schemas.js';
import { CHANGE_KINDS } from './pending-change-store.js';

export const pendingChangeResponse = z.object({
  id: z.uuid(),
  kind: z.enum(CHANGE_KINDS),
  targetId: z.string(),
  payload: z.record(z.string(), z.unknown()).describe("The requested change, as its kind's owner reads it"),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  requestedBy: z.uuid(),
  requestedAt: instant,
  decidedBy: z.uuid().nullable(),
  decidedAt: instant.nullable(),
  reason: z.string().nullable(),
  result: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('What the approval produced: the parameter version, ledger transaction or paid statement'),
});

export const pendingChangePage = page(pendingChangeResponse);
