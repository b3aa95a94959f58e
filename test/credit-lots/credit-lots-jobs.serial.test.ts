// The credit-lots jobs take every lot due on the date they are given, so they run in the serial
// phase: a lot expiring while an application holds part of it, and lots that come due later (a
// credit at 40, a campaign window) granted by the scheduler.
import { expect } from 'chai';
import { creditLotsJobs } from '../../server/credit-lots/credit-lots.js';
import { queryRows } from '../../server/db/database.js';
import { idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  claimCourse,
  creditCitizen,
  creditProvider,
  expectLedgerOk,
  lotsSeenBy,
  openCreditLots,
  setToday,
} from './credit-lots-fixtures.js';

const job = (name: string) => creditLotsJobs.find((candidate) => candidate.name === name)!;
const runJob = (h: Harness, name: string, date: string) => job(name).run(h.context, new Date(`${date}T02:00:00Z`));

/** What the lot's account gave back to the budget at expiry, over every run. */
async function expiredFrom(h: Harness, citizenId: string, lot: string): Promise<string> {
  const [row] = await queryRows<{ returned: string | null }>(
    h.sequelize,
    `SELECT -sum(e.amount) AS returned FROM credit_lot_grants g
     JOIN ledger_entries e ON e.account_id = g.account_id JOIN ledger_transactions t ON t.id = e.transaction_id AND t.kind = 'expire'
     WHERE g.citizen_id = $1 AND g.lot = $2`,
    [citizenId, lot],
  );
  return row?.returned ?? '0';
}

describe('credit lots jobs', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(() => expectLedgerOk(h));

  it('when a lot ends while applications hold part of it, then only its free part returns; the held part pays the provider or returns on release', async () => {
    const { code } = await openCreditLots(h, {
      lots: [
        { lot: 'campaign', amount: '300.00', expiresOn: '2026-06-30' },
        { lot: 'opening_credit', amount: '500.00' },
      ],
    });
    const { centre, courses } = await creditProvider(h, code, [{ price: '150.00' }, { price: '100.00' }, { price: '80.00' }]);
    const citizen = await creditCitizen(h, { yearsOld: 30 });
    const kept = await claimCourse(h, citizen.actor, code, courses[0]!.id).expect(201);
    const dropped = await claimCourse(h, citizen.actor, code, courses[1]!.id).expect(201);
    await h.http.post(`/v1/centres/${centre.id}/applications/${kept.body.reference}/verify`).set(centre.staff.auth).expect(200);

    // The day after its last day: 50 was free and returns; the 250 held stays with the applications.
    setToday(h, '2026-07-01');
    expect(await runJob(h, 'expire-credit-lots', '2026-07-01')).to.be.at.least(1);
    expect(await expiredFrom(h, citizen.id, 'campaign')).to.equal('50.00');
    const ended = (await lotsSeenBy(h, citizen.actor, code)).get('campaign')!;
    expect(ended).to.deep.include({ status: 'expired', expiresOn: '2026-06-30' });
    expect([ended.held.amount, ended.available.amount, ended.balance.amount]).to.deep.equal(['250.00', '0.00', '250.00']);

    // A claim after the end draws from the lot that does not end.
    const later = await claimCourse(h, citizen.actor, code, courses[2]!.id).expect(201);
    expect(later.body.draws.map((draw: { lot: string }) => draw.lot)).to.deep.equal(['opening_credit']);

    // The verified application is claimed from what it held: the provider is paid in full.
    const paid = await h.http
      .post(`/v1/centres/${centre.id}/applications/${kept.body.reference}/claim`)
      .set(centre.staff.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ courseStartDate: '2026-06-15' });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(200);

    // The other is cancelled: its 100 goes back onto the ended lot, and from there to the budget.
    await h.http
      .post(`/v1/applications/${dropped.body.reference}/cancel`)
      .set(citizen.actor.auth)
      .set('Idempotency-Key', idempotencyKey())
      .expect(200);
    await runJob(h, 'expire-credit-lots', '2026-07-01');
    expect(await expiredFrom(h, citizen.id, 'campaign')).to.equal('150.00');
    const swept = (await lotsSeenBy(h, citizen.actor, code)).get('campaign')!;
    expect([swept.spent.amount, swept.held.amount, swept.balance.amount]).to.deep.equal(['150.00', '0.00', '0.00']);
    expect(await runJob(h, 'expire-credit-lots', '2026-07-01')).to.equal(0);
  });

  it('when a citizen turns 40 or a campaign window opens, then the scheduler grants that lot once', async () => {
    const { code } = await openCreditLots(h, {
      lots: [
        { lot: 'opening_credit', amount: '500.00', fromAge: 25 },
        { lot: 'mid_career', amount: '4000.00', fromAge: 40, courseTags: ['mid-career'] },
        { lot: 'campaign', amount: '500.00', grantedFrom: '2026-06-01', grantedUntil: '2026-06-30', expiresOn: '2026-12-31' },
      ],
    });
    const { courses } = await creditProvider(h, code, [{ price: '100.00' }]);
    const citizen = await creditCitizen(h, { birthDate: '1986-05-20' });
    const claimed = await claimCourse(h, citizen.actor, code, courses[0]!.id).expect(201);
    expect(claimed.body.lotsGranted).to.deep.equal(['opening_credit']);

    await runJob(h, 'grant-credit-lots-come-due', '2026-05-19');
    expect([...(await lotsSeenBy(h, citizen.actor, code)).keys()]).to.deep.equal(['opening_credit']);

    setToday(h, '2026-05-20');
    expect(await runJob(h, 'grant-credit-lots-come-due', '2026-05-20')).to.be.at.least(1);
    const at40 = (await lotsSeenBy(h, citizen.actor, code)).get('mid_career')!;
    expect(at40).to.deep.include({ status: 'active', expiresOn: null, courseTags: ['mid-career'] });
    expect(at40.amount.amount).to.equal('4000.00');
    await runJob(h, 'grant-credit-lots-come-due', '2026-05-20');

    setToday(h, '2026-06-01');
    await runJob(h, 'grant-credit-lots-come-due', '2026-06-01');
    const lots = await lotsSeenBy(h, citizen.actor, code);
    expect([...lots.keys()].sort()).to.deep.equal(['campaign', 'mid_career', 'opening_credit']);
    expect(lots.get('campaign')).to.deep.include({ expiresOn: '2026-12-31' });
    const [grants] = await queryRows<{ n: string }>(h.sequelize, `SELECT count(*) AS n FROM credit_lot_grants WHERE citizen_id = $1`, [
      citizen.id,
    ]);
    expect(grants?.n).to.equal('3');
  });
});
