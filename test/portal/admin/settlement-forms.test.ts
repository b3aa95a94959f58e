// The settlement pages' forms sent without some of their fields, refusals of a statement's
// payment shown on its page, a file refused for a centre without a bank account, and the runs
// list paged by programme.
import { expect } from 'chai';
import { approveChange, payStatementWithFourEyes } from '../../support/approvals.js';
import { createCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf } from '../../support/pages.js';
import { openLbcLike } from '../../support/reference-like-programmes.js';
import { setDebtorAccount } from '../../settlement/support/bank-accounts.js';
import { chequeInUse, sessionToday } from '../../settlement/support/lbc-fixture.js';
import { staffOf, type Staff } from './admin-pages-support.js';

const DAY = '2092-03-30';

describe('Admin portal: settlement forms and refusals', () => {
  let h: Harness;
  let admin: Staff;
  let second: Staff;
  let programme: string;

  const runsOf = async (code: string) =>
    (await h.http.get('/v1/settlements').query({ programme: code, limit: 100 }).set(admin.actor.auth).expect(200)).body.items as {
      id: string;
    }[];
  /** A run of the programme over one centre's hours through the API; the run and the centre's statement. */
  const runWithStatement = async (hours: string) => {
    const centre = await createCentre(h, { programme });
    await sessionToday(h, await chequeInUse(h, admin.actor, programme, centre), hours);
    const run = (
      await h.http
        .post('/v1/settlements')
        .set(admin.actor.auth)
        .set('Idempotency-Key', `forms-${centre.id}`)
        .send({ programme, periodEnd: DAY })
        .expect(201)
    ).body as { id: string; statements: { id: string; centreId: string }[] };
    return { centre, run, statement: run.statements.find((each) => each.centreId === centre.id)! };
  };

  before(async () => {
    h = harness();
    h.clock.set(`${DAY}T10:00:00Z`);
    admin = await staffOf(h, 'admin');
    second = await staffOf(h, 'admin');
    programme = (await openLbcLike(h, { values: { hourlyFee: '100.000' } })).code;
  });
  beforeEach(() => h.clock.set(`${DAY}T10:00:00Z`));

  it('when the run form or its confirmation comes without its fields, then each field is named and nothing is run', async () => {
    const before = (await runsOf(programme)).length;
    const csrf = csrfOf((await admin.agent.get('/admin/settlement/new').expect(200)).text);
    for (const path of ['/admin/settlement/new', '/admin/settlement/run']) {
      const res = await admin.agent.post(path).type('form').send({ _csrf: csrf }).expect(400);
      const links = page(res.text)
        .querySelectorAll('.govuk-error-summary a')
        .map((link) => link.getAttribute('href'));
      expect(links, path).to.deep.equal(['#programme', '#periodEnd-day']);
    }
    expect(await runsOf(programme)).to.have.length(before);
  });

  it('when the confirmation comes without a key of its own, then it still runs the settlement once', async () => {
    const before = (await runsOf(programme)).length;
    const csrf = csrfOf((await admin.agent.get('/admin/settlement/new').expect(200)).text);
    const sent = await admin.agent.post('/admin/settlement/run').type('form').send({ _csrf: csrf, programme, periodEnd: DAY }).expect(303);
    expect(sent.headers.location).to.match(/^\/admin\/settlement\/runs\/[0-9a-f-]{36}\?done=run$/);
    expect(await runsOf(programme)).to.have.length(before + 1);
  });

  it("when a statement's payment is proposed again, or once it is paid, then its page says why and nothing more is proposed", async () => {
    const { statement } = await runWithStatement('0.50');
    const path = `/admin/settlement/statements/${statement.id}`;
    const csrf = csrfOf((await admin.agent.get(path).expect(200)).text);
    // Each with a fresh key: a new proposal, not the first one sent twice.
    const propose = (cookie = 'lang=en') =>
      admin.agent.post(`${path}/pay`).set('Cookie', cookie).type('form').send({ _csrf: csrf, key: crypto.randomUUID() });
    await propose().expect(303);
    const pending = await propose().expect(409);
    const html = page(pending.text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    const summary = html.querySelector('.govuk-error-summary')!;
    expect(textOf(summary)).to.include('Its payment has already been proposed and is waiting for a second administrator.');
    expect(summary.querySelector('a')!.getAttribute('href')).to.equal('#propose');

    // A second administrator approves the first proposal: the paid statement's payment is refused, in Dutch too.
    const changeLink = page((await admin.agent.get(path).expect(200)).text)
      .querySelector('.govuk-inset-text a')!
      .getAttribute('href')!;
    await approveChange(h, second.actor.auth, changeLink.split('/').pop()!);
    expect(textOf(page((await propose().expect(409)).text).querySelector('.govuk-error-summary'))).to.include(
      'This statement has already been paid.',
    );
    expect(textOf(page((await propose('lang=nl').expect(409)).text).querySelector('.govuk-error-summary'))).to.include(
      'Deze afrekening is al betaald.',
    );
  });

  it('when the payment is approved but the centre has no bank account, then the file is refused on the run page, named at its button', async () => {
    await setDebtorAccount(h, admin.actor.auth, programme);
    const { run, statement } = await runWithStatement('0.25');
    await payStatementWithFourEyes(h, admin.actor.auth, second.actor.auth, statement.id);
    const runPage = page((await admin.agent.get(`/admin/settlement/runs/${run.id}`).expect(200)).text);
    const refused = await admin.agent
      .post(`/admin/settlement/runs/${run.id}/payment-files`)
      .type('form')
      .send({
        _csrf: csrfOf(runPage.toString()),
        key: runPage.querySelector('form[action$="/payment-files"] input[name="key"]')!.getAttribute('value'),
      })
      .expect(422);
    const summary = page(refused.text).querySelector('.govuk-error-summary')!;
    expect(textOf(summary)).to.include('A centre to be paid has no bank account. Set its IBAN and BIC first, then make the file.');
    expect(summary.querySelector('a')!.getAttribute('href')).to.equal('#make-file');
    expect((await h.http.get(`/v1/settlements/${run.id}`).set(admin.actor.auth).expect(200)).body.paymentFiles).to.deep.equal([]);
  });

  it('when a programme has more runs than a page holds, then its list links to older runs, and that page back to the newest', async () => {
    const own = (await openLbcLike(h, { values: { hourlyFee: '100.000' } })).code;
    for (let day = 1; day <= 21; day += 1)
      await h.http
        .post('/v1/settlements')
        .set(admin.actor.auth)
        .set('Idempotency-Key', `paging-${own}-${day}`)
        .send({ programme: own, periodEnd: `2092-03-${String(day).padStart(2, '0')}` })
        .expect(201);
    const first = page((await admin.agent.get(`/admin/settlement?programme=${own}`).expect(200)).text);
    expect(first.querySelectorAll('#runs tbody tr')).to.have.length(20);
    expect(first.querySelector('.govuk-pagination__prev')).to.equal(null);
    const older = first.querySelector('.govuk-pagination__next a')!.getAttribute('href')!;
    expect(older).to.match(new RegExp(`^/admin/settlement\\?programme=${own}&cursor=`));
    const second = page((await admin.agent.get(older).expect(200)).text);
    expect(second.querySelectorAll('#runs tbody tr')).to.have.length(1);
    expect(second.querySelector('.govuk-pagination__next')).to.equal(null);
    expect(second.querySelector('.govuk-pagination__prev a')!.getAttribute('href')).to.equal(`/admin/settlement?programme=${own}`);
  });
  it('when a centre has more statements than a page holds, then its list links to older ones, and that page back to the newest', async () => {
    const centre = await createCentre(h, { programme });
    // Two citizens' cheques of 4 hours: 21 sessions of a quarter hour, each settled on its own.
    const cheques = [await chequeInUse(h, admin.actor, programme, centre), await chequeInUse(h, admin.actor, programme, centre)];
    for (let run = 1; run <= 21; run += 1) {
      await sessionToday(h, cheques[run % 2]!, '0.25');
      await h.http
        .post('/v1/settlements')
        .set(admin.actor.auth)
        .set('Idempotency-Key', `centre-paging-${centre.id}-${run}`)
        .send({ programme, periodEnd: DAY })
        .expect(201);
    }
    const base = `/admin/settlement/centres/${centre.id}`;
    const first = page((await admin.agent.get(base).expect(200)).text);
    expect(first.querySelectorAll('#statements tbody tr')).to.have.length(20);
    expect(first.querySelector('.govuk-pagination__prev')).to.equal(null);
    const older = first.querySelector('.govuk-pagination__next a')!.getAttribute('href')!;
    expect(older).to.match(new RegExp(`^${base}\\?cursor=`));
    const second = page((await admin.agent.get(older).expect(200)).text);
    expect(second.querySelectorAll('#statements tbody tr')).to.have.length(1);
    expect(second.querySelector('.govuk-pagination__next')).to.equal(null);
    expect(second.querySelector('.govuk-pagination__prev a')!.getAttribute('href')).to.equal(base);
  });
});
