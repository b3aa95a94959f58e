import { expect } from 'chai';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import { createCitizen } from '../../support/citizen-factory.js';
import { adminActor, chequeInUse, fundLbc, guidance, recordSession, setToday } from '../../support/voucher-factory.js';

describe('Citizen portal: my account, its rights, their history and "I was not there"', () => {
  let h: Harness;
  let agent: Agent;
  let rightId: string;
  let sessionId: string;

  before(async () => {
    h = harness();
    setToday(h, '2026-12-01');
    await fundLbc(h);
    const { citizen, entitlement, cheque, centre } = await chequeInUse(h, await adminActor(h));
    const recorded = await recordSession(h, centre, cheque.code, guidance('2026-12-01', '2.00'));
    expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
    rightId = entitlement.id;
    sessionId = recorded.body.session.id as string;
    agent = agentOf(h);
    expect((await signIn(agent, citizen.email, citizen.actor.password)).status).to.equal(303);
  });
  beforeEach(() => setToday(h, '2026-12-01'));

  it('when a citizen opens their account, then each right shows what was granted, held, used and is left, in English and Dutch', async () => {
    const res = await agent.get('/citizen/account').expect(200);
    const html = page(res.text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('title'))).to.equal('Your account – Learning Accounts');
    const right = html.querySelector(`#right-${rightId}`)?.parentNode;
    expect(textOf(right)).to.include('Granted').and.include('Held').and.include('Used 2 hours').and.include('Left to use');
    expect(html.querySelector(`a[href="/citizen/account/${rightId}"]`)).to.not.equal(null);
    const dutch = page((await agent.get('/citizen/account').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Uw rekening');
    expect(textOf(dutch)).to.include('Gebruikt 2 uur');
  });

  it("when a citizen opens a right, then its sessions show counsellor and kind with 'I was not there', and its ledger each movement", async () => {
    const html = page((await agent.get(`/citizen/account/${rightId}`).expect(200)).text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    const sessions = textOf(html.querySelector('[aria-labelledby="sessions"]'));
    expect(sessions).to.include('1 December 2026').and.include('An Peeters').and.include('Guidance').and.include('I was not there');
    const ledger = textOf(html.querySelector('[aria-labelledby="ledger"]'));
    expect(ledger).to.include('Used in a session').and.include('Granted').and.include('Balance after').and.include('An Peeters, Guidance');
    expect(textOf(html.querySelector('[aria-labelledby="cheques"]'))).to.include('In use');
  });

  it('when the dispute form is sent without a reason or without its CSRF token, then nothing is disputed', async () => {
    const path = `/citizen/account/${rightId}/sessions/${sessionId}/dispute`;
    const form = await agent.get(path).expect(200);
    expect(textOf(page(form.text).querySelector('h1'))).to.equal('I was not at this session');
    await agent.post(path).type('form').send({ reason: 'I was ill' }).expect(403);
    const empty = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(form.text), reason: '  ' })
      .expect(400);
    const html = page(empty.text);
    expect(textOf(html.querySelector('title'))).to.match(/^Error: /);
    expect(html.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#reason');
    expect(textOf(html.querySelector('.govuk-error-summary'))).to.include('Enter what happened');
    const right = page((await agent.get(`/citizen/account/${rightId}`).expect(200)).text);
    expect(textOf(right.querySelector('[aria-labelledby="sessions"]'))).to.include('I was not there');
  });

  it('when the citizen says they were not there, then the session is disputed, confirmed, and cannot be disputed twice', async () => {
    const path = `/citizen/account/${rightId}/sessions/${sessionId}/dispute`;
    const form = await agent.get(path).expect(200);
    const sent = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(form.text), reason: 'I was ill that day.' })
      .expect(303);
    expect(sent.headers.location).to.equal(`/citizen/account/${rightId}/sessions/${sessionId}/disputed`);
    const confirmation = page((await agent.get(sent.headers.location!).expect(200)).text);
    expect(textOf(confirmation.querySelector('.govuk-panel')))
      .to.include('We have your report')
      .and.include('1 December 2026');
    const right = page((await agent.get(`/citizen/account/${rightId}`).expect(200)).text);
    const sessions = textOf(right.querySelector('[aria-labelledby="sessions"]'));
    expect(sessions).to.include('we are checking').and.not.include('I was not there');
    const again = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(form.text), reason: 'Again.' })
      .expect(400);
    expect(textOf(page(again.text).querySelector('.govuk-error-summary'))).to.include('already told us');
  });

  it("when another citizen asks for this right, its session or a dispute's confirmation, then the portal answers its 404", async () => {
    const other = await createCitizen(h);
    const stranger = agentOf(h);
    await signIn(stranger, other.email, other.actor.password);
    for (const path of [
      `/citizen/account/${rightId}`,
      `/citizen/account/${rightId}/sessions/${sessionId}/dispute`,
      `/citizen/account/${rightId}/sessions/${sessionId}/disputed`,
      '/citizen/account/not-a-uuid',
    ]) {
      const res = await stranger.get(path).expect(404);
      expect(textOf(page(res.text).querySelector('h1')), path).to.equal('Page not found');
    }
    const form = await stranger.get('/citizen/account').expect(200);
    expect(textOf(page(form.text))).to.include('You have no rights yet');
    await stranger
      .post(`/citizen/account/${rightId}/sessions/${sessionId}/dispute`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), reason: 'Not mine' })
      .expect(404);
  });
});
