// Claims as the other components see them: the claim of a programme's right, dispatched on the
// programme's kind to the component that grants it (entitlements for an hours voucher,
// applications for a course grant, ...). Its route is claim-routes.ts. No component below
// depends on this one: it only calls the flows.
export { claimFlows, claimRight, type ClaimBody, type ClaimFlow, type ClaimRequest } from './claim-flows.js';
/** What a claim on a course would fund and what the learner would pay, by the claim's own terms, before it is made. */
export { quoteClaim, type ClaimQuote, type QuoteRequest } from './claim-quote.js';
