import { expect } from 'chai';
import { citizenFactsSchema } from '../../server/citizens/citizen-facts.js';
import { recordFacts } from '../../server/citizens/facts-recording.js';

describe('recording when each fact was learnt', () => {
  const facts = (input: Record<string, unknown>) => citizenFactsSchema.parse(input);

  it('when there is nothing before, then every given fact is dated today', () => {
    expect(recordFacts(undefined, facts({ birthDate: '1990-01-01', residenceRegion: null }), '2026-01-02')).to.deep.equal({
      birthDate: '2026-01-02',
      residenceRegion: '2026-01-02',
    });
  });

  it('when a value is the same (even typed differently), then the old date stays; when it changed, then today', () => {
    const before = {
      facts: facts({
        annualIncome: { amount: '100.00', currency: 'EUR', year: 2025, evidenceDate: '2026-01-01' },
        benefits: ['UC', 'JSA'],
        residenceRegion: null,
      }),
      recordedOn: { annualIncome: '2026-01-05', benefits: '2026-01-05', residenceRegion: '2026-01-05' },
    };
    const next = facts({
      annualIncome: { amount: 100, currency: 'EUR', year: 2025, evidenceDate: '2026-01-01' },
      benefits: ['JSA', 'UC'],
      residenceRegion: 'VLG',
    });
    expect(recordFacts(before, next, '2026-02-01')).to.deep.equal({
      annualIncome: '2026-01-05',
      benefits: '2026-01-05',
      residenceRegion: '2026-02-01',
    });
  });

  it('when a fact is dropped, then its date goes too', () => {
    const before = { facts: facts({ workExperienceDays: 10 }), recordedOn: { workExperienceDays: '2026-01-05' } };
    expect(recordFacts(before, facts({}), '2026-02-01')).to.deep.equal({});
  });
});
