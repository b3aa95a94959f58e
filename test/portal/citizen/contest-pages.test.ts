import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { addDays } from '../../../server/shared/calendar.js';
import { PDF, PNG, refusedCitizen, sendContest, type Refusal } from '../../contests/contest-fixtures.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';

const FIVE_MB = 5 * 1024 * 1024;

async function signedIn(h: Harness, refusal: Refusal): Promise<Agent> {
  const agent = agentOf(h);
  expect((await signIn(agent, refusal.citizen.email, refusal.citizen.actor.password)).status).to.equal(303);
  return agent;
}

const contestsOf = (h: Harness, decisionId: string) =>
  queryRows<{ id: string }>(h.ownerSequelize, `SELECT id FROM contests WHERE decision_id = $1`, [decisionId]);

describe('Citizen portal: contesting a refusal with a message and evidence files', () => {
  it('when a citizen opens the form of their refusal, then it shows the reasons and the last day, in English and Dutch', async () => {
    const h = harness();
    const refusal = await refusedCitizen(h);
    const agent = await signedIn(h, refusal);
    const html = page((await agent.get(`/citizen/decisions/${refusal.decisionId}/contest`).expect(200)).text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('title'))).to.equal('Contest this refusal – Learning Accounts');
    const lastDay = new Date(`${addDays(refusal.decidedOn, 14)}T00:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(textOf(html)).to.include(`You can contest this refusal until ${lastDay}.`);
    expect(html.querySelector(`form[action="/citizen/decisions/${refusal.decisionId}/contest"]`)?.getAttribute('enctype')).to.equal(
      'multipart/form-data',
    );
    expect(html.querySelector('input[type="file"][name="files"]')?.hasAttribute('multiple')).to.equal(true);
    const dutch = page((await agent.get(`/citizen/decisions/${refusal.decisionId}/contest`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Bezwaar maken tegen deze weigering');
  });

  it('when a citizen sends a message and a PDF, then the confirmation shows the reference, and the contest its file for download', async () => {
    const h = harness();
    const refusal = await refusedCitizen(h);
    const agent = await signedIn(h, refusal);
    const form = await agent.get(`/citizen/decisions/${refusal.decisionId}/contest`).expect(200);
    const sent = await agent
      .post(`/citizen/decisions/${refusal.decisionId}/contest`)
      .field('_csrf', csrfOf(form.text))
      .field('message', 'I live in Flanders since March.')
      .attach('files', PDF, { filename: 'lease.pdf', contentType: 'application/pdf' })
      .attach('files', Buffer.alloc(0), { filename: '', contentType: 'application/octet-stream' })
      .expect(303);
    expect(sent.headers.location).to.match(/^\/citizen\/contests\/[0-9a-f-]{36}\/sent$/);
    const confirmation = page((await agent.get(sent.headers.location as string).expect(200)).text);
    expect(textOf(confirmation.querySelector('.govuk-panel'))).to.match(/Contest sent Your reference is CT-[0-9A-Z]{8}/);
    const contestPath = (sent.headers.location as string).replace(/\/sent$/, '');
    const view = page((await agent.get(contestPath).expect(200)).text);
    expect(textOf(view)).to.include('I live in Flanders since March.').and.include('Waiting for an answer');
    const link = view.querySelector('a[download]')?.getAttribute('href') as string;
    const file = await agent.get(link).buffer(true).expect(200);
    expect(file.headers['content-type']).to.equal('application/pdf');
    expect(file.headers['content-disposition']).to.match(/^attachment; filename="lease.pdf"/);
    expect(file.headers['x-content-type-options']).to.equal('nosniff');
    const list = page((await agent.get('/citizen/contests').expect(200)).text);
    expect(textOf(list.querySelector('table')))
      .to.include('LBC')
      .and.include('Waiting for an answer');
  });

  it('when the message is empty, a file is 5 MB and 1 byte, or a PDF is named .png, then the error summary names the field and nothing is stored', async () => {
    const h = harness();
    const refusal = await refusedCitizen(h);
    const agent = await signedIn(h, refusal);
    const token = csrfOf((await agent.get(`/citizen/decisions/${refusal.decisionId}/contest`).expect(200)).text);
    const post = () => agent.post(`/citizen/decisions/${refusal.decisionId}/contest`).field('_csrf', token);
    const empty = page((await post().field('message', ' ').expect(400)).text);
    expect(textOf(empty.querySelector('title'))).to.match(/^Error: Contest this refusal/);
    expect(textOf(empty.querySelector('.govuk-error-summary'))).to.include('Enter why the refusal is wrong');
    expect(empty.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#message');
    const big = Buffer.concat([PDF, Buffer.alloc(FIVE_MB + 1 - PDF.length, 0x20)]);
    const tooLarge = page((await post().field('message', 'Here.').attach('files', big, 'big.pdf').expect(400)).text);
    expect(textOf(tooLarge.querySelector('.govuk-error-summary'))).to.include('The file big.pdf is larger than 5 MB.');
    expect(tooLarge.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#files');
    expect(tooLarge.querySelector('#message')?.textContent).to.equal('Here.');
    const disguised = page((await post().field('message', 'Here.').attach('files', PDF, 'scan.png').expect(400)).text);
    expect(textOf(disguised.querySelector('.govuk-error-summary'))).to.include('The file scan.png is not the type its name says.');
    const dutch = page(
      (await post().set('Cookie', 'lang=nl').field('message', 'Hier.').attach('files', Buffer.from('text'), 'a.txt').expect(400)).text,
    );
    expect(textOf(dutch.querySelector('.govuk-error-summary')))
      .to.include('Er is een probleem')
      .and.include('moet een pdf, jpg of png zijn');
    expect(await contestsOf(h, refusal.decisionId)).to.deep.equal([]);
  });

  it('when the form is posted without its CSRF token, then it is refused and nothing is stored', async () => {
    const h = harness();
    const refusal = await refusedCitizen(h);
    const agent = await signedIn(h, refusal);
    await agent.get(`/citizen/decisions/${refusal.decisionId}/contest`).expect(200);
    await agent
      .post(`/citizen/decisions/${refusal.decisionId}/contest`)
      .field('message', 'No token.')
      .attach('files', PNG, 'a.png')
      .expect(403);
    expect(await contestsOf(h, refusal.decisionId)).to.deep.equal([]);
  });

  it("when a citizen opens another citizen's refusal, contest or evidence, then each is the portal's 404", async () => {
    const h = harness();
    const owner = await refusedCitizen(h);
    const contest = await sendContest(h, owner.citizen.actor.auth, owner.decisionId, 'Mine.', [['a.png', PNG]]).expect(201);
    const other = await signedIn(h, await refusedCitizen(h));
    const notFound = await other.get(`/citizen/decisions/${owner.decisionId}/contest`).expect(404);
    expect(textOf(page(notFound.text).querySelector('h1'))).to.equal('Page not found');
    await other.get(`/citizen/contests/${contest.body.id as string}`).expect(404);
    await other.get(`/citizen/contests/${contest.body.id as string}/evidence/${contest.body.evidence[0].id as string}`).expect(404);
    await other.get('/citizen/contests/not-an-id').expect(404);
    await other.get('/citizen/contests?cursor=bogus').expect(404);
  });

  it('when the contest period has ended or the decision is contested already, then the page says so plainly', async () => {
    const h = harness();
    const refusal = await refusedCitizen(h);
    const agent = await signedIn(h, refusal);
    const token = csrfOf((await agent.get(`/citizen/decisions/${refusal.decisionId}/contest`).expect(200)).text);
    await sendContest(h, refusal.citizen.actor.auth, refusal.decisionId, 'First.').expect(201);
    const again = page(
      (await agent.post(`/citizen/decisions/${refusal.decisionId}/contest`).field('_csrf', token).field('message', 'Twice.').expect(400))
        .text,
    );
    expect(textOf(again.querySelector('.govuk-error-summary'))).to.include('You already contested this refusal.');
    h.clock.set(`${addDays(refusal.decidedOn, 15)}T09:00:00Z`);
    // Days later the session has timed out: the citizen signs in again.
    const later = await signedIn(h, refusal);
    const closed = page((await later.get(`/citizen/decisions/${refusal.decisionId}/contest`).expect(409)).text);
    expect(textOf(closed.querySelector('h1'))).to.equal('You cannot contest this decision');
    expect(textOf(closed)).to.include('The time to contest this refusal ended on');
    const lateToken = csrfOf((await later.get('/citizen/contests').expect(200)).text);
    await later.post(`/citizen/decisions/${refusal.decisionId}/contest`).field('_csrf', lateToken).field('message', 'Late.').expect(409);
  });
});
