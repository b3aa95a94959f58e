import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { createActor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { harness, type Harness } from '../support/harness.js';
import {
  CLAIM_DAYS,
  dashboardHistory,
  FUNDING,
  OPENED_ON,
  PLACES_TARGET,
  TODAY,
  upTo,
  type DashboardHistory,
} from './dashboard-fixture.js';

type Money = { amount: string; currency: string };
type Step = { from: string; to: string; funded: Money; committed: Money; paid: Money; left: Money };

describe('GET /v1/programmes/:code/dashboard: a programme dashboard computed from the ledger and the records', () => {
  let h: Harness;
  let history: DashboardHistory;
  const get = async (role: 'admin' | 'auditor' | 'citizen', path: string) => h.http.get(path).set((await createActor(h, role)).auth);

  before(async () => {
    h = harness();
    history = await dashboardHistory(h);
  });
  after(() => h.clock.set(new Date()));

  it('when claims, cheques registered and closed and a payment happened, then each month shows the budget funded, committed, paid and left at its end', async () => {
    h.clock.set(`${TODAY}T09:00:00Z`);
    const res = await get('admin', `/v1/programmes/${history.code}/dashboard?from=2091-01-01&to=2091-03-31`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const funded = new Decimal(FUNDING);
    const steps = (res.body.budgetSteps as Step[]).map((step) => ({
      to: step.to,
      funded: step.funded.amount,
      committed: step.committed.amount,
      paid: step.paid.amount,
      left: step.left.amount,
    }));
    expect(steps).to.deep.equal(
      ['2091-01-31', '2091-02-28', '2091-03-31'].map((to) => {
        const committed = upTo(history.grants, to);
        return {
          to,
          funded: funded.toFixed(2),
          committed: committed.toFixed(2),
          paid: upTo(history.paid, to).toFixed(2),
          left: funded.minus(committed).toFixed(2),
        };
      }),
    );
    expect(res.body.period).to.deep.equal({ from: '2091-01-01', to: '2091-03-31', interval: 'month' });
    const committedNow = upTo(history.grants, TODAY);
    expect(res.body.budget.left).to.deep.equal({ amount: funded.minus(committedNow).toFixed(2), currency: 'EUR' });
    expect(res.body.budget.leftShare).to.equal(funded.minus(committedNow).times(100).dividedBy(funded).toFixed(1, Decimal.ROUND_DOWN));
  });

  it('then its claims per day count every claim of each day, with zero on the days without', async () => {
    h.clock.set(`${TODAY}T09:00:00Z`);
    const res = await get('auditor', `/v1/programmes/${history.code}/dashboard?from=${OPENED_ON}&to=2091-02-28&interval=week`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const days = res.body.claimsPerDay as { day: string; claims: number }[];
    expect(days[0]!.day).to.equal(OPENED_ON);
    expect(days.at(-1)!.day).to.equal('2091-02-28');
    expect(days.filter((day) => day.claims > 0)).to.deep.equal(Object.entries(CLAIM_DAYS).map(([day, claims]) => ({ day, claims })));
    const weeks = res.body.budgetSteps as Step[];
    expect(weeks[0]).to.include({ from: OPENED_ON, to: '2091-01-21' });
    expect(weeks.at(-1)!.to).to.equal('2091-02-28');
  });

  it('then the funnel counts of the claims of the period how many reached their first use and their close, with their shares', async () => {
    h.clock.set(`${TODAY}T09:00:00Z`);
    const res = await get('admin', `/v1/programmes/${history.code}/dashboard?from=2091-01-01&to=2091-03-31`);
    const claimed = Object.values(CLAIM_DAYS).reduce((sum, claims) => sum + claims, 0);
    expect(res.body.funnel).to.deep.equal({
      kind: 'hours_voucher',
      claimed,
      used: history.used,
      closed: history.closed,
      usedShare: new Decimal(history.used * 100).dividedBy(claimed).toFixed(1),
      closedShare: new Decimal(history.closed * 100).dividedBy(claimed).toFixed(1),
    });
    // A period after the claims holds none of them.
    const later = await get('admin', `/v1/programmes/${history.code}/dashboard?from=2091-02-04&to=2091-03-31`);
    expect(later.body.funnel).to.include({ claimed: 0, used: 0, closed: 0, usedShare: null, closedShare: null });
  });

  it('then the places left are the target minus the rights granted, and the alerts say which thresholds the budget has reached', async () => {
    h.clock.set(`${TODAY}T09:00:00Z`);
    const res = await get('admin', `/v1/programmes/${history.code}/dashboard`);
    expect(res.body.places).to.deep.equal({ target: PLACES_TARGET, left: PLACES_TARGET - history.grants.length, closingDate: null });
    expect(res.body.windows).to.deep.equal([]);
    const funded = new Decimal(FUNDING);
    const committed = upTo(history.grants, TODAY);
    const alerts = res.body.alerts as { committedShare: number; leftBelowShare: number; reached: boolean; announcedAt: string | null }[];
    expect(alerts.map((alert) => alert.committedShare)).to.deep.equal([80, 95]);
    for (const alert of alerts) {
      expect(alert.leftBelowShare).to.equal(100 - alert.committedShare);
      expect(alert.reached).to.equal(committed.times(100).gte(funded.times(alert.committedShare)));
      expect(alert.announcedAt === null).to.equal(!alert.reached);
    }
  });

  it('when no period is asked, then it is the twelve months up to today, by month', async () => {
    h.clock.set(`${TODAY}T09:00:00Z`);
    const res = await get('auditor', `/v1/programmes/${history.code}/dashboard`);
    expect(res.body.period).to.deep.equal({ from: '2090-03-11', to: TODAY, interval: 'month' });
    expect(res.body.budgetSteps).to.have.length(13);
    expect(res.body.claimsPerDay).to.have.length(365);
  });

  it('when the period is not one, then 400 names the field; an unknown programme is 404; a citizen or a centre is refused', async () => {
    const base = `/v1/programmes/${history.code}/dashboard`;
    for (const [query, pointer] of [
      ['from=2091-03-01&to=2091-02-01', '/query/from'],
      ['from=2088-01-01&to=2091-02-01', '/query/from'],
      ['from=2091-02-30', '/query/from'],
      ['to=yesterday', '/query/to'],
      ['interval=day', '/query/interval'],
    ] as const) {
      const res = await get('admin', `${base}?${query}`);
      expect(res.status, query).to.equal(400);
      expect(res.body.code).to.equal('validation_failed');
      expect(res.body.errors.map((error: { path: string }) => error.path)).to.deep.equal([pointer]);
    }
    const unknown = await get('admin', '/v1/programmes/QZZZZZZZ/dashboard');
    expect(unknown.status).to.equal(404);
    expect((await get('citizen', base)).status).to.equal(403);
    const centre = await createCentre(h, { programme: history.code });
    expect((await h.http.get(base).set(centre.staff.auth)).status).to.equal(403);
  });
});
