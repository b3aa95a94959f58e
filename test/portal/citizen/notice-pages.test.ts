import { expect } from 'chai';
import { notify } from '../../../server/notifications/notifications.js';
import { queryRows } from '../../../server/db/database.js';
import { createCitizen, type TestCitizen } from '../../support/citizen-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';

async function citizenWithNotices(h: Harness, count: number): Promise<{ citizen: TestCitizen; agent: Agent; ids: string[] }> {
  const citizen = await createCitizen(h);
  const ids: string[] = [];
  for (let index = 1; index <= count; index++) {
    ids.push(
      await notify(h.sequelize, undefined, {
        userId: citizen.actor.principal.userId,
        kind: 'test',
        subject: `Message ${index}`,
        body: `Body ${index}`,
      }),
    );
  }
  const agent = agentOf(h);
  expect((await signIn(agent, citizen.email, citizen.actor.password)).status).to.equal(303);
  return { citizen, agent, ids };
}

const emailLanguage = async (h: Harness, userId: string) =>
  (await queryRows<{ language: string }>(h.ownerSequelize, `SELECT language FROM notification_preferences WHERE user_id = $1`, [userId]))[0]
    ?.language;

describe('Citizen portal: notifications and the language of e-mails', () => {
  it('when a citizen has 25 notifications, then they are listed newest first, 20 a page, each unread marked, in English and Dutch', async () => {
    const h = harness();
    const { agent } = await citizenWithNotices(h, 25);
    const html = page((await agent.get('/citizen/notifications').expect(200)).text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('title'))).to.equal('Notifications – Learning Accounts');
    const rows = html.querySelectorAll('tbody tr');
    expect(rows).to.have.length(20);
    expect(textOf(rows[0])).to.include('Message 25').and.include('Unread');
    const older = html.querySelector('.govuk-pagination__next a')?.getAttribute('href') as string;
    const next = page((await agent.get(older).expect(200)).text);
    expect(next.querySelectorAll('tbody tr').map((row) => textOf(row.querySelector('p')))).to.deep.equal(
      [5, 4, 3, 2, 1].map((n) => `Message ${n}`),
    );
    const dutch = page((await agent.get('/citizen/notifications').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Berichten');
    expect(textOf(dutch.querySelector('tbody tr'))).to.include('Ongelezen');
  });

  it('when a citizen marks one read on an older page, then it shows read and they stay on that page; marking all leaves none unread', async () => {
    const h = harness();
    const { agent, ids } = await citizenWithNotices(h, 22);
    const first = page((await agent.get('/citizen/notifications').expect(200)).text);
    const older = first.querySelector('.govuk-pagination__next a')?.getAttribute('href') as string;
    const second = await agent.get(older).expect(200);
    const cursor = new URL(older, 'http://x').searchParams.get('cursor') as string;
    const marked = await agent
      .post(`/citizen/notifications/${ids[0] as string}/read`)
      .type('form')
      .send({ _csrf: csrfOf(second.text), cursor })
      .expect(303);
    expect(marked.headers.location).to.equal(older);
    const after = page((await agent.get(older).expect(200)).text);
    expect(textOf(after.querySelectorAll('tbody tr').at(-1)))
      .to.include('Message 1')
      .and.include('Read')
      .and.not.include('Unread');
    await agent
      .post('/citizen/notifications/read-all')
      .type('form')
      .send({ _csrf: csrfOf(second.text) })
      .expect(303);
    expect(textOf(page((await agent.get('/citizen/notifications').expect(200)).text).querySelector('tbody'))).to.not.include('Unread');
  });

  it("when a citizen marks another's notification, posts without the token, or sends a bad id, then nothing is marked", async () => {
    const h = harness();
    const owner = await citizenWithNotices(h, 1);
    const { agent } = await citizenWithNotices(h, 1);
    const token = csrfOf((await agent.get('/citizen/notifications').expect(200)).text);
    const notFound = await agent
      .post(`/citizen/notifications/${owner.ids[0] as string}/read`)
      .type('form')
      .send({ _csrf: token })
      .expect(404);
    expect(textOf(page(notFound.text).querySelector('h1'))).to.equal('Page not found');
    await agent.post('/citizen/notifications/abc/read').type('form').send({ _csrf: token }).expect(404);
    await agent
      .post(`/citizen/notifications/${owner.ids[0] as string}/read`)
      .type('form')
      .send({})
      .expect(403);
    await agent.get('/citizen/notifications?cursor=bogus').expect(404);
    const reads = await queryRows(h.ownerSequelize, `SELECT 1 FROM notification_reads WHERE notification_id = $1`, [owner.ids[0]]);
    expect(reads).to.deep.equal([]);
    const api = await h.http.get('/v1/me/notifications').set(owner.citizen.actor.auth).expect(200);
    expect(api.body.items[0].readAt).to.equal(null);
    await h.http
      .post(`/v1/me/notifications/${owner.ids[0] as string}/read`)
      .set(owner.citizen.actor.auth)
      .expect(204);
    await h.http
      .post(`/v1/me/notifications/${owner.ids[0] as string}/read`)
      .set((await createCitizen(h)).actor.auth)
      .expect(404);
    expect((await h.http.get('/v1/me/notifications').set(owner.citizen.actor.auth).expect(200)).body.items[0].readAt).to.be.a('string');
  });

  it('when a citizen chooses Dutch e-mails on the settings page or switches the site to Dutch, then their e-mails are in Dutch', async () => {
    const h = harness();
    const { citizen, agent } = await citizenWithNotices(h, 0);
    const form = await agent.get('/citizen/settings/email').expect(200);
    expect(page(form.text).querySelector('input[value="en"]')?.hasAttribute('checked')).to.equal(true);
    const bad = page(
      (
        await agent
          .post('/citizen/settings/email')
          .type('form')
          .send({ _csrf: csrfOf(form.text), language: 'fr' })
          .expect(400)
      ).text,
    );
    expect(textOf(bad.querySelector('.govuk-error-summary'))).to.include('Select the language of your e-mails');
    expect(bad.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#language');
    await agent.post('/citizen/settings/email').type('form').send({ language: 'nl' }).expect(403);
    expect(await emailLanguage(h, citizen.actor.principal.userId)).to.equal(undefined);
    await agent
      .post('/citizen/settings/email')
      .type('form')
      .send({ _csrf: csrfOf(form.text), language: 'nl' })
      .expect(303);
    expect(await emailLanguage(h, citizen.actor.principal.userId)).to.equal('nl');
    const saved = page((await agent.get('/citizen/settings/email?saved=1').expect(200)).text);
    expect(textOf(saved.querySelector('.govuk-notification-banner'))).to.include('Your e-mails will come in the language you chose.');
    await agent.get('/language?to=en&back=/citizen/notifications').expect(303);
    expect(await emailLanguage(h, citizen.actor.principal.userId)).to.equal('en');
    await agent.get('/language?to=nl&back=/citizen').expect(303);
    expect(await emailLanguage(h, citizen.actor.principal.userId)).to.equal('nl');
  });
});
