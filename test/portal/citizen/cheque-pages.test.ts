import { expect } from 'chai';
import type { AppContext } from '../../../server/app-context.js';
import { queryRows } from '../../../server/db/database.js';
import { paymentPageOf } from '../../../server/portal/pages/citizen/payment-pages.js';
import { buildHarness, harness, testConfig, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import { fundLbc, grant, lbcCentre, lbcCitizen, setToday } from '../../support/voucher-factory.js';
import type { TestCitizen } from '../../support/citizen-factory.js';

const TODAY = '2026-12-01';

async function signedIn(h: Harness, citizen: TestCitizen): Promise<Agent> {
  const agent = agentOf(h);
  expect((await signIn(agent, citizen.email, citizen.actor.password)).status).to.equal(303);
  return agent;
}

const keyOf = (html: string) => page(html).querySelector('input[name="key"]')?.getAttribute('value') ?? '';

const chequesOf = (h: Harness, rightId: string) =>
  queryRows<{ code: string; status: string }>(h.sequelize, `SELECT code, status FROM vouchers WHERE entitlement_id = $1`, [rightId]);

/** A citizen with a granted LBC right, signed in, who ordered a cheque through the pages. */
async function ordered(h: Harness) {
  const citizen = await lbcCitizen(h);
  const right = await grant(h, citizen.actor);
  const agent = await signedIn(h, citizen);
  const check = await agent.get(`/citizen/rights/${right.id}/cheques/new`).expect(200);
  const res = await agent
    .post(`/citizen/rights/${right.id}/cheques/new`)
    .type('form')
    .send({ _csrf: csrfOf(check.text), key: keyOf(check.text) })
    .expect(303);
  const code = res.headers.location!.split('/')[3]!;
  return { citizen, right, agent, code, check };
}

async function payThroughStandIn(agent: Agent, code: string) {
  await agent.get(`/citizen/cheques/${code}/pay`).expect(303).expect('Location', `/citizen/pay/${code}`);
  const standIn = await agent.get(`/citizen/pay/${code}`).expect(200);
  return agent
    .post(`/citizen/pay/${code}`)
    .type('form')
    .send({ _csrf: csrfOf(standIn.text), key: keyOf(standIn.text) });
}

describe('Citizen portal: ordering, paying, showing and cancelling a cheque', () => {
  let h: Harness;
  before(async () => {
    h = harness();
    setToday(h, TODAY);
    await fundLbc(h);
  });
  beforeEach(() => setToday(h, TODAY));

  it('when a citizen checks an order, then the co-payment and the date to pay by show in English and Dutch; confirmed twice, one cheque is ordered', async () => {
    const citizen = await lbcCitizen(h);
    const right = await grant(h, citizen.actor);
    const agent = await signedIn(h, citizen);
    const check = await agent.get(`/citizen/rights/${right.id}/cheques/new`).expect(200);
    const html = page(check.text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('title'))).to.equal('Check your cheque order – Learning Accounts');
    expect(textOf(html.querySelector('.govuk-summary-list')))
      .to.include('EUR 45.00')
      .and.include('15 December 2026')
      .and.include('4 hours');
    const dutch = page((await agent.get(`/citizen/rights/${right.id}/cheques/new`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('.govuk-summary-list')))
      .to.include('EUR 45,00')
      .and.include('15 december 2026');
    const form = { _csrf: csrfOf(check.text), key: keyOf(check.text) };
    const first = await agent.post(`/citizen/rights/${right.id}/cheques/new`).type('form').send(form).expect(303);
    const second = await agent.post(`/citizen/rights/${right.id}/cheques/new`).type('form').send(form).expect(303);
    expect(second.headers.location)
      .to.equal(first.headers.location)
      .and.match(/^\/citizen\/cheques\/LBC-[0-9A-Z]{10}$/);
    expect(await chequesOf(h, right.id)).to.have.length(1);
    // A new key while the cheque is open: refused plainly, nothing ordered.
    const again = await agent.get(`/citizen/rights/${right.id}/cheques/new`).expect(200);
    const refused = await agent
      .post(`/citizen/rights/${right.id}/cheques/new`)
      .type('form')
      .send({ _csrf: csrfOf(again.text), key: keyOf(again.text) })
      .expect(409);
    expect(textOf(page(refused.text).querySelector('.govuk-error-summary'))).to.include('You still have a cheque open');
    expect(await chequesOf(h, right.id)).to.have.length(1);
  });

  it('when an order is posted without its CSRF token or its key, then nothing is ordered and the problem is named', async () => {
    const citizen = await lbcCitizen(h);
    const right = await grant(h, citizen.actor);
    const agent = await signedIn(h, citizen);
    const check = await agent.get(`/citizen/rights/${right.id}/cheques/new`).expect(200);
    await agent
      .post(`/citizen/rights/${right.id}/cheques/new`)
      .type('form')
      .send({ key: keyOf(check.text) })
      .expect(403);
    const res = await agent
      .post(`/citizen/rights/${right.id}/cheques/new`)
      .type('form')
      .send({ _csrf: csrfOf(check.text) })
      .expect(400);
    const html = page(res.text);
    expect(textOf(html.querySelector('title'))).to.match(/^Error: /);
    expect(html.querySelector('.govuk-error-summary a[href="#confirm"]')).to.not.equal(null);
    expect(await chequesOf(h, right.id)).to.have.length(0);
  });

  it('when the citizen pays through the stand-in, then the signed callback issues the cheque, shown grouped with the accredited centres', async () => {
    const centre = await lbcCentre(h);
    const { agent, code } = await ordered(h);
    const unpaid = page((await agent.get(`/citizen/cheques/${code}`).expect(200)).text);
    expect(textOf(unpaid.querySelector('main')))
      .to.include('Waiting for your payment')
      .and.include('EUR 45.00')
      .and.include('15 December 2026');
    expect(unpaid.querySelector(`a[href="/citizen/cheques/${code}/pay"]`)).to.not.equal(null);
    const standIn = page((await agent.get(`/citizen/pay/${code}`).expect(200)).text);
    expect(textOf(standIn.querySelector('h1'))).to.equal('Payment page (development stand-in)');
    expect(textOf(standIn.querySelector('main'))).to.include('no money moves');
    expect((await payThroughStandIn(agent, code)).headers.location).to.equal(`/citizen/cheques/${code}`);
    const [row] = await queryRows<{ status: string; client_number: string; co_payment_reference: string }>(
      h.sequelize,
      `SELECT status, client_number, co_payment_reference FROM vouchers WHERE code = $1`,
      [code],
    );
    expect(row?.status).to.equal('issued');
    expect(row?.co_payment_reference).to.match(/^STAND-IN-/);
    const audited = await queryRows<{ actor_role: string }>(
      h.sequelize,
      `SELECT actor_role FROM audit_log WHERE action = 'voucher.co_payment.confirmed' AND entity_id = (SELECT id::text FROM vouchers WHERE code = $1)`,
      [code],
    );
    expect(audited.map((entry) => entry.actor_role)).to.deep.equal(['payment_provider']);
    const issued = page((await agent.get(`/citizen/cheques/${code}`).expect(200)).text);
    const groups = issued
      .querySelectorAll('.portal-handover__value')
      .map((value) => value.querySelectorAll('.portal-handover__group').map(textOf));
    expect(groups[0]!.join('')).to.equal(code.replace('-', ''));
    expect(groups[0]![0]).to.equal('LBC');
    expect(groups[1]!.join('')).to.equal(row?.client_number);
    expect(groups[1]).to.have.length(2);
    expect(textOf(issued.querySelector('main')))
      .to.include('What happens next')
      .and.include('Ready to use');
    // Centres come by name, a page at a time (other tests' centres share the list): ours is on one of the pages, with its e-mail.
    let centres = issued;
    const seen: string[] = [];
    for (let pages = 0; pages < 100 && !seen.includes(centre.name); pages++) {
      seen.push(...centres.querySelectorAll('[aria-labelledby="centres"] tbody tr').map((row) => textOf(row.querySelector('th'))));
      const next = centres.querySelector('.govuk-pagination__next a')?.getAttribute('href');
      if (!next) break;
      centres = page((await agent.get(next).expect(200)).text);
    }
    expect(seen).to.include(centre.name);
    const dutch = page((await agent.get(`/citizen/cheques/${code}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('main')))
      .to.include('Klantnummer')
      .and.include('Centra waar je terechtkunt');
    // Paid already: the stand-in sends the citizen back to the cheque.
    await agent.get(`/citizen/pay/${code}`).expect(303).expect('Location', `/citizen/cheques/${code}`);
  });

  it('when the stand-in is posted without its CSRF token or its key, then nothing is paid', async () => {
    const { agent, code } = await ordered(h);
    const standIn = await agent.get(`/citizen/pay/${code}`).expect(200);
    await agent
      .post(`/citizen/pay/${code}`)
      .type('form')
      .send({ key: keyOf(standIn.text) })
      .expect(403);
    const res = await agent
      .post(`/citizen/pay/${code}`)
      .type('form')
      .send({ _csrf: csrfOf(standIn.text), key: 'x' })
      .expect(400);
    expect(page(res.text).querySelector('.govuk-error-summary a[href="#pay"]')).to.not.equal(null);
    const [row] = await queryRows<{ status: string }>(h.sequelize, `SELECT status FROM vouchers WHERE code = $1`, [code]);
    expect(row?.status).to.equal('awaiting_payment');
  });

  it('when the citizen cancels an unused cheque after confirming, then it is cancelled and its hours go back to the right', async () => {
    const { agent, code, right } = await ordered(h);
    const confirm = await agent.get(`/citizen/cheques/${code}/cancel`).expect(200);
    expect(textOf(page(confirm.text).querySelector('h1'))).to.equal(`Cancel cheque ${code}?`);
    await agent.post(`/citizen/cheques/${code}/cancel`).type('form').send({}).expect(403);
    expect((await chequesOf(h, right.id))[0]?.status).to.equal('awaiting_payment');
    const form = { _csrf: csrfOf(confirm.text) };
    await agent
      .post(`/citizen/cheques/${code}/cancel`)
      .type('form')
      .send(form)
      .expect(303)
      .expect('Location', `/citizen/cheques/${code}/cancelled`);
    await agent
      .post(`/citizen/cheques/${code}/cancel`)
      .type('form')
      .send(form)
      .expect(303)
      .expect('Location', `/citizen/cheques/${code}/cancelled`);
    const done = page((await agent.get(`/citizen/cheques/${code}/cancelled`).expect(200)).text);
    expect(textOf(done.querySelector('.govuk-panel')))
      .to.include('Cheque cancelled')
      .and.include(code);
    expect((await chequesOf(h, right.id))[0]?.status).to.equal('cancelled');
    await agent.get(`/citizen/cheques/${code}/cancel`).expect(303).expect('Location', `/citizen/cheques/${code}`);
    const list = page((await agent.get('/citizen/cheques').expect(200)).text);
    expect(textOf(list.querySelector('main')))
      .to.include(code)
      .and.include('Cancelled');
    expect(list.querySelector(`a[href="/citizen/rights/${right.id}/cheques/new"]`)).to.not.equal(null);
  });

  it('when the date to pay by has passed, then the stand-in says so plainly and the cheque is not issued', async () => {
    const { citizen, code } = await ordered(h);
    // A day after the date to pay by (the lapse job has not run yet): a new session, the old one timed out.
    setToday(h, '2026-12-16');
    const agent = await signedIn(h, citizen);
    const standIn = await agent.get(`/citizen/pay/${code}`).expect(200);
    const res = await agent
      .post(`/citizen/pay/${code}`)
      .type('form')
      .send({ _csrf: csrfOf(standIn.text), key: keyOf(standIn.text) })
      .expect(409);
    expect(textOf(page(res.text).querySelector('.govuk-error-summary'))).to.include('The payment date has passed');
    const [row] = await queryRows<{ status: string }>(h.sequelize, `SELECT status FROM vouchers WHERE code = $1`, [code]);
    expect(row?.status).to.equal('awaiting_payment');
  });

  it("when a citizen opens another citizen's cheque or right, then every page answers the portal's 404", async () => {
    const { code, right } = await ordered(h);
    const other = await signedIn(h, await lbcCitizen(h));
    for (const path of [
      `/citizen/cheques/${code}`,
      `/citizen/cheques/${code}/pay`,
      `/citizen/pay/${code}`,
      `/citizen/cheques/${code}/cancel`,
      `/citizen/cheques/${code}/cancelled`,
      `/citizen/rights/${right.id}/cheques/new`,
      `/citizen/rights/${right.id}/claimed`,
      '/citizen/cheques/not-a-code',
    ]) {
      const res = await other.get(path);
      expect([path, res.status]).to.deep.equal([path, 404]);
      expect(textOf(page(res.text).querySelector('h1'))).to.equal('Page not found');
    }
  });

  it("when a payment provider's page is configured, then Pay goes there with the cheque filled in and the stand-in is gone", async () => {
    const provider = buildHarness({ PAYMENT_PAGE_URL: 'https://pay.example/checkout?ref={code}&amount={amount}&currency={currency}' });
    provider.clock.set(`${TODAY}T09:00:00Z`);
    const { code } = await ordered(h);
    const citizen = await queryRows<{ email: string }>(
      h.sequelize,
      `SELECT u.email FROM vouchers v JOIN citizens c ON c.id = v.citizen_id JOIN users u ON u.id = c.user_id WHERE v.code = $1`,
      [code],
    );
    const agent = agentOf(provider);
    expect((await signIn(agent, citizen[0]!.email, 'correct horse battery staple')).status).to.equal(303);
    await agent
      .get(`/citizen/cheques/${code}/pay`)
      .expect(303)
      .expect('Location', `https://pay.example/checkout?ref=${code}&amount=45.00&currency=EUR`);
    await agent.get(`/citizen/pay/${code}`).expect(404);
    expect(() => testConfig({ PAYMENT_PAGE_URL: 'ftp://pay.example/{code}' })).to.throw(/PAYMENT_PAGE_URL/);
    // In production without a provider's page there is no stand-in and no page to pay on.
    const production = { ...h.context, config: { ...h.config, env: 'production' as const } } as AppContext;
    expect(
      paymentPageOf(production, { code, coPayment: { amount: '45.00', currency: 'EUR', status: 'due', dueBy: TODAY, paidAt: null } }),
    ).to.equal(undefined);
  });
});
