// What the cheque endpoints answer, as documented in /openapi.json (the tests check every answer
// they receive against these). They follow voucher-view.ts, session-view.ts and dispute-store.ts.
import { z } from 'zod';
import { topUpResponse } from '../accounts/accounts.js';
import { applicationResponse } from '../applications/applications.js';
import { lotResponse } from '../credit-lots/credit-lots.js';
import { entitlementResponse } from '../entitlements/entitlements.js';
import { calendarDate, decimalText, hoursSchema, instant, page } from '../http/response-schemas.js';

export const sessionResponse = z.object({
  id: z.uuid(),
  date: calendarDate,
  hours: hoursSchema,
  counsellor: z.string(),
  kind: z.string(),
  centreId: z.uuid(),
  status: z.enum(['recorded', 'reversed']),
  ledgerTransactionId: z.string(),
  reversalTransactionId: z.string().nullable(),
  reversedAt: instant.nullable(),
  recordedAt: instant,
});

export const voucherResponse = z.object({
  code: z.string(),
  clientNumber: z.string().optional().describe('Shown to the owner; masked for staff readers; absent for a centre'),
  entitlementId: z.uuid(),
  sequence: z.number().int(),
  hours: hoursSchema,
  remainingHours: hoursSchema.optional(),
  status: z.enum(['awaiting_payment', 'issued', 'in_use', 'closed', 'expired', 'cancelled']),
  coPayment: z.object({
    amount: decimalText,
    currency: z.string(),
    status: z.enum(['due', 'paid', 'lapsed']),
    dueBy: z.string().nullable(),
    paidAt: instant.nullable(),
  }),
  issuedOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  centreId: z.uuid().nullable(),
  registeredAt: instant.nullable(),
  developmentPlan: z
    .object({ summary: z.string(), goals: z.array(z.string()) })
    .nullable()
    .describe('The personal development plan the centre closed the cheque with'),
  endedAt: instant.nullable(),
  ledger: z.object({
    accountId: z.string(),
    reserveTransactionId: z.string().nullable(),
    releaseTransactionId: z.string().nullable(),
  }),
  createdAt: instant,
});

export const voucherWithSessionsResponse = voucherResponse.extend({ sessions: z.array(sessionResponse) });

export const sessionRecordedResponse = z.object({
  session: sessionResponse,
  voucher: z.object({ code: z.string(), status: voucherResponse.shape.status, remainingHours: hoursSchema }),
});

export const disputeResponse = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  voucherCode: z.string().optional(),
  status: z.enum(['open', 'upheld', 'rejected']),
  reason: z.string(),
  note: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: instant.nullable(),
  createdAt: instant,
});

export const disputeOpenedResponse = disputeResponse.extend({ session: sessionResponse });

export const disputeResolvedResponse = disputeOpenedResponse.extend({
  correction: z.object({ id: z.string(), owed: z.object({ amount: decimalText, currency: z.string() }) }).nullable(),
  chequeReleased: z.boolean(),
});

export const disputePage = page(disputeResponse);

const ledgerTransactionResponse = z.object({
  id: z.uuid(),
  kind: z
    .string()
    .describe('reversal (the session), release (hours of an ended cheque back to the right) or clawback (owed by a settled centre)'),
  reversesId: z.uuid().nullable(),
  businessDate: calendarDate,
  createdAt: instant,
  entries: z.array(
    z.object({
      id: z.string(),
      accountId: z.uuid(),
      owner: z.object({ type: z.string(), id: z.string() }),
      unit: z.string().describe('HOUR or a currency'),
      amount: decimalText,
      balanceAfter: decimalText,
    }),
  ),
});

export const disputeDetailResponse = disputeResponse.extend({
  programme: z.string(),
  centreName: z.string().nullable(),
  session: sessionResponse,
  correction: z
    .object({ id: z.uuid(), owed: z.object({ amount: decimalText, currency: z.string() }), transactionId: z.uuid() })
    .nullable()
    .describe('What the centre owes back when the upheld session had been settled'),
  ledgerEffect: z
    .array(ledgerTransactionResponse)
    .describe('The ledger transactions the decision made, in the order posted: none while open or when rejected'),
});

/** A right with its balance, and how it is spent: its cheques, applications, credit lots or top-ups by kind. */
export const entitlementPage = page(
  entitlementResponse.extend({
    vouchers: z.array(voucherResponse).optional().describe('hours_voucher: its cheques'),
    applications: z.array(applicationResponse).optional().describe('The other kinds: the applications it paid for'),
    lots: z.array(lotResponse).optional().describe('credit_lots: its lots'),
    topUps: z.array(topUpResponse).optional().describe('accruing_account: the top-ups added by funders'),
  }),
);

export const entitlementLedgerPage = page(
  z.object({
    id: z.string(),
    transactionId: z.string(),
    kind: z.string(),
    reverses: z.string().nullable(),
    account: z.object({ type: z.enum(['entitlement', 'voucher']), voucherCode: z.string().optional() }),
    amount: decimalText,
    balanceAfter: decimalText,
    centre: z.object({ id: z.uuid() }).nullable(),
    businessDate: calendarDate,
    time: instant,
  }),
);
