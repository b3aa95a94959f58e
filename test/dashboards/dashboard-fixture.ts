// A programme of the test's own with a history the dashboard tests know by heart, made through
// the API: an hours voucher programme like LBC at EUR 100.00 an hour (a right commits 7 hours,
// EUR 700.00), funded on its first day, 3 claims on one day and 2 on another, 2 cheques
// registered at a centre, one of them used for its 4 hours, closed, settled and paid. What the
// dashboard must show is counted here from what the fixture itself did, not read back.
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { createActor, idempotencyKey, type Actor } from '../support/actors.js';
import { payStatementWithFourEyes } from '../support/approvals.js';
import type { Harness } from '../support/harness.js';
import {
  closeCheque,
  guidance,
  lbcCitizen,
  openVoucherProgramme,
  order,
  payAsAdmin,
  recordSession,
  register,
  setToday,
} from '../support/voucher-factory.js';

export const HOURLY_FEE = '100.000';
export const FUNDING = '3600.00';
export const PLACES_TARGET = 100;
export const OPENED_ON = '2091-01-15';
/** The claims of each day. */
export const CLAIM_DAYS: Readonly<Record<string, number>> = { '2091-01-20': 3, '2091-02-03': 2 };
export const SESSION_HOURS = ['2.00', '2.00'];
export const PAID_ON = '2091-03-02';
export const TODAY = '2091-03-10';

export type DashboardHistory = {
  code: string;
  admin: Actor;
  /** Dates of the budget's moves with their amounts (positive funds in, negative commits, paid out). */
  grants: { day: string; amount: Decimal }[];
  paid: { day: string; amount: Decimal }[];
  used: number;
  closed: number;
};

export async function dashboardHistory(h: Harness): Promise<DashboardHistory> {
  const programme = await openVoucherProgramme(h, OPENED_ON, {
    values: { hourlyFee: HOURLY_FEE, placesTarget: PLACES_TARGET },
    budget: FUNDING,
  });
  const { code, admin } = programme;
  const perRight = new Decimal(HOURLY_FEE).times(7).toDecimalPlaces(2);
  const grants: DashboardHistory['grants'] = [];
  const rights: { citizen: Actor; id: string }[] = [];
  for (const [day, claims] of Object.entries(CLAIM_DAYS)) {
    setToday(h, day);
    for (let i = 0; i < claims; i += 1) {
      const citizen = await lbcCitizen(h);
      rights.push({ citizen: citizen.actor, id: (await programme.grant(citizen.actor)).id });
      grants.push({ day, amount: perRight });
    }
  }

  // Two rights see a cheque registered at a centre (their first use); the first one's 4 hours are
  // used in two sessions, and it is closed with a development plan.
  setToday(h, '2091-02-10');
  const centre = await programme.centre();
  const cheques = [];
  for (const right of rights.slice(0, 2)) {
    const cheque = await order(h, right.citizen, right.id);
    expect((await payAsAdmin(h, admin, cheque.code)).status).to.equal(200);
    expect((await register(h, centre, cheque.code, cheque.clientNumber)).status).to.equal(200);
    cheques.push(cheque);
  }
  const used = cheques[0]!;
  setToday(h, '2091-02-11');
  for (const [i, hours] of SESSION_HOURS.entries()) {
    const recorded = await recordSession(h, centre, used.code, guidance(`2091-02-1${i}`, hours));
    expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
  }
  setToday(h, '2091-02-12');
  const closed = await closeCheque(h, centre, used.code);
  expect(closed.status, JSON.stringify(closed.body)).to.equal(200);

  setToday(h, PAID_ON);
  const settled = await h.http
    .post('/v1/settlements')
    .set(admin.auth)
    .set('Idempotency-Key', idempotencyKey())
    .send({ programme: code, periodEnd: PAID_ON });
  expect(settled.status, JSON.stringify(settled.body)).to.equal(201);
  const statement = (settled.body.statements as { id: string; centreId: string }[]).find((s) => s.centreId === centre.id)!;
  await payStatementWithFourEyes(h, admin.auth, (await createActor(h, 'admin')).auth, statement.id);
  const earned = SESSION_HOURS.reduce((sum, hours) => sum.plus(new Decimal(HOURLY_FEE).times(hours).toDecimalPlaces(2)), new Decimal(0));
  setToday(h, TODAY);
  return { code, admin, grants, paid: [{ day: PAID_ON, amount: earned }], used: 2, closed: 1 };
}

/** The sum of `moves` dated on or before `day`. */
export const upTo = (moves: readonly { day: string; amount: Decimal }[], day: string) =>
  moves.filter((move) => move.day <= day).reduce((sum, move) => sum.plus(move.amount), new Decimal(0));
