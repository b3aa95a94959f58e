import { expect } from 'chai';
import { harness } from '../support/harness.js';
import { createCitizen } from '../support/citizen-factory.js';
import { streamCitizenFacts } from '../../server/citizens/citizen-store.js';
import { findCitizen } from '../../server/citizens/citizens.js';

describe('reading citizens for eligibility and simulations', () => {
  // The root hooks put the clock back after each test.
  beforeEach(() => harness().clock.set('2026-11-22T10:00:00Z'));

  it('when a citizen exists, then findCitizen gives the stored facts and their recorded dates', async () => {
    const h = harness();
    const facts = {
      residenceCountry: 'GB',
      residenceRegion: 'SCT',
      annualIncome: { amount: 18000, currency: 'GBP', year: 2025, evidenceDate: '2026-10-22' },
      benefits: ['UC'],
    };
    const created = await createCitizen(h, { facts, scheme: 'UK_NINO', name: 'Isla Learner' });
    const citizen = await findCitizen(h.sequelize, created.id);
    expect(citizen).to.deep.equal({
      id: created.id,
      userId: created.actor.principal.userId,
      name: 'Isla Learner',
      nationalId: created.nationalId,
      scheme: 'UK_NINO',
      facts: { ...facts, annualIncome: { ...facts.annualIncome, amount: '18000.00' } },
      factsRecordedOn: {
        residenceCountry: '2026-11-22',
        residenceRegion: '2026-11-22',
        annualIncome: '2026-11-22',
        benefits: '2026-11-22',
      },
    });
  });

  it('when the id is unknown, then findCitizen gives undefined', async () => {
    expect(await findCitizen(harness().sequelize, '00000000-0000-4000-8000-000000000000')).to.equal(undefined);
  });

  it('when streaming facts in batches, then batches follow each other in id order and end with an empty one', async () => {
    const h = harness();
    const mine = new Set(
      (await Promise.all([1, 2, 3, 4, 5].map(() => createCitizen(h, { facts: { workExperienceDays: 2555 } })))).map((c) => c.id),
    );
    const seen: string[] = [];
    let afterId: string | undefined;
    for (;;) {
      const batch = await streamCitizenFacts(h.sequelize, { afterId, limit: 1000 });
      if (batch.length === 0) break;
      expect(batch.length).to.be.at.most(1000);
      for (const row of batch) {
        expect(row).to.have.keys('id', 'facts', 'factsRecordedOn');
        if (mine.has(row.id)) expect(row.facts).to.deep.equal({ workExperienceDays: 2555 });
      }
      seen.push(...batch.map((row) => row.id));
      afterId = batch[batch.length - 1]!.id;
    }
    expect(new Set(seen).size).to.equal(seen.length);
    expect(seen).to.deep.equal([...seen].sort());
    for (const id of mine) expect(seen).to.include(id);
    const small = await streamCitizenFacts(h.sequelize, { limit: 2 });
    expect(small).to.have.length(2);
    expect(small.map((row) => row.id)).to.deep.equal(seen.slice(0, 2));
  });
});
