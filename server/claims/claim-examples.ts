// The document's examples of POST /v1/programmes/{code}/claims, one per kind of programme (the
// body and the answer differ by kind) and the 202 of a claim entered into a draw. The test of the
// examples checks each against the schema of its status.
import type { RouteExample } from '../http/route.js';

const CITIZEN = '5f0c6d3e-8a41-4c55-9d7b-2f4e1a9b3c60';
const RIGHT = '9d2f6b1e-5a4c-4e3b-8f7a-6c5d4e3f2a1b';
const COURSE = '2c9e4b71-8d3a-4f5e-b6a0-7e1d9c3b5f24';
const PROVIDER = '0b7e3f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

const decision = (programme: string, referenceDate: string) => ({
  eligible: true,
  programme,
  referenceDate,
  ruleSet: { id: '0b7e3f52-6c1d-4a8e-9f20-7d5c4b3a2e11', version: 3 },
  reasons: [],
  nextEligibleOn: null,
  decisionId: '7e1a3c5b-9d2f-4a68-b0c4-3f5e7a9c1b82',
  citizenId: CITIZEN,
  createdAt: `${referenceDate}T17:58:40.102Z`,
});

const money = (amount: string, currency: string) => ({ amount, currency });

/** A new application as a course grant, credit-lots or account claim makes it: price = funded + learner's part. */
const application = (reference: string, amounts: { price: string; funded: string; learner: string; currency: string }) => ({
  reference,
  status: 'pending_verification',
  applicant: { name: 'An Peeters' },
  course: { id: COURSE, title: 'Warehouse planning with SAP', qualification: 'Certificate', price: money(amounts.price, amounts.currency) },
  provider: { id: PROVIDER, name: 'Leerhuis Gent' },
  fundedAmount: money(amounts.funded, amounts.currency),
  learnerPart: money(amounts.learner, amounts.currency),
  accountYear: 2026,
  entitlementId: RIGHT,
  appliedOn: '2026-03-02',
  verifyBy: '2026-03-16',
  verifiedAt: null,
  claim: null,
  closedAt: null,
  refusal: null,
  createdAt: '2026-03-02T18:41:09.000Z',
});

export const CLAIM_EXAMPLES: readonly RouteExample[] = [
  {
    name: 'hoursVoucher',
    summary: 'hours_voucher (LBC): the body is {}; the right of 7 hours is granted and its money committed',
    request: {},
    response: {
      id: RIGHT,
      programme: 'LBC',
      periodStart: '2026-02-24',
      periodEnd: '2032-02-23',
      status: 'active',
      decisionId: '7e1a3c5b-9d2f-4a68-b0c4-3f5e7a9c1b82',
      grantTransactionId: '4402',
      balance: { granted: '7.00', reserved: '0.00', used: '0.00', available: '7.00', unit: 'HOUR' },
      committed: money('981.79', 'EUR'),
      decision: decision('LBC', '2026-02-24'),
    },
  },
  {
    name: 'courseGrant',
    summary: "course_grant (ITA): the body names the course; the application is funded up to the year's GBP 200",
    request: { courseId: COURSE },
    response: {
      ...application('ITA-4821730956', { price: '1200.00', funded: '200.00', learner: '1000.00', currency: 'GBP' }),
      accountPeriod: { start: '2026-01-01', end: '2026-12-31' },
      decision: decision('ITA', '2026-03-02'),
    },
  },
  {
    name: 'creditLots',
    summary: 'credit_lots (SkillsFuture-like): the course is paid from the lots that may pay for it, the soonest to end first',
    request: { courseId: COURSE },
    response: {
      ...application('SFC-7Q3M9K2X4P', { price: '900.00', funded: '900.00', learner: '0.00', currency: 'SGD' }),
      draws: [
        { lot: 'mid-career', amount: money('400.00', 'SGD') },
        { lot: 'base', amount: money('500.00', 'SGD') },
      ],
      lotsGranted: ['mid-career'],
      decision: decision('SFC', '2026-03-02'),
    },
  },
  {
    name: 'accruingAccount',
    summary: 'accruing_account (CPF-like): the body may name a course to spend the account on, or be {} to open it',
    request: { courseId: COURSE },
    response: {
      account: {
        entitlementId: RIGHT,
        programme: 'CPA',
        openedOn: '2025-01-01',
        balance: { accrued: '1000.00', reserved: '700.00', used: '0.00', available: '300.00', currency: 'EUR' },
        topUps: [],
      },
      application: application('CPA-2H8N4V6R1T', { price: '700.00', funded: '700.00', learner: '0.00', currency: 'EUR' }),
      decision: decision('CPA', '2026-03-02'),
    },
  },
  {
    name: 'enteredIntoDraw',
    summary: 'course_grant with a lottery window: 202, the claim is an entry, and the draw after the window decides',
    status: 202,
    request: { courseId: COURSE },
    response: {
      id: '3a6f1c2e-9b4d-4e7a-8c5f-1d2e3f4a5b6c',
      window: 'spring-2026',
      status: 'entered',
      course: { id: COURSE, title: 'Warehouse planning with SAP', centreId: PROVIDER, centreName: 'Leerhuis Gent' },
      accountYear: 2026,
      coursePrice: money('1200.00', 'EUR'),
      fundedAmount: money('1000.00', 'EUR'),
      learnerPart: money('200.00', 'EUR'),
      enteredOn: '2026-03-02',
      windowClosesOn: '2026-03-15',
      accountPeriod: { start: '2026-01-01', end: '2026-12-31' },
      decision: decision('STP', '2026-03-02'),
    },
  },
];
