import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { claimOn } from '../applications/course-grant-fixtures.js';
import { claimFunding, itaCitizen, setToday, verify } from '../applications/ita-fixtures.js';
import { staffOf } from '../portal/admin/admin-pages-support.js';
import { createActor, idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { page, textOf } from '../support/pages.js';
import { openWindowed } from '../windows/window-fixtures.js';

const PRICE = '300.00';
const WINDOW = { id: '2092-spring', opensOn: '2092-02-01', closesOn: '2092-03-31', budget: '2000.00', allocation: 'first_come' as const };
const CLAIM_DAYS: Record<string, number> = { '2092-02-01': 2, '2092-02-03': 1 };
const PLACES = 50;
const TODAY = '2092-02-10';

describe('Programme dashboard of a course grant programme with an application window: applications from claim to verification to claim', () => {
  let h: Harness;
  let code: string;
  const references: string[] = [];

  before(async function () {
    this.timeout(120_000);
    h = harness();
    setToday(h, WINDOW.opensOn);
    const opened = await openWindowed(h, [WINDOW], { price: PRICE, values: { placesTarget: PLACES } });
    code = opened.programme.code;
    const { provider, course } = opened;
    for (const [day, claims] of Object.entries(CLAIM_DAYS)) {
      setToday(h, day);
      for (let i = 0; i < claims; i += 1) {
        const citizen = await itaCitizen(h);
        const res = await claimOn(h, code, citizen.actor, course.id, idempotencyKey());
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        references.push(res.body.reference as string);
      }
    }
    setToday(h, '2092-02-05');
    for (const reference of references.slice(0, 2)) expect((await verify(h, provider.staff, provider.id, reference)).status).to.equal(200);
    const claimed = await claimFunding(h, provider.staff, provider.id, references[0]!, '2092-02-05');
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
  });
  after(() => h.clock.set(new Date()));

  it('when the dashboard is read, then the funnel counts applications, verified and claimed ones, and the window shows what it allocated of its budget', async () => {
    setToday(h, TODAY);
    const admin = await createActor(h, 'admin');
    const res = await h.http.get(`/v1/programmes/${code}/dashboard?from=2092-02-01&to=${TODAY}&interval=week`).set(admin.auth);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.funnel).to.deep.equal({ kind: 'course_grant', claimed: 3, used: 2, closed: 1, usedShare: '66.6', closedShare: '33.3' });
    const allocated = new Decimal(PRICE).times(references.length);
    expect(res.body.windows).to.deep.equal([
      {
        ...WINDOW,
        budget: { amount: WINDOW.budget, currency: 'EUR' },
        allocated: { amount: allocated.toFixed(2), currency: 'EUR' },
        left: { amount: new Decimal(WINDOW.budget).minus(allocated).toFixed(2), currency: 'EUR' },
      },
    ]);
    expect(res.body.places).to.deep.equal({ target: PLACES, left: PLACES - references.length, closingDate: null });
    const days = (res.body.claimsPerDay as { day: string; claims: number }[]).filter((day) => day.claims > 0);
    expect(days).to.deep.equal(Object.entries(CLAIM_DAYS).map(([day, claims]) => ({ day, claims })));
  });

  it('when an administrator opens its page, then the funnel is named for course grants and the window is listed', async () => {
    setToday(h, TODAY);
    const admin = await staffOf(h, 'admin');
    const res = await admin.agent.get(`/admin/programmes/${code}/dashboard`).expect(200);
    const html = page(res.text);
    expect(html.querySelectorAll('#funnel-table tbody th').map((cell) => textOf(cell))).to.deep.equal([
      'Applications made',
      'Verified by the provider',
      'Claimed by the provider (to be paid)',
    ]);
    expect(textOf(html.querySelector('#windows-table tbody tr')))
      .to.contain(WINDOW.id)
      .and.contain('First come')
      .and.contain('EUR 2,000.00');
  });
});
