import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { createCitizen } from '../../support/citizen-factory.js';
import { harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf } from '../../support/pages.js';

describe('Citizen portal: my sign-in history and signing out everywhere else', () => {
  it('when a citizen signed in through the API and the portal, then both are listed newest first with method, place and address', async () => {
    const h = harness();
    const citizen = await createCitizen(h);
    h.clock.set('2026-12-03T08:15:00Z');
    await h.http.post('/v1/auth/token').send({ email: citizen.email, password: citizen.actor.password }).expect(200);
    h.clock.set('2026-12-04T10:30:00Z');
    const agent = agentOf(h);
    expect((await signIn(agent, citizen.email, citizen.actor.password)).status).to.equal(303);
    const html = page((await agent.get('/citizen/sign-ins').expect(200)).text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('title'))).to.equal('Your sign-ins – Learning Accounts');
    const rows = html.querySelectorAll('tbody tr').map(textOf);
    expect(rows).to.have.length(2);
    expect(rows[0]).to.include('4 December 2026, 10:30 UTC').and.include('E-mail and password').and.include('This website');
    expect(rows[1]).to.include('3 December 2026, 08:15 UTC').and.include('An app (API)');
    expect(rows[0]).to.match(/127\.0\.0\.1|::1/);
    const dutch = page((await agent.get('/citizen/sign-ins').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Uw aanmeldingen');
    expect(textOf(dutch.querySelector('tbody tr')))
      .to.include('4 december 2026')
      .and.include('Deze website');
  });

  it('when a citizen signs out of every other session, then their other session and API token end, this one stays, and it is audited', async () => {
    const h = harness();
    const citizen = await createCitizen(h);
    const here = agentOf(h);
    const elsewhere = agentOf(h);
    expect((await signIn(here, citizen.email, citizen.actor.password)).status).to.equal(303);
    expect((await signIn(elsewhere, citizen.email, citizen.actor.password)).status).to.equal(303);
    const token = (await h.http.post('/v1/auth/token').send({ email: citizen.email, password: citizen.actor.password }).expect(200)).body
      .accessToken as string;
    const history = await here.get('/citizen/sign-ins').expect(200);
    await here.post('/citizen/sign-ins/end-others').type('form').send({}).expect(403);
    await elsewhere.get('/citizen/sign-ins').expect(200);
    const ended = await here
      .post('/citizen/sign-ins/end-others')
      .type('form')
      .send({ _csrf: csrfOf(history.text) })
      .expect(303);
    expect(ended.headers.location).to.equal('/citizen/sign-ins?ended=1');
    const banner = page((await here.get('/citizen/sign-ins?ended=1').expect(200)).text);
    expect(textOf(banner.querySelector('.govuk-notification-banner'))).to.include('You are signed out everywhere else.');
    expect((await elsewhere.get('/citizen/sign-ins').expect(303)).headers.location).to.equal('/login');
    await h.http.get('/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
    const audit = await queryRows<{ actor_id: string }>(
      h.ownerSequelize,
      `SELECT actor_id FROM audit_log WHERE action = 'user.sessions.end_others' AND entity_id = $1`,
      [citizen.actor.principal.userId],
    );
    expect(audit).to.deep.equal([{ actor_id: citizen.actor.principal.userId }]);
  });

  it('when a visitor not signed in opens the history, then they are sent to sign in; a cursor the page did not issue is the portal 404', async () => {
    const h = harness();
    const citizen = await createCitizen(h);
    const agent = agentOf(h);
    await signIn(agent, citizen.email, citizen.actor.password);
    await agent.get('/citizen/sign-ins?cursor=bogus').expect(404);
    expect((await agentOf(h).get('/citizen/sign-ins').expect(303)).headers.location).to.equal('/login');
  });
});
