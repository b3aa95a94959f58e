// The outcome an ITA claim's Idempotency-Key holds, read in either shape it was stored in: named
// (result or refusal), or from before outcomes were named, when the status was stored beside it.
import { expect } from 'chai';
import { claimOutcomeOf } from '../../server/applications/application-claim.js';

const decision = (...codes: string[]) => ({ decisionId: 'd', eligible: false, reasons: codes.map((code) => ({ code })) });

describe('ITA claim outcomes as stored', () => {
  it('when an outcome names its refusal, then it is read as it is', () => {
    const stored = { refusal: 'not_eligible', decision: decision('budget_exhausted') };
    expect(claimOutcomeOf(stored)).to.deep.equal(stored);
  });

  it('when an unnamed outcome holds an application, then the citizen applied', () => {
    const stored = { decision: { ...decision(), eligible: true }, application: { id: 'a' }, accountPeriod: { start: 's', end: 'e' } };
    expect(claimOutcomeOf(stored)).to.deep.equal({ ...stored, result: 'applied' });
  });

  it('when an unnamed outcome holds no application, then only money missing is budget_exhausted, anything else not_eligible', () => {
    expect(claimOutcomeOf({ decision: decision('budget_exhausted') })).to.include({ refusal: 'budget_exhausted' });
    expect(claimOutcomeOf({ decision: decision('budget_exhausted', 'employment_status') })).to.include({ refusal: 'not_eligible' });
  });
});
