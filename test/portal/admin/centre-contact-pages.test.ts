import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { createCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf } from '../../support/pages.js';
import { changeForms, outsiders, staffOf, type Staff } from './admin-pages-support.js';

const contactOf = async (h: Harness, id: string) =>
  (
    await queryRows<Record<string, string | null>>(
      h.ownerSequelize,
      `SELECT address, postcode, municipality, phone, website FROM centres WHERE id = $1`,
      [id],
    )
  )[0];

const contactAudits = async (h: Harness, id: string) =>
  queryRows<{ actor_id: string; before: unknown; after: unknown }>(
    h.ownerSequelize,
    `SELECT actor_id, before, after FROM audit_log WHERE entity_id = $1 AND action = 'centre.contact' ORDER BY id`,
    [id],
  );

const NONE = { address: null, postcode: null, municipality: null, phone: null, website: null };

describe("Admin portal: a centre's contact details", () => {
  let h: Harness;
  let admin: Staff;
  let auditor: Staff;
  before(async () => {
    h = harness();
    admin = await staffOf(h, 'admin');
    auditor = await staffOf(h, 'auditor');
  });

  it('when an administrator saves contact details, then the centre page shows them in English and Dutch and the change is audited before and after', async () => {
    const centre = await createCentre(h);
    const before = page((await admin.agent.get(`/admin/centres/${centre.id}`).expect(200)).text);
    expect(textOf(before.querySelector('main')))
      .to.include('Contact details')
      .and.include('Not given');
    expect(before.querySelector(`a[href="/admin/centres/${centre.id}/contact"]`)).to.not.equal(null);
    const form = await admin.agent.get(`/admin/centres/${centre.id}/contact`).expect(200);
    const html = page(form.text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('title'))).to.include(`Contact details of ${centre.name}`);
    const res = await admin.agent
      .post(`/admin/centres/${centre.id}/contact`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        address: 'Kortrijksesteenweg 12',
        postcode: '9000',
        municipality: 'Gent',
        phone: '+32 9 234 56 78',
        website: '',
      })
      .expect(303);
    expect(res.headers.location).to.equal(`/admin/centres/${centre.id}?done=contact#contact`);
    const saved = { address: 'Kortrijksesteenweg 12', postcode: '9000', municipality: 'Gent', phone: '+32 9 234 56 78', website: null };
    expect(await contactOf(h, centre.id)).to.deep.equal(saved);
    const audits = await contactAudits(h, centre.id);
    expect(audits).to.deep.equal([{ actor_id: admin.actor.principal.userId, before: NONE, after: saved }]);
    const shown = page((await admin.agent.get(res.headers.location!).expect(200)).text);
    expect(textOf(shown.querySelector('main')))
      .to.include('The contact details are saved.')
      .and.include('Kortrijksesteenweg 12')
      .and.include('+32 9 234 56 78');
    const dutch = page((await admin.agent.get(`/admin/centres/${centre.id}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('main')))
      .to.include('Contactgegevens')
      .and.include('Straat en nummer');
    // The form opens filled in with what is stored.
    const again = page((await admin.agent.get(`/admin/centres/${centre.id}/contact`).expect(200)).text);
    expect(again.querySelector('input[name="postcode"]')?.getAttribute('value')).to.equal('9000');
  });

  it('when the form holds bad details, then the error summary names each field and nothing changes', async () => {
    const centre = await createCentre(h);
    const form = await admin.agent.get(`/admin/centres/${centre.id}/contact`).expect(200);
    const res = await admin.agent
      .post(`/admin/centres/${centre.id}/contact`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        address: 'Straat\u202e 1',
        postcode: '9000-9050-9051',
        municipality: 'Gent',
        phone: 'ring us',
        website: 'javascript:alert(1)',
      })
      .expect(400);
    const html = page(res.text);
    expect(textOf(html.querySelector('title'))).to.match(/^Error: /);
    const links = html.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'));
    expect(links).to.have.members(['#address', '#postcode', '#phone', '#website']);
    expect(textOf(html.querySelector('#website-error'))).to.include('https://');
    // What was typed comes back.
    expect(html.querySelector('input[name="municipality"]')?.getAttribute('value')).to.equal('Gent');
    expect(await contactOf(h, centre.id)).to.deep.equal(NONE);
    expect(await contactAudits(h, centre.id)).to.deep.equal([]);
    // Without its CSRF token: refused, nothing changes.
    await admin.agent.post(`/admin/centres/${centre.id}/contact`).type('form').send({ municipality: 'Gent' }).expect(403);
    expect(await contactOf(h, centre.id)).to.deep.equal(NONE);
  });

  it("when the auditor reads a centre, then the contact details show without a form; the form is the auditor's, a citizen's and a centre's 404", async () => {
    const centre = await createCentre(h);
    await queryRows(h.sequelize, `UPDATE centres SET municipality = 'Gent' WHERE id = $1`, [centre.id]);
    const read = page((await auditor.agent.get(`/admin/centres/${centre.id}`).expect(200)).text);
    expect(textOf(read.querySelector('#contact + dl'))).to.include('Gent');
    expect(read.querySelector(`a[href="/admin/centres/${centre.id}/contact"]`)).to.equal(null);
    expect(changeForms(read)).to.have.length(0);
    await auditor.agent.get(`/admin/centres/${centre.id}/contact`).expect(404);
    const csrf = csrfOf((await auditor.agent.get(`/admin/centres/${centre.id}`).expect(200)).text);
    await auditor.agent.post(`/admin/centres/${centre.id}/contact`).type('form').send({ _csrf: csrf, municipality: 'Brugge' }).expect(404);
    for (const agent of await outsiders(h)) await agent.get(`/admin/centres/${centre.id}/contact`).expect(404);
    await admin.agent.get('/admin/centres/not-a-uuid/contact').expect(404);
    expect((await contactOf(h, centre.id))?.municipality).to.equal('Gent');
  });
});
