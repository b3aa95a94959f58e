// Staff act for their own centre only. The rule is declared on each route (`centreParam`) and
// enforced once by the router; these tests find the centre-scoped routes from the route table,
// so a new one is covered the day it is added.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { allRoutes } from '../../server/routes.js';
import { idempotencyKey, type Actor } from '../support/actors.js';
import { createCentre, type TestCentre } from '../support/centre-factory.js';
import { harness, type Harness } from '../support/harness.js';
import { samplePath, SAMPLE_ID } from '../support/route-samples.js';
import { adminActor, chequeInUse, expectLedgerVerified, fundLbc, guidance, setToday } from '../support/voucher-factory.js';

/** The path parameter that follows `/centres/`, when the route acts on one centre. */
const centreParamOf = (path: string) => /\/centres\/:(\w+)/.exec(path)?.[1];
/** Routes that centre staff may call on one centre: the ones the router must hold to the caller's own. */
const staffScoped = allRoutes.filter(
  (route) => route.auth !== 'public' && route.auth.includes('centre') && centreParamOf(route.path) !== undefined,
);

describe('centre scope: staff reach their own centre only', () => {
  let h: Harness;
  let centreA: TestCentre;
  let centreB: TestCentre;

  before(async () => {
    h = harness();
    centreA = await createCentre(h, { programme: 'LBC' });
    centreB = await createCentre(h, { programme: 'LBC' });
  });

  it('when staff may call a route with a centre in its path, then it declares that parameter as its centreParam', () => {
    expect(staffScoped.length).to.be.greaterThan(0);
    const undeclared = staffScoped
      .filter((route) => route.centreParam !== centreParamOf(route.path))
      .map((route) => `${route.method} ${route.path}`);
    expect(undeclared).to.deep.equal([]);
  });

  for (const route of staffScoped) {
    it(`when centre B's staff call ${route.method.toUpperCase()} ${route.path} with centre A's id, then 404 as for an unknown centre`, async () => {
      const call = (centreId: string, actor: Actor) =>
        h.http[route.method](samplePath(route.path, { [route.centreParam ?? '']: centreId }))
          .set(actor.auth)
          .set('Idempotency-Key', idempotencyKey())
          .send({});
      const other = await call(centreA.id, centreB.staff);
      const unknown = await call(SAMPLE_ID, centreB.staff);
      expect([other.status, other.body.code, other.body.detail]).to.deep.equal([404, 'not_found', 'Centre was not found.']);
      expect(other.body.detail).to.equal(unknown.body.detail);
    });
  }
});

describe('centre scope on a real cheque', () => {
  let h: Harness;
  let admin: Actor;

  before(async () => {
    h = harness();
    setToday(h, '2026-12-01');
    await fundLbc(h);
    admin = await adminActor(h);
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-12-01'));
  afterEach(() => expectLedgerVerified(h));

  it("when centre B's staff record a session under centre A's URL on A's cheque, then 404 and no session is written", async () => {
    const { cheque, centre } = await chequeInUse(h, admin);
    const intruder = await createCentre(h, { programme: 'LBC' });
    const res = await h.http
      .post(`/v1/centres/${centre.id}/vouchers/${cheque.code}/sessions`)
      .set(intruder.staff.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send(guidance('2026-12-01'));
    expect([res.status, res.body.code]).to.deep.equal([404, 'not_found']);
    const sessions = await queryRows<{ n: string }>(
      h.sequelize,
      `SELECT count(*) AS n FROM voucher_sessions s JOIN vouchers v ON v.id = s.voucher_id WHERE v.code = $1`,
      [cheque.code],
    );
    expect(sessions[0]?.n).to.equal('0');
  });
});
