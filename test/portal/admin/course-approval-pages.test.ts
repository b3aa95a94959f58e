import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { createCentre, createCourse } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf } from '../../support/pages.js';
import { changeForms, outsiders, staffOf, type Staff } from './admin-pages-support.js';

const statusOf = async (h: Harness, id: string) =>
  (await queryRows<{ status: string }>(h.ownerSequelize, `SELECT status FROM courses WHERE id = $1`, [id]))[0]?.status;

describe('Admin portal: the course approval queue', () => {
  let h: Harness;
  let admin: Staff;
  before(async () => {
    h = harness();
    admin = await staffOf(h, 'admin');
  });

  it('when courses wait, then the queue shows the oldest first with price and provider; rejecting without a reason is named and changes nothing, with one it is rejected and audited', async () => {
    const centre = await createCentre(h, { programme: 'ITA' });
    const older = await createCourse(h, centre.id, { approved: false, price: '1250.50' });
    const newer = await createCourse(h, centre.id, { approved: false });
    // Ten years back: the oldest in the queue, ahead of other tests' courses, on its first page.
    await queryRows(h.ownerSequelize, `UPDATE courses SET created_at = now() - interval '3650 days' WHERE id = $1`, [older.id]);
    await queryRows(h.ownerSequelize, `UPDATE courses SET created_at = now() - interval '3649 days' WHERE id = $1`, [newer.id]);
    const queue = page((await admin.agent.get('/admin/courses').expect(200)).text);
    expect(textOf(queue.querySelector('title'))).to.equal('Courses waiting for approval – Learning Accounts');
    const links = queue.querySelectorAll('tbody th a').map((link) => link.getAttribute('href'));
    expect(links.indexOf(`/admin/courses/${older.id}`))
      .to.be.greaterThan(-1)
      .and.lessThan(links.indexOf(`/admin/courses/${newer.id}`));
    expect(textOf(queue.querySelector('tbody')))
      .to.include('GBP 1,250.50')
      .and.include(centre.name);
    const dutch = page((await admin.agent.get('/admin/courses').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Opleidingen die op goedkeuring wachten');

    const path = `/admin/courses/${older.id}`;
    const view = await admin.agent.get(path).expect(200);
    const csrf = csrfOf(view.text);
    await admin.agent.post(`${path}/decision`).type('form').send({ decision: 'rejected', reason: 'No qualification.' }).expect(403);
    const bad = page(
      (await admin.agent.post(`${path}/decision`).type('form').send({ _csrf: csrf, decision: 'rejected', reason: '' }).expect(400)).text,
    );
    expect(bad.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal(['#reason']);
    const none = page((await admin.agent.post(`${path}/decision`).type('form').send({ _csrf: csrf }).expect(400)).text);
    expect(none.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal(['#decision']);
    const control = page(
      (
        await admin.agent
          .post(`${path}/decision`)
          .type('form')
          .send({ _csrf: csrf, decision: 'approved', reason: 'Fine\u0000' })
          .expect(400)
      ).text,
    );
    expect(control.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#reason');
    expect(await statusOf(h, older.id)).to.equal('pending');

    const reason = 'The qualification is not recognised.';
    await admin.agent
      .post(`${path}/decision`)
      .type('form')
      .send({ _csrf: csrf, decision: 'rejected', reason })
      .expect(303)
      .expect('Location', '/admin/courses?done=rejected');
    expect(await statusOf(h, older.id)).to.equal('rejected');
    const [audit] = await queryRows<{ action: string; after: { reason: string } }>(
      h.ownerSequelize,
      `SELECT action, after FROM audit_log WHERE entity_type = 'course' AND entity_id = $1`,
      [older.id],
    );
    expect(audit).to.deep.include({ action: 'course.reject' });
    expect(audit?.after.reason).to.equal(reason);
    const again = page(
      (await admin.agent.post(`${path}/decision`).type('form').send({ _csrf: csrf, decision: 'approved' }).expect(409)).text,
    );
    expect(again.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#decision');
    const decided = page((await admin.agent.get(path).expect(200)).text);
    expect(textOf(decided.querySelector('.govuk-summary-list'))).to.include('Rejected');
    expect(changeForms(decided)).to.have.length(0);

    await admin.agent.post(`/admin/courses/${newer.id}/decision`).type('form').send({ _csrf: csrf, decision: 'approved' }).expect(303);
    expect(await statusOf(h, newer.id)).to.equal('approved');
    const after = page((await admin.agent.get('/admin/courses').expect(200)).text);
    expect(after.querySelector(`a[href="/admin/courses/${newer.id}"]`)).to.equal(null);
  });

  it('when an auditor reads the queue and a course, then there is no decision form and a post is the 404; citizens and centres get the 404', async () => {
    const centre = await createCentre(h, { programme: 'ITA' });
    const course = await createCourse(h, centre.id, { approved: false });
    const auditor = await staffOf(h, 'auditor');
    const queue = page((await auditor.agent.get('/admin/courses').expect(200)).text);
    expect(queue.querySelector(`a[href="/admin/courses/${course.id}"]`)).to.not.equal(null);
    const view = await auditor.agent.get(`/admin/courses/${course.id}`).expect(200);
    expect(changeForms(page(view.text))).to.have.length(0);
    await auditor.agent
      .post(`/admin/courses/${course.id}/decision`)
      .type('form')
      .send({ _csrf: csrfOf(view.text), decision: 'approved' })
      .expect(404);
    expect(await statusOf(h, course.id)).to.equal('pending');
    for (const outsider of await outsiders(h)) {
      await outsider.get('/admin/courses').expect(404);
      await outsider.get(`/admin/courses/${course.id}`).expect(404);
    }
    await admin.agent.get('/admin/courses/00000000-0000-4000-8000-000000000000').expect(404);
    await admin.agent.get('/admin/courses?page=999').expect(404);
  });
});
