import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { createActor } from '../../support/actors.js';
import { createCentre, type TestCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';

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

const contactOf = async (h: Harness, id: string) =>
  (
    await queryRows<Record<string, string | null>>(
      h.sequelize,
      `SELECT address, postcode, municipality, phone, website FROM centres WHERE id = $1`,
      [id],
    )
  )[0];

const NONE = { address: null, postcode: null, municipality: null, phone: null, website: null };

describe("Centre portal: the centre's contact details", () => {
  let h: Harness;
  before(() => {
    h = harness();
  });

  it("when the centre's administrator changes them, then they are saved and audited as them, shown in English and Dutch; bad input is named and changes nothing", async () => {
    const centre = await centreWithAdministrator(h);
    const agent = await signedInAs(h, centre.staff.principal.email, centre.staff.password);
    const shown = page((await agent.get('/centre/contact').expect(200)).text);
    expect(shown.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(shown.querySelector('main')))
      .to.include(`info-${centre.enterpriseNumber}@centre.example`)
      .and.include('Not given');
    expect(shown.querySelector('a[href="/centre/contact/change"]')).to.not.equal(null);
    const form = await agent.get('/centre/contact/change').expect(200);
    const bad = await agent
      .post('/centre/contact/change')
      .type('form')
      .send({ _csrf: csrfOf(form.text), postcode: 'EH1 1AB', municipality: 'Edinburgh', phone: '0131 496 0000', website: 'www.example' })
      .expect(400);
    const html = page(bad.text);
    expect(textOf(html.querySelector('title'))).to.match(/^Error: /);
    expect(html.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal(['#website']);
    expect(await contactOf(h, centre.id)).to.deep.equal(NONE);
    const saved = await agent
      .post('/centre/contact/change')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        postcode: 'eh1 1ab',
        municipality: 'Edinburgh',
        phone: '0131 496 0000',
        website: 'https://skills.example',
      })
      .expect(303);
    expect(saved.headers.location).to.equal('/centre/contact?done=saved');
    expect(await contactOf(h, centre.id)).to.deep.equal({
      address: null,
      postcode: 'EH1 1AB',
      municipality: 'Edinburgh',
      phone: '0131 496 0000',
      website: 'https://skills.example',
    });
    const [audit] = await queryRows<{ actor_id: string }>(
      h.ownerSequelize,
      `SELECT actor_id FROM audit_log WHERE entity_id = $1 AND action = 'centre.contact'`,
      [centre.id],
    );
    expect(audit?.actor_id).to.equal(centre.staff.principal.userId);
    expect(textOf(page((await agent.get(saved.headers.location!).expect(200)).text).querySelector('main')))
      .to.include('The contact details are saved.')
      .and.include('EH1 1AB');
    const dutch = page((await agent.get('/centre/contact').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('main')))
      .to.include('Contactgegevens')
      .and.include('Gemeente');
  });

  it('when other staff open them, then they read them without a form, and the form is their 404', async () => {
    const centre = await centreWithAdministrator(h);
    const plain = await createActor(h, 'centre', { centreId: centre.id });
    const agent = await signedInAs(h, plain.principal.email, plain.password);
    const shown = page((await agent.get('/centre/contact').expect(200)).text);
    expect(shown.querySelector('a[href="/centre/contact/change"]')).to.equal(null);
    expect(textOf(shown.querySelector('main'))).to.include("Your centre's administrator can change them.");
    await agent.get('/centre/contact/change').expect(404);
    const csrf = csrfOf(shown.toString());
    await agent.post('/centre/contact/change').type('form').send({ _csrf: csrf, municipality: 'Gent' }).expect(404);
    expect(await contactOf(h, centre.id)).to.deep.equal(NONE);
  });
});
