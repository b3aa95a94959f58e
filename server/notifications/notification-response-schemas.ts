// What the notification endpoints answer, as documented in /openapi.json.
import { z } from 'zod';
import { instant, page } from '../http/response-schemas.js';

export const notificationPage = page(
  z.object({
    id: z.string(),
    kind: z.string(),
    subject: z.string(),
    body: z.string(),
    data: z.record(z.string(), z.unknown()).describe("The notification's subject matter (a cheque code, a decision id ...), by kind"),
    audience: z.string(),
    createdAt: instant,
    readAt: instant.nullable(),
  }),
);
