// What a claim answers, as documented in /openapi.json: always the eligibility decision, with what
// the programme's kind granted (claim-flows.ts). One schema per kind, so a generated client reads
// each answer as what it is; the tests check every answer they receive against the one it matches.
import { z } from 'zod';
import { accountResponse } from '../accounts/accounts.js';
import { applicationResponse } from '../applications/applications.js';
import { lotDrawResponse } from '../credit-lots/credit-lots.js';
import { decisionResponse } from '../eligibility/eligibility.js';
import { entitlementResponse } from '../entitlements/entitlements.js';
import { calendarDate, moneySchema } from '../http/response-schemas.js';

/** The account year a course grant's application (or entry) counts against. */
const accountPeriod = z.object({ start: calendarDate, end: calendarDate });

const hoursVoucherClaim = entitlementResponse
  .extend({ committed: moneySchema.describe("The programme's money committed to the hours"), decision: decisionResponse })
  .describe('hours_voucher: the right granted');

const courseGrantClaim = applicationResponse
  .extend({ accountPeriod, decision: decisionResponse })
  .describe('course_grant: the application, funded and waiting for the provider to verify it');

const creditLotsClaim = applicationResponse
  .extend({
    draws: z.array(lotDrawResponse).describe('What each lot gave, in the order they were spent'),
    lotsGranted: z.array(z.string()).describe('Lots granted on the way (due by age or by campaign)'),
    decision: decisionResponse,
  })
  .describe('credit_lots: the application paid from the citizen’s lots');

const accruingAccountClaim = z
  .object({
    account: accountResponse,
    application: applicationResponse.nullable().describe('The course the claim spent the account on, when it named one'),
    decision: decisionResponse,
  })
  .describe('accruing_account: the account, opened or found, and the application');

export const claimResponse = z
  .union([hoursVoucherClaim, courseGrantClaim, creditLotsClaim, accruingAccountClaim])
  .describe("The decision, with what the programme's kind granted");

export const claimEnteredResponse = z
  .object({
    id: z.uuid(),
    window: z.string(),
    status: z.literal('entered'),
    course: z.object({ id: z.uuid(), title: z.string(), centreId: z.uuid(), centreName: z.string() }),
    accountYear: z.number().int().nullable(),
    coursePrice: moneySchema,
    fundedAmount: moneySchema,
    learnerPart: moneySchema,
    enteredOn: calendarDate,
    windowClosesOn: calendarDate,
    accountPeriod,
    decision: decisionResponse,
  })
  .describe('A course grant claim entered into a window draw (its entry); the draw decides the application');
