// What a claim answers, as documented in /openapi.json: always the eligibility decision, with what
// the programme's kind granted (claim-flows.ts): an hours right, a course grant application, credit
// lots drawn for a course, or a learning account. A course grant entered into a draw answers 202.
import { z } from 'zod';
import { decisionResponse } from '../eligibility/eligibility.js';

export const claimResponse = z
  .looseObject({ decision: decisionResponse })
  .describe(
    "The decision, with the programme kind's grant: hours_voucher the right (id, balance ...); course_grant the application (reference, fundedAmount ...) and accountPeriod; credit_lots the application with its draws and lotsGranted; accruing_account { account, application }",
  );

export const claimEnteredResponse = z
  .looseObject({ decision: decisionResponse, accountPeriod: z.looseObject({}) })
  .describe('A course grant claim entered into a window draw (its entry); the draw decides the application');
