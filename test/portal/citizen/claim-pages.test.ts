import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import { openProgramme } from '../../support/programme-factory.js';
import { fundLbc, lbcCitizen, setToday } from '../../support/voucher-factory.js';
import type { TestCitizen } from '../../support/citizen-factory.js';

const TODAY = '2026-12-01';

async function signedIn(h: Harness, citizen: TestCitizen): Promise<Agent> {
  const agent = agentOf(h);
  expect((await signIn(agent, citizen.email, citizen.actor.password)).status).to.equal(303);
  return agent;
}

const rightsOf = async (h: Harness, citizen: TestCitizen, programme: string) =>
  (
    await queryRows<{ n: number }>(
      h.sequelize,
      `SELECT count(*)::int AS n FROM entitlements WHERE citizen_id = $1 AND programme_code = $2`,
      [citizen.id, programme],
    )
  )[0]?.n;

/** The key the check page wrote in its form. */
const keyOf = (html: string) => page(html).querySelector('input[name="key"]')?.getAttribute('value') ?? '';

describe('Citizen portal: claiming a right', () => {
  let h: Harness;
  before(async () => {
    h = harness();
    setToday(h, TODAY);
    await fundLbc(h);
  });
  beforeEach(() => setToday(h, TODAY));

  it('when a citizen checks an LBC claim, then the page lists what they get in English and Dutch, with a form holding a fresh key', async () => {
    const agent = await signedIn(h, await lbcCitizen(h));
    const res = await agent.get('/citizen/programmes/LBC/claim').expect(200);
    const html = page(res.text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('title'))).to.match(/^Check your claim for .+ – Learning Accounts$/);
    expect(textOf(html.querySelector('.govuk-summary-list')))
      .to.include('Hours of guidance')
      .and.include('You pay per cheque');
    expect(textOf(html.querySelector('.govuk-summary-list'))).to.include('EUR 45.00');
    expect(keyOf(res.text)).to.match(/^[0-9a-f-]{36}$/);
    expect(keyOf((await agent.get('/citizen/programmes/LBC/claim').expect(200)).text)).to.not.equal(keyOf(res.text));
    const dutch = page((await agent.get('/citizen/programmes/LBC/claim').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.match(/^Controleer je aanvraag voor /);
    expect(textOf(dutch.querySelector('.govuk-summary-list'))).to.include('EUR 45,00');
  });

  it('when the citizen confirms twice with the same key, then one right is granted and both answers lead to its confirmation', async () => {
    const citizen = await lbcCitizen(h);
    const agent = await signedIn(h, citizen);
    const check = await agent.get('/citizen/programmes/LBC/claim').expect(200);
    const form = { _csrf: csrfOf(check.text), key: keyOf(check.text) };
    const first = await agent.post('/citizen/programmes/LBC/claim').type('form').send(form).expect(303);
    const second = await agent.post('/citizen/programmes/LBC/claim').type('form').send(form).expect(303);
    expect(second.headers.location)
      .to.equal(first.headers.location)
      .and.match(/^\/citizen\/rights\/[0-9a-f-]{36}\/claimed$/);
    expect(await rightsOf(h, citizen, 'LBC')).to.equal(1);
    const confirmation = page((await agent.get(first.headers.location!).expect(200)).text);
    expect(confirmation.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(confirmation.querySelector('.govuk-panel')))
      .to.include('Claim granted')
      .and.include(first.headers.location!.split('/')[3]!);
    expect(textOf(confirmation.querySelector('main')))
      .to.include('What happens next')
      .and.include('Order your first cheque');
    expect(confirmation.querySelector(`a[href="/citizen/rights/${first.headers.location!.split('/')[3]}/cheques/new"]`)).to.not.equal(null);
    const dutch = page((await agent.get(first.headers.location!).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('.govuk-panel'))).to.include('Aanvraag toegekend');
  });

  it('when the claim is posted without its CSRF token or without its key, then nothing is claimed and the problem is named', async () => {
    const citizen = await lbcCitizen(h);
    const agent = await signedIn(h, citizen);
    const check = await agent.get('/citizen/programmes/LBC/claim').expect(200);
    await agent
      .post('/citizen/programmes/LBC/claim')
      .type('form')
      .send({ key: keyOf(check.text) })
      .expect(403);
    const res = await agent
      .post('/citizen/programmes/LBC/claim')
      .type('form')
      .send({ _csrf: csrfOf(check.text), key: 'not-a-key' })
      .expect(400);
    const html = page(res.text);
    expect(textOf(html.querySelector('title'))).to.match(/^Error: /);
    expect(textOf(html.querySelector('.govuk-error-summary')))
      .to.include('There is a problem')
      .and.include('Start your claim again');
    expect(html.querySelector('.govuk-error-summary a[href="#confirm"]')).to.not.equal(null);
    expect(html.querySelector('#confirm')).to.not.equal(null);
    expect(await rightsOf(h, citizen, 'LBC')).to.equal(0);
  });

  it('when a citizen who is not eligible confirms, then the refusal shows each reason plainly and nothing is granted', async () => {
    const citizen = await lbcCitizen(h, { workExperienceDays: 100 });
    const agent = await signedIn(h, citizen);
    const check = await agent.get('/citizen/programmes/LBC/claim').expect(200);
    const res = await agent
      .post('/citizen/programmes/LBC/claim')
      .type('form')
      .send({ _csrf: csrfOf(check.text), key: keyOf(check.text) })
      .expect(422);
    const main = textOf(page(res.text).querySelector('main'));
    expect(main).to.include('was not granted').and.include('You are not eligible today').and.include('Days of work experience');
    expect(main).to.include('at least 2555').and.include('Nothing was granted');
    expect(await rightsOf(h, citizen, 'LBC')).to.equal(0);
  });

  it("when a programme's budget is used up, then the claim is refused in plain words and nothing is granted", async () => {
    const { code } = await openProgramme(h, {
      kind: 'hours_voucher',
      currency: 'EUR',
      values: {
        rightHours: '6.00',
        rightPeriodYears: 6,
        voucherHours: ['4.00', '2.00'],
        coPayment: '30.00',
        coPaymentDueDays: 14,
        voucherValidityMonths: 3,
        expiredHours: 'return',
        hourlyFee: '120.000',
        placesTarget: null,
        closingDate: null,
      },
      ruleSet: {
        rules: [
          {
            name: 'lives in Flanders',
            priority: 10,
            conditions: { all: [{ fact: 'residenceRegion', operator: 'equal', value: 'VLG' }] },
            event: {
              type: 'requirement',
              params: { code: 'not_flemish', message: { en: 'You must live in Flanders.', nl: 'Je moet in Vlaanderen wonen.' } },
            },
          },
        ],
        testCases: [
          {
            name: 'a resident of Flanders is eligible',
            referenceDate: TODAY,
            facts: { residenceRegion: 'VLG' },
            expected: { eligible: true, reasons: [], nextEligibleOn: null },
          },
        ],
      },
    });
    const citizen = await lbcCitizen(h);
    const agent = await signedIn(h, citizen);
    const check = await agent.get(`/citizen/programmes/${code}/claim`).expect(200);
    const res = await agent
      .post(`/citizen/programmes/${code}/claim`)
      .type('form')
      .send({ _csrf: csrfOf(check.text), key: keyOf(check.text) })
      .expect(409);
    expect(textOf(page(res.text).querySelector('main'))).to.include('budget is used up');
    expect(await rightsOf(h, citizen, code)).to.equal(0);
  });

  it('when a programme pays for courses, then its claim page sends the citizen to the courses instead of a form', async () => {
    const agent = await signedIn(h, await lbcCitizen(h));
    const html = page((await agent.get('/citizen/programmes/ITA/claim').expect(200)).text);
    expect(html.querySelector('a[href="/citizen/courses"]')).to.not.equal(null);
    expect(html.querySelector('form[action="/citizen/programmes/ITA/claim"]')).to.equal(null);
  });

  it("when a citizen opens another citizen's confirmation or an unknown programme, then the portal's 404 answers", async () => {
    const owner = await lbcCitizen(h);
    const ownerAgent = await signedIn(h, owner);
    const check = await ownerAgent.get('/citizen/programmes/LBC/claim').expect(200);
    const claimed = await ownerAgent
      .post('/citizen/programmes/LBC/claim')
      .type('form')
      .send({ _csrf: csrfOf(check.text), key: keyOf(check.text) })
      .expect(303);
    const other = await signedIn(h, await lbcCitizen(h));
    const res = await other.get(claimed.headers.location!).expect(404);
    expect(textOf(page(res.text).querySelector('h1'))).to.equal('Page not found');
    await other.get('/citizen/programmes/NOPE/claim').expect(404);
    await other.get('/citizen/programmes/not-a-code!/claim').expect(404);
  });
});
