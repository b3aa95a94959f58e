import { expect } from 'chai';
import { createActor, type Actor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { lbcCitizen } from '../support/voucher-factory.js';
import { buildReachWorld, expectedCount, PERIOD, type ReachWorld } from './oversight-fixtures.js';

type Shown = { count: number | null; suppressed: 'small' | 'complementary' | null };
type Report = {
  totals: Record<'eligible' | 'claimed' | 'used', Shown>;
  dimensions: {
    dimension: 'sex' | 'ageBand' | 'education' | 'region';
    rows: ({ category: string } & Record<'eligible' | 'claimed' | 'used', Shown>)[];
  }[];
};

const MEASURES = ['eligible', 'claimed', 'used'] as const;

describe('GET /v1/programmes/:code/reach: who a programme reaches', () => {
  let h: Harness;
  let world: ReachWorld;
  let auditor: Actor;
  let report: Report;
  const cell = (dimension: string, category: string, measure: (typeof MEASURES)[number]) =>
    report.dimensions.find((d) => d.dimension === dimension)!.rows.find((row) => row.category === category)![measure];

  before(async function () {
    this.timeout(120_000);
    h = harness();
    world = await buildReachWorld(h);
    auditor = await createActor(h, 'auditor');
    const res = await h.http.get(`/v1/programmes/${world.programme.code}/reach`).query(PERIOD).set(auditor.auth);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    report = res.body as Report;
  });

  it('when the counts are read, then every count shown equals the one computed from the records, and every withheld one is small or hidden beside a small one', () => {
    for (const { dimension, rows } of report.dimensions) {
      for (const row of rows) {
        for (const measure of MEASURES) {
          const expected = expectedCount(world.people, dimension, row.category, measure);
          const shown = row[measure];
          if (shown.suppressed === null) expect(shown.count, `${dimension}/${row.category}/${measure}`).to.equal(expected);
          else if (shown.suppressed === 'small') expect(expected, `${dimension}/${row.category}/${measure}`).to.be.below(10);
          else expect(expected, `${dimension}/${row.category}/${measure}`).to.be.at.least(10);
        }
      }
    }
    const eligible = world.people.filter((person) => person.eligible);
    expect(report.totals.eligible).to.deep.equal({ count: eligible.length, suppressed: null });
    expect(report.totals.claimed).to.deep.equal({ count: eligible.filter((person) => person.claimed).length, suppressed: null });
  });

  it('when a group holds 10 people, then it is shown; when it holds 9, then it reads "fewer than 10" and the smallest shown group beside it is hidden', () => {
    expect(cell('sex', 'female', 'eligible')).to.deep.equal({ count: 10, suppressed: null });
    expect(cell('ageBand', '35to44', 'eligible')).to.deep.equal({ count: 10, suppressed: null });
    expect(cell('region', 'BRU', 'eligible')).to.deep.equal({ count: null, suppressed: 'small' });
    // Flanders (20) is the only other group of 10 or more: with the total (29) it would give Brussels back.
    expect(cell('region', 'VLG', 'eligible')).to.deep.equal({ count: null, suppressed: 'complementary' });
    // The refused citizen and the one eligible only before the period are not in the population.
    expect(cell('sex', 'other', 'eligible')).to.deep.equal({ count: null, suppressed: 'small' });
    expect(cell('sex', 'male', 'eligible')).to.deep.equal({ count: 19, suppressed: null });
    // 2 used: fewer than 10 everywhere, and no group of 10 or more to hide beside them.
    expect(report.totals.used).to.deep.equal({ count: null, suppressed: 'small' });
  });

  it('when the period ends before it starts, is not a date, or the programme is unknown, then 400 or 404 naming the problem', async () => {
    const backwards = await h.http
      .get(`/v1/programmes/${world.programme.code}/reach`)
      .query({ from: '2026-12-31', to: '2026-01-01' })
      .set(auditor.auth);
    expect(backwards.status).to.equal(400);
    expect(backwards.body.errors).to.deep.equal([{ path: '/query/to', message: 'must be on or after from' }]);
    const tooLong = await h.http
      .get(`/v1/programmes/${world.programme.code}/reach`)
      .query({ from: '2000-01-01', to: '2026-01-01' })
      .set(auditor.auth);
    expect(tooLong.status).to.equal(400);
    const notADate = await h.http
      .get(`/v1/programmes/${world.programme.code}/reach`)
      .query({ from: '2026-02-30', to: '2026-03-01' })
      .set(auditor.auth);
    expect(notADate.status).to.equal(400);
    expect(notADate.body.errors[0].path).to.equal('/query/from');
    const unknown = await h.http.get('/v1/programmes/QNOSUCHX/reach').query(PERIOD).set(auditor.auth);
    expect(unknown.status).to.equal(404);
  });

  it('when a citizen or centre staff asks, then 403; an administrator reads it as the auditor does', async () => {
    const citizen = await lbcCitizen(h);
    const path = `/v1/programmes/${world.programme.code}/reach`;
    expect((await h.http.get(path).query(PERIOD).set(citizen.actor.auth)).status).to.equal(403);
    expect((await h.http.get(path).query(PERIOD).set(world.centre.staff.auth)).status).to.equal(403);
    const admin = await h.http.get(path).query(PERIOD).set(world.programme.admin.auth);
    expect(admin.status).to.equal(200);
    expect(admin.body).to.deep.equal(report);
  });
});
