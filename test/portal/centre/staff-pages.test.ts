import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { queryRows } from '../../../server/db/database.js';
import { createActor } from '../../support/actors.js';
import { createCentre, type TestCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import { auditOf } from '../../centres/centre-test-helpers.js';

const signedInAs = async (h: Harness, email: string, password: string): Promise<Agent> => {
  const agent = agentOf(h);
  expect((await signIn(agent, email, password)).status).to.equal(303);
  return agent;
};

/** A centre whose factory-made staff login is marked its administrator by a service administrator. */
async function centreWithAdministrator(h: Harness): Promise<TestCentre> {
  const centre = await createCentre(h);
  const admin = await createActor(h, 'admin');
  await h.http
    .put(`/v1/centres/${centre.id}/staff/${centre.staff.principal.userId}/centre-admin`)
    .set(admin.auth)
    .send({ centreAdmin: true })
    .expect(200);
  return centre;
}

const loginOf = async (h: Harness, email: string) =>
  (
    await queryRows<{ id: string; centre_id: string; disabled_at: Date | null }>(
      h.sequelize,
      `SELECT id, centre_id, disabled_at FROM users WHERE email = $1`,
      [email],
    )
  )[0];

describe("Centre portal: the centre's administrator adds and disables its staff", () => {
  let h: Harness;
  before(() => {
    h = harness();
  });

  it('when the administrator adds a staff member and disables then enables them, then each is done once, recorded with who did it, and bad input changes nothing', async () => {
    const centre = await centreWithAdministrator(h);
    const agent = await signedInAs(h, centre.staff.principal.email, centre.staff.password);
    const list = await agent.get('/centre/staff').expect(200);
    const listPage = page(list.text);
    expect(textOf(listPage.querySelector('title'))).to.equal('Staff – Learning Accounts');
    expect(textOf(listPage.querySelector('tbody')))
      .to.include(centre.staff.principal.email)
      .and.include('Centre administrator');
    // No button for their own login.
    expect(listPage.querySelectorAll('tbody form')).to.have.length(0);

    const form = await agent.get('/centre/staff/new').expect(200);
    const csrf = csrfOf(form.text);
    const email = `new-${randomUUID().slice(0, 8)}@centre.example`;
    await agent.post('/centre/staff/new').type('form').send({ name: 'Noor', email, password: 'a long enough password' }).expect(403);
    const bad = page(
      (
        await agent
          .post('/centre/staff/new')
          .type('form')
          .send({ _csrf: csrf, name: 'Noor', email: 'not-an-address', password: 'short' })
          .expect(400)
      ).text,
    );
    expect(bad.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal(['#email', '#password']);
    expect(bad.querySelector('#name')?.getAttribute('value')).to.equal('Noor');
    expect(bad.querySelector('#password')?.getAttribute('value')).to.equal(undefined);
    const taken = page(
      (
        await agent
          .post('/centre/staff/new')
          .type('form')
          .send({ _csrf: csrf, name: 'Noor', email: centre.staff.principal.email, password: 'a long enough password' })
          .expect(409)
      ).text,
    );
    expect(taken.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#email');
    expect(await loginOf(h, email)).to.equal(undefined);

    const added = await agent
      .post('/centre/staff/new')
      .type('form')
      .send({ _csrf: csrf, name: 'Noor', email: email.toUpperCase(), password: 'a long enough password' })
      .expect(303);
    expect(added.headers.location).to.equal('/centre/staff?done=added');
    const login = (await loginOf(h, email))!;
    expect(login.centre_id).to.equal(centre.id);
    await signedInAs(h, email, 'a long enough password');

    await agent.post(`/centre/staff/${login.id}/disable`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await loginOf(h, email))!.disabled_at).to.be.an.instanceOf(Date);
    const after = page((await agent.get('/centre/staff?done=disabled').expect(200)).text);
    expect(textOf(after.querySelector('.govuk-notification-banner'))).to.include('disabled');
    expect(textOf(after.querySelector(`#staff-${login.id}`))).to.include('Disabled on');
    await agent.post(`/centre/staff/${login.id}/enable`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await loginOf(h, email))!.disabled_at).to.equal(null);

    const entries = await auditOf(h, await createActor(h, 'auditor'), 'user', login.id);
    expect(entries.map((entry) => [entry.action, entry.actor.id])).to.deep.equal([
      ['centre.staff.enable', centre.staff.principal.userId],
      ['centre.staff.disable', centre.staff.principal.userId],
      ['centre.staff.add', centre.staff.principal.userId],
    ]);
    const dutch = page((await agent.get('/centre/staff').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Medewerkers');
  });

  it("when plain staff open the staff pages, then they read the list only; another centre's login or their own is no page for the administrator", async () => {
    const centre = await centreWithAdministrator(h);
    const other = await createCentre(h);
    const plain = await createActor(h, 'centre', { centreId: centre.id });
    const reader = await signedInAs(h, plain.principal.email, plain.password);
    const listed = await reader.get('/centre/staff').expect(200);
    const list = page(listed.text);
    expect(textOf(list.querySelector('main'))).to.include("Your centre's administrator adds and disables its staff");
    expect(list.querySelectorAll('form[action^="/centre/staff/"]')).to.have.length(0);
    await reader.get('/centre/staff/new').expect(404);
    // The sign-out form's token: a hand-made request to disable the administrator.
    const readerCsrf = csrfOf(listed.text);
    await reader.post(`/centre/staff/${centre.staff.principal.userId}/disable`).type('form').send({ _csrf: readerCsrf }).expect(404);
    expect((await loginOf(h, centre.staff.principal.email))!.disabled_at).to.equal(null);

    const agent = await signedInAs(h, centre.staff.principal.email, centre.staff.password);
    const csrf = csrfOf((await agent.get('/centre/staff/new').expect(200)).text);
    for (const target of [other.staff.principal.userId, centre.staff.principal.userId, 'not-an-id']) {
      const res = await agent.post(`/centre/staff/${target}/disable`).type('form').send({ _csrf: csrf }).expect(404);
      expect(textOf(page(res.text).querySelector('h1'))).to.equal('Page not found');
    }
    expect((await loginOf(h, other.staff.principal.email))!.disabled_at).to.equal(null);
  });
});
