// What the ledger endpoints answer, as documented in /openapi.json.
import { z } from 'zod';
import { calendarDate, decimalText, instant, page } from '../http/response-schemas.js';

export const ledgerAccountResponse = z.object({
  id: z.string(),
  owner: z.object({ type: z.string(), id: z.string() }),
  programme: z.string().nullable(),
  unit: z.string(),
  mayGoNegative: z.boolean(),
  balance: decimalText,
  held: decimalText,
  available: decimalText,
  createdAt: instant,
});

export const ledgerEntryPage = page(
  z.object({
    id: z.string(),
    accountId: z.string(),
    transactionId: z.string(),
    kind: z.string(),
    reverses: z.string().nullable(),
    businessDate: calendarDate,
    createdAt: instant,
    amount: decimalText,
    balanceAfter: decimalText,
    metadata: z.record(z.string(), z.unknown()),
  }),
);
