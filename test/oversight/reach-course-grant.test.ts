import { expect } from 'chai';
import { createActor, idempotencyKey } from '../support/actors.js';
import { harness } from '../support/harness.js';
import { openItaLike } from '../support/reference-like-programmes.js';
import { claimOn, providerOf } from '../applications/course-grant-fixtures.js';
import { claimFunding, itaCitizen, setToday, verify } from '../applications/ita-fixtures.js';

type Shown = { count: number | null; suppressed: string | null };
type Report = {
  totals: Record<'eligible' | 'claimed' | 'used', Shown>;
  dimensions: { dimension: string; rows: ({ category: string } & Record<string, Shown>)[] }[];
};

describe('Reach of a course grant programme: claims are applications, use is the provider claiming the course', () => {
  it('when 11 citizens apply for a course and the provider claims 10 of them, then all 11 are eligible and claimed and 10 used', async function () {
    this.timeout(120_000);
    const h = harness();
    setToday(h, '2026-04-01');
    const programme = await openItaLike(h);
    const { provider, course } = await providerOf(h, programme, '120.00', 'GBP');
    const references: string[] = [];
    for (let index = 0; index < 11; index++) {
      const citizen = await itaCitizen(h, { sex: 'female', highestQualification: 2 });
      const claimed = await claimOn(h, programme.code, citizen.actor, course.id, idempotencyKey());
      expect(claimed.status, JSON.stringify(claimed.body)).to.equal(201);
      references.push((claimed.body as { reference: string }).reference);
    }
    for (const reference of references.slice(0, 10)) {
      await verify(h, provider.staff, provider.id, reference).expect(200);
      await claimFunding(h, provider.staff, provider.id, reference, '2026-04-01').expect(200);
    }
    const auditor = await createActor(h, 'auditor');
    const res = await h.http
      .get(`/v1/programmes/${programme.code}/reach`)
      .query({ from: '2026-04-01', to: '2026-04-30' })
      .set(auditor.auth);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const report = res.body as Report;
    expect(report.totals).to.deep.equal({
      eligible: { count: 11, suppressed: null },
      claimed: { count: 11, suppressed: null },
      used: { count: 10, suppressed: null },
    });
    const low = report.dimensions.find((d) => d.dimension === 'education')!.rows.find((row) => row.category === 'low')!;
    expect(low.used).to.deep.equal({ count: 10, suppressed: null });
    // Nothing before the applications: a period of March has nobody.
    const march = await h.http
      .get(`/v1/programmes/${programme.code}/reach`)
      .query({ from: '2026-03-01', to: '2026-03-31' })
      .set(auditor.auth);
    expect(march.body.totals.eligible).to.deep.equal({ count: null, suppressed: 'small' });
  });
});
