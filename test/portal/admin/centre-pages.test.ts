import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { queryRows } from '../../../server/db/database.js';
import { createCentre, uniqueEnterpriseNumber } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf } from '../../support/pages.js';
import { changeForms, outsiders, staffOf, type Staff } from './admin-pages-support.js';

const auditCount = async (h: Harness, entityId: string, action: string) =>
  (
    await queryRows<{ n: number }>(h.ownerSequelize, `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = $2`, [
      entityId,
      action,
    ])
  )[0]?.n;

const userByEmail = async (h: Harness, email: string) =>
  (
    await queryRows<{ id: string; centre_id: string; disabled_at: Date | null; centre_admin: boolean }>(
      h.ownerSequelize,
      `SELECT id, centre_id, disabled_at, centre_admin FROM users WHERE email = $1`,
      [email],
    )
  )[0];

describe('Admin portal: centres and providers, their staff', () => {
  let h: Harness;
  let admin: Staff;
  let auditor: Staff;
  before(async () => {
    h = harness();
    admin = await staffOf(h, 'admin');
    auditor = await staffOf(h, 'auditor');
  });

  it('when an administrator lists and finds centres, then each shows with its accreditations in English and Dutch, paged, and the auditor reads the same without a form', async () => {
    const tag = randomUUID().slice(0, 8);
    const named = await createCentre(h, { name: `Zeta ${tag} guidance` });
    await createCentre(h, { name: `Zeta ${tag} other`, accreditation: 'suspended' });
    const list = page((await admin.agent.get(`/admin/centres?search=${tag}`).expect(200)).text);
    expect(list.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(list.querySelector('title'))).to.equal('Centres and providers – Learning Accounts');
    expect(list.querySelectorAll('tbody tr')).to.have.length(2);
    expect(textOf(list.querySelector('tbody')))
      .to.include(named.enterpriseNumber)
      .and.include('0 active, 1 suspended, 0 revoked');
    expect(list.querySelector(`a[href="/admin/centres/${named.id}"]`)).to.not.equal(null);
    expect(list.querySelector('a[href="/admin/centres/new"]')).to.not.equal(null);
    const dutch = page((await admin.agent.get(`/admin/centres?search=${tag}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Centra en aanbieders');
    // A search with a control character (one no name holds) finds nothing; never a 500.
    expect(page((await admin.agent.get('/admin/centres?search=Zeta%00').expect(200)).text).querySelectorAll('tbody tr')).to.have.length(0);
    // A search is taken literally: '%' matches no name.
    expect(page((await admin.agent.get('/admin/centres?search=%25%25%25').expect(200)).text).querySelectorAll('tbody tr')).to.have.length(
      0,
    );
    // Paged by 20, by name: 21 more centres of this test make a second page of 3; a page past the end is the 404.
    for (let index = 10; index < 31; index++)
      await queryRows(h.sequelize, `INSERT INTO centres (name, enterprise_number, email) VALUES ($1, $2, 'paged@centre.example')`, [
        `Zeta ${tag} paged ${index}`,
        uniqueEnterpriseNumber(),
      ]);
    const first = page((await admin.agent.get(`/admin/centres?search=${tag}`).expect(200)).text);
    expect(first.querySelectorAll('tbody tr')).to.have.length(20);
    expect(first.querySelector(`.govuk-pagination a[href="/admin/centres?page=2&search=${tag}"]`)).to.not.equal(null);
    const second = page((await admin.agent.get(`/admin/centres?page=2&search=${tag}`).expect(200)).text);
    expect(second.querySelectorAll('tbody tr').map((row) => textOf(row.querySelector('th')))).to.deep.equal([
      `Zeta ${tag} paged 28`,
      `Zeta ${tag} paged 29`,
      `Zeta ${tag} paged 30`,
    ]);
    await admin.agent.get(`/admin/centres?page=3&search=${tag}`).expect(404);

    const read = page((await auditor.agent.get(`/admin/centres?search=${tag}%20guidance`).expect(200)).text);
    expect(read.querySelectorAll('tbody tr')).to.have.length(1);
    expect(read.querySelector('a[href="/admin/centres/new"]')).to.equal(null);
    expect(changeForms(read)).to.have.length(0);
    const centrePage = page((await auditor.agent.get(`/admin/centres/${named.id}`).expect(200)).text);
    expect(textOf(centrePage.querySelector('h1'))).to.equal(named.name);
    expect(changeForms(centrePage)).to.have.length(0);
    expect(centrePage.querySelector(`a[href^="/admin/centres/${named.id}/accreditations/"]`)).to.equal(null);
    await auditor.agent.get('/admin/centres/new').expect(404);
    await auditor.agent.get(`/admin/centres/${named.id}/staff/new`).expect(404);

    for (const outsider of await outsiders(h)) {
      await outsider.get('/admin/centres').expect(404);
      await outsider.get(`/admin/centres/${named.id}`).expect(404);
    }
    await admin.agent.get(`/admin/centres/${randomUUID()}`).expect(404);
    await admin.agent.get('/admin/centres/not-a-centre').expect(404);
  });

  it('when an administrator registers a centre, then bad input is named and registers nothing, a known enterprise number is refused, and the new centre is audited', async () => {
    const form = await admin.agent.get('/admin/centres/new').expect(200);
    const csrf = csrfOf(form.text);
    const number = uniqueEnterpriseNumber();
    const name = `Registered ${randomUUID().slice(0, 8)}`;
    await admin.agent
      .post('/admin/centres/new')
      .type('form')
      .send({ name, enterpriseNumber: number, email: 'info@centre.example' })
      .expect(403);
    const bad = page(
      (
        await admin.agent
          .post('/admin/centres/new')
          .type('form')
          .send({ _csrf: csrf, name, enterpriseNumber: '0123.456.789', email: 'nope' })
          .expect(400)
      ).text,
    );
    expect(bad.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal([
      '#enterpriseNumber',
      '#email',
    ]);
    expect(textOf(bad.querySelector('title'))).to.match(/^Error: /);
    expect(bad.querySelector('#name')?.getAttribute('value')).to.equal(name);
    expect(await queryRows(h.ownerSequelize, `SELECT 1 FROM centres WHERE name = $1`, [name])).to.have.length(0);
    // A name the API would refuse (a control character the database cannot store) is named too, never a 500.
    const control = await admin.agent
      .post('/admin/centres/new')
      .type('form')
      .send({ _csrf: csrf, name: 'Bad\u0000name', enterpriseNumber: number, email: 'info@centre.example' })
      .expect(400);
    expect(page(control.text).querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#name');

    const made = await admin.agent
      .post('/admin/centres/new')
      .type('form')
      .send({ _csrf: csrf, name, enterpriseNumber: number, email: 'info@centre.example' })
      .expect(303);
    const id = /^\/admin\/centres\/([0-9a-f-]{36})\?done=registered$/.exec(made.headers.location as string)?.[1] as string;
    expect(id).to.be.a('string');
    const shown = page((await admin.agent.get(made.headers.location as string).expect(200)).text);
    expect(textOf(shown.querySelector('h1'))).to.equal(name);
    expect(textOf(shown.querySelector('.govuk-notification-banner'))).to.include('The centre is registered.');
    expect(await auditCount(h, id, 'centre.register')).to.equal(1);
    const again = page(
      (
        await admin.agent
          .post('/admin/centres/new')
          .type('form')
          .send({ _csrf: csrf, name: 'Another', enterpriseNumber: number, email: 'x@centre.example' })
          .expect(409)
      ).text,
    );
    expect(again.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#enterpriseNumber');
  });

  it("when an administrator adds a centre's staff login, disables and enables it and makes it the centre's administrator, then each is done and audited, and bad input adds nobody", async () => {
    const centre = await createCentre(h);
    const path = `/admin/centres/${centre.id}`;
    const csrf = csrfOf((await admin.agent.get(`${path}/staff/new`).expect(200)).text);
    const email = `staff-${randomUUID().slice(0, 8)}@centre.example`;
    const bad = page(
      (await admin.agent.post(`${path}/staff/new`).type('form').send({ _csrf: csrf, name: '', email, password: 'short' }).expect(400)).text,
    );
    expect(bad.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal(['#name', '#password']);
    expect(await userByEmail(h, email)).to.equal(undefined);
    const taken = page(
      (
        await admin.agent
          .post(`${path}/staff/new`)
          .type('form')
          .send({ _csrf: csrf, name: 'Noor', email: centre.staff.principal.email, password: 'a long enough password' })
          .expect(409)
      ).text,
    );
    expect(taken.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#email');
    await admin.agent
      .post(`${path}/staff/new`)
      .type('form')
      .send({ _csrf: csrf, name: 'Noor', email, password: 'a long enough password' })
      .expect(303)
      .expect('Location', `${path}?done=staffAdded#staff`);
    const added = await userByEmail(h, email);
    expect(added).to.include({ centre_id: centre.id, disabled_at: null, centre_admin: false });
    expect(await auditCount(h, added!.id, 'centre.staff.add')).to.equal(1);

    const view = page((await admin.agent.get(path).expect(200)).text);
    expect(textOf(view.querySelector(`#staff-${added!.id}`)))
      .to.include('Noor')
      .and.include('Active');
    await admin.agent.post(`${path}/staff/${added!.id}/disable`).type('form').send({}).expect(403);
    await admin.agent.post(`${path}/staff/${added!.id}/disable`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await userByEmail(h, email))?.disabled_at).to.be.an.instanceOf(Date);
    expect(textOf(page((await admin.agent.get(path).expect(200)).text).querySelector(`#staff-${added!.id}`))).to.include('Disabled on');
    await admin.agent.post(`${path}/staff/${added!.id}/enable`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await userByEmail(h, email))?.disabled_at).to.equal(null);
    await admin.agent.post(`${path}/staff/${added!.id}/centre-admin`).type('form').send({ _csrf: csrf, centreAdmin: 'true' }).expect(303);
    expect((await userByEmail(h, email))?.centre_admin).to.equal(true);
    expect(textOf(page((await admin.agent.get(path).expect(200)).text).querySelector(`#staff-${added!.id}`))).to.include(
      'Centre administrator',
    );
    await admin.agent.post(`${path}/staff/${added!.id}/centre-admin`).type('form').send({ _csrf: csrf, centreAdmin: 'maybe' }).expect(404);
    expect(await auditCount(h, added!.id, 'centre.staff.disable')).to.equal(1);
    expect(await auditCount(h, added!.id, 'centre.staff.enable')).to.equal(1);
    expect(await auditCount(h, added!.id, 'centre.staff.admin_grant')).to.equal(1);

    // Another centre's login is not this centre's: the 404, and nothing changes.
    const other = await createCentre(h);
    await admin.agent.post(`${path}/staff/${other.staff.principal.userId}/disable`).type('form').send({ _csrf: csrf }).expect(404);
    expect((await userByEmail(h, other.staff.principal.email))?.disabled_at).to.equal(null);
    // The auditor may not post any of them.
    const auditorCsrf = csrfOf((await auditor.agent.get(path).expect(200)).text);
    await auditor.agent.post(`${path}/staff/${added!.id}/disable`).type('form').send({ _csrf: auditorCsrf }).expect(404);
    expect((await userByEmail(h, email))?.disabled_at).to.equal(null);
  });
});
