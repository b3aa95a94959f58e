import { expect } from 'chai';
import { createActor, type Actor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { lbcCitizen } from '../support/voucher-factory.js';
import { buildMonitoringWorld, type MonitoringWorld } from './oversight-fixtures.js';

type Row = {
  centreId: string;
  centreName: string;
  hoursDelivered: { amount: string };
  sessions: number;
  disputedSessions: number;
  disputeShare: string | null;
  chequesClosed: number;
  averageHoursPerClosedCheque: { amount: string } | null;
  medianDaysToClose: number | null;
};

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** What a centre's row must say, computed from the records the world created. */
function expectedRow(world: MonitoringWorld, centreId: string, from: string, to: string) {
  const inPeriod = (date: string) => date >= from && date <= to;
  const sessions = world.sessions.filter((s) => s.centreId === centreId && inPeriod(s.date));
  const closed = world.closed.filter((c) => c.centreId === centreId && inPeriod(c.closedOn));
  const hours = sessions.reduce((sum, s) => sum + s.hours, 0);
  const disputed = sessions.filter((s) => s.disputed).length;
  return {
    hoursDelivered: hours.toFixed(2),
    sessions: sessions.length,
    disputedSessions: disputed,
    disputeShare: sessions.length ? (disputed / sessions.length).toFixed(4) : null,
    chequesClosed: closed.length,
    averageHoursPerClosedCheque: closed.length ? (closed.reduce((sum, c) => sum + c.hours, 0) / closed.length).toFixed(2) : null,
    medianDaysToClose: median(closed.map((c) => days(c.registeredOn, c.closedOn))),
  };
}

const shape = (row: Row) => ({
  hoursDelivered: row.hoursDelivered.amount,
  sessions: row.sessions,
  disputedSessions: row.disputedSessions,
  disputeShare: row.disputeShare,
  chequesClosed: row.chequesClosed,
  averageHoursPerClosedCheque: row.averageHoursPerClosedCheque?.amount ?? null,
  medianDaysToClose: row.medianDaysToClose,
});

describe('GET /v1/monitoring/centres: what each centre delivers', () => {
  let h: Harness;
  let world: MonitoringWorld;
  let auditor: Actor;
  const read = (query: Record<string, string | number>, actor: Actor = auditor) =>
    h.http
      .get('/v1/monitoring/centres')
      .query({ programme: world.programme.code, ...query })
      .set(actor.auth);

  before(async function () {
    this.timeout(120_000);
    h = harness();
    world = await buildMonitoringWorld(h);
    auditor = await createActor(h, 'auditor');
  });

  for (const [from, to] of [
    ['2026-03-01', '2026-03-31'],
    ['2026-03-03', '2026-03-31'],
    ['2026-03-13', '2026-03-31'],
  ] as const) {
    it(`when the period is ${from} to ${to}, then each centre's figures equal those computed from its sessions and closed cheques`, async () => {
      const res = await read({ from, to });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const rows = res.body.items as Row[];
      for (const centre of world.centres) {
        const expected = expectedRow(world, centre.id, from, to);
        const row = rows.find((candidate) => candidate.centreId === centre.id);
        if (expected.sessions === 0 && expected.chequesClosed === 0) expect(row, 'a centre with nothing in the period').to.equal(undefined);
        else expect(shape(row!)).to.deep.equal(expected);
      }
    });
  }

  it('when the first centre is read over March, then it delivered 5.5 hours in 5 sessions, 1 disputed, and closed 2 cheques after 2.25 hours and a median of 7.5 days', async () => {
    const rows = (await read({ from: '2026-03-01', to: '2026-03-31' })).body.items as Row[];
    const first = rows.find((row) => row.centreId === world.centres[0]!.id)!;
    expect(shape(first)).to.deep.equal({
      hoursDelivered: '5.50',
      sessions: 5,
      disputedSessions: 1,
      disputeShare: '0.2000',
      chequesClosed: 2,
      averageHoursPerClosedCheque: '2.25',
      medianDaysToClose: 7.5,
    });
  });

  it('when one centre is asked for a page, then the next page holds the other, by name', async () => {
    const first = await read({ from: '2026-03-01', to: '2026-03-31', limit: 1 });
    expect(first.body.items.map((row: Row) => row.centreId)).to.deep.equal([world.centres[0]!.id]);
    const second = await read({ from: '2026-03-01', to: '2026-03-31', limit: 1, cursor: first.body.nextCursor as string });
    expect(second.body.items.map((row: Row) => row.centreId)).to.deep.equal([world.centres[1]!.id]);
    expect(second.body.nextCursor).to.equal(null);
    expect((await read({ from: '2026-03-01', to: '2026-03-31', cursor: 'not-a-cursor' })).status).to.equal(400);
  });

  it('when the period is backwards or the programme unknown, then 400 or 404; a citizen or centre staff gets 403', async () => {
    expect((await read({ from: '2026-03-31', to: '2026-03-01' })).status).to.equal(400);
    expect((await read({ from: '2026-03-01', to: '2026-03-31', programme: 'QNOSUCHX' })).status).to.equal(404);
    const citizen = await lbcCitizen(h);
    expect((await read({ from: '2026-03-01', to: '2026-03-31' }, citizen.actor)).status).to.equal(403);
    expect((await read({ from: '2026-03-01', to: '2026-03-31' }, world.centres[0]!.staff)).status).to.equal(403);
    expect((await read({ from: '2026-03-01', to: '2026-03-31' }, world.programme.admin)).status).to.equal(200);
  });
});
