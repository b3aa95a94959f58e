import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { addDays } from '../../../server/shared/calendar.js';
import { createCentre, type TestCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, dateFields, page, textOf } from '../../support/pages.js';
import { changeForms, outsiders, staffOf, type Staff } from './admin-pages-support.js';

const accreditationOf = async (h: Harness, id: string) =>
  (
    await queryRows<{ status: string; reason: string | null; reapply_after: string | null }>(
      h.ownerSequelize,
      `SELECT status, reason, reapply_after::text FROM accreditations WHERE id = $1`,
      [id],
    )
  )[0];

const errorLinks = (html: string) =>
  page(html)
    .querySelectorAll('.govuk-error-summary a')
    .map((link) => link.getAttribute('href'));

describe("Admin portal: a centre's accreditations, granted, suspended, restored and revoked with their history", () => {
  let h: Harness;
  let admin: Staff;
  before(async () => {
    h = harness();
    admin = await staffOf(h, 'admin');
  });

  const pathOf = (centre: TestCentre, change: string) => `/admin/centres/${centre.id}/accreditations/${centre.accreditationId}/${change}`;

  it('when an administrator suspends without a reason, then the reason is named and nothing changes; with one, the check page comes first, then it is suspended, audited and in its history', async () => {
    const centre = await createCentre(h);
    const path = pathOf(centre, 'suspend');
    const form = await admin.agent.get(path).expect(200);
    const csrf = csrfOf(form.text);
    expect(textOf(page(form.text).querySelector('h1'))).to.equal('Suspend the LBC accreditation');
    await admin.agent.post(path).type('form').send({ reason: 'Inspection found sessions never held.' }).expect(403);
    const bad = await admin.agent.post(path).type('form').send({ _csrf: csrf, reason: ' ' }).expect(400);
    expect(errorLinks(bad.text)).to.deep.equal(['#reason']);
    // The confirmation checks the answers again: a hand-made one without a reason changes nothing either.
    expect(
      errorLinks((await admin.agent.post(`${path}/confirm`).type('form').send({ _csrf: csrf, reason: '' }).expect(400)).text),
    ).to.deep.equal(['#reason']);
    expect(await accreditationOf(h, centre.accreditationId!)).to.include({ status: 'active' });

    const reason = 'Inspection found sessions never held.';
    const check = page((await admin.agent.post(path).type('form').send({ _csrf: csrf, reason }).expect(200)).text);
    expect(textOf(check.querySelector('h1'))).to.equal('Check before you change the accreditation');
    expect(textOf(check.querySelector('.govuk-summary-list')))
      .to.include(reason)
      .and.include(centre.name);
    expect(await accreditationOf(h, centre.accreditationId!)).to.include({ status: 'active' });
    // "Change your answers" brings the reason back into the form.
    const edit = page((await admin.agent.post(path).type('form').send({ _csrf: csrf, reason, step: 'edit' }).expect(200)).text);
    expect(textOf(edit.querySelector('#reason'))).to.equal(reason);
    expect(check.querySelector(`form[action="${path}/confirm"] input[name="reason"]`)?.getAttribute('value')).to.equal(reason);

    await admin.agent
      .post(`${path}/confirm`)
      .type('form')
      .send({ _csrf: csrf, reason })
      .expect(303)
      .expect('Location', `/admin/centres/${centre.id}?done=suspended#accreditations`);
    expect(await accreditationOf(h, centre.accreditationId!)).to.include({ status: 'suspended', reason });
    // Sent twice: what was asked for holds, nothing more is written.
    await admin.agent.post(`${path}/confirm`).type('form').send({ _csrf: csrf, reason }).expect(303);
    const audits = await queryRows<{ action: string; actor_id: string }>(
      h.ownerSequelize,
      `SELECT action, actor_id FROM audit_log WHERE entity_type = 'accreditation' AND entity_id = $1`,
      [centre.accreditationId],
    );
    expect(audits).to.deep.equal([{ action: 'accreditation.suspend', actor_id: admin.actor.principal.userId }]);
    const view = page((await admin.agent.get(`/admin/centres/${centre.id}`).expect(200)).text);
    const card = view.querySelector(`#accreditation-${centre.accreditationId}`);
    expect(textOf(card)).to.include('Suspended').and.include(reason).and.include('History');
    expect(textOf(card?.querySelector('.govuk-details'))).to.include(`Suspended (${reason})`);
    expect(card?.querySelector(`a[href="${pathOf(centre, 'restore')}"]`)).to.not.equal(null);
    expect(card?.querySelector(`a[href="${pathOf(centre, 'suspend')}"]`)).to.equal(null);
    await admin.agent.get(path).expect(404);

    const dutch = page((await admin.agent.get(pathOf(centre, 'restore')).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('De erkenning LBC herstellen');
    await admin.agent
      .post(`${pathOf(centre, 'restore')}/confirm`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Inspection closed.' })
      .expect(303);
    expect(await accreditationOf(h, centre.accreditationId!)).to.include({ status: 'active' });
  });

  it('when an administrator revokes with a re-apply date in the past or none, then the date is named and nothing changes; with a future date it is revoked and final', async () => {
    const centre = await createCentre(h);
    const path = pathOf(centre, 'revoke');
    const csrf = csrfOf((await admin.agent.get(path).expect(200)).text);
    const today = h.clock.today();
    const reason = 'Claimed for a dormant cheque.';
    const past = await admin.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, reason, ...dateFields('reapplyAfter', addDays(today, -1)) })
      .expect(400);
    expect(errorLinks(past.text)).to.deep.equal(['#reapplyAfter-day']);
    expect(textOf(page(past.text).querySelector('.govuk-error-summary'))).to.include('must be after today');
    const none = await admin.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, reason: '', 'reapplyAfter-day': '31', 'reapplyAfter-month': '2' });
    expect(none.status).to.equal(400);
    expect(errorLinks(none.text)).to.deep.equal(['#reason', '#reapplyAfter-day']);
    await admin.agent
      .post(`${path}/confirm`)
      .type('form')
      .send({ _csrf: csrf, reason, ...dateFields('reapplyAfter', today) })
      .expect(400);
    expect(await accreditationOf(h, centre.accreditationId!)).to.include({ status: 'active', reapply_after: null });

    const reapply = addDays(today, 365);
    const check = page(
      (
        await admin.agent
          .post(path)
          .type('form')
          .send({ _csrf: csrf, reason, ...dateFields('reapplyAfter', reapply) })
          .expect(200)
      ).text,
    );
    expect(textOf(check.querySelector('.govuk-summary-list')))
      .to.include('Revoke (final)')
      .and.include('May apply again from');
    await admin.agent
      .post(`${path}/confirm`)
      .type('form')
      .send({ _csrf: csrf, reason, ...dateFields('reapplyAfter', reapply) })
      .expect(303);
    expect(await accreditationOf(h, centre.accreditationId!)).to.include({ status: 'revoked', reason, reapply_after: reapply });
    const card = page((await admin.agent.get(`/admin/centres/${centre.id}`).expect(200)).text).querySelector(
      `#accreditation-${centre.accreditationId}`,
    );
    expect(card?.querySelectorAll('.govuk-summary-card__action')).to.have.length(0);
    for (const change of ['suspend', 'restore', 'revoke']) await admin.agent.get(pathOf(centre, change)).expect(404);
    // A hand-made confirmation of a revoked one is refused against the reason, and it stays revoked.
    const refused = await admin.agent
      .post(`${pathOf(centre, 'restore')}/confirm`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Undo it.' })
      .expect(409);
    expect(errorLinks(refused.text)).to.deep.equal(['#reason']);
    expect(await accreditationOf(h, centre.accreditationId!)).to.include({ status: 'revoked' });
    // Accredited again before the re-apply date: refused against the start date, which names the date.
    const grant = `/admin/centres/${centre.id}/accreditations/new`;
    const early = await admin.agent
      .post(grant)
      .type('form')
      .send({
        _csrf: csrf,
        programme: 'LBC',
        ...dateFields('validFrom', addDays(today, 400)),
        ...dateFields('validTo', addDays(today, 500)),
      })
      .expect(409);
    expect(errorLinks(early.text)).to.deep.equal(['#validFrom-day']);
    expect(textOf(page(early.text).querySelector('.govuk-error-summary'))).to.include('it may be accredited again from');
  });

  it('when an administrator grants an accreditation, then bad dates are named and nothing is granted; a good window is granted and shows in the history', async () => {
    const centre = await createCentre(h, { accreditation: 'none' });
    const path = `/admin/centres/${centre.id}/accreditations/new`;
    const csrf = csrfOf((await admin.agent.get(path).expect(200)).text);
    const today = h.clock.today();
    const count = async () =>
      (
        await queryRows<{ n: number }>(h.ownerSequelize, `SELECT count(*)::int AS n FROM accreditations WHERE centre_id = $1`, [centre.id])
      )[0]?.n;
    const bad = await admin.agent
      .post(path)
      .type('form')
      .send({
        _csrf: csrf,
        programme: '',
        ...dateFields('validFrom', today),
        'validTo-day': '40',
        'validTo-month': '1',
        'validTo-year': '2027',
      })
      .expect(400);
    expect(errorLinks(bad.text)).to.deep.equal(['#programme', '#validTo-day']);
    const tooLong = await admin.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, programme: 'LBC', ...dateFields('validFrom', today), ...dateFields('validTo', addDays(today, 7 * 366)) })
      .expect(400);
    expect(errorLinks(tooLong.text)).to.deep.equal(['#validTo-day']);
    // A programme code of the right shape that no programme has is named at the programme.
    const unknown = await admin.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, programme: 'ZZQ', ...dateFields('validFrom', today), ...dateFields('validTo', addDays(today, 30)) })
      .expect(422);
    expect(errorLinks(unknown.text)).to.deep.equal(['#programme']);
    expect(await count()).to.equal(0);
    await admin.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, programme: 'LBC', ...dateFields('validFrom', today), ...dateFields('validTo', addDays(today, 365)) })
      .expect(303)
      .expect('Location', `/admin/centres/${centre.id}?done=granted#accreditations`);
    expect(await count()).to.equal(1);
    const overlap = await admin.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, programme: 'LBC', ...dateFields('validFrom', addDays(today, 10)), ...dateFields('validTo', addDays(today, 20)) })
      .expect(409);
    expect(errorLinks(overlap.text)).to.deep.equal(['#validFrom-day']);
    const view = page((await admin.agent.get(`/admin/centres/${centre.id}`).expect(200)).text);
    expect(textOf(view.querySelector('.govuk-summary-card .govuk-details'))).to.include('Granted');
  });

  it('when an auditor, a citizen or a centre user asks for the forms, then they are the 404, and a post changes nothing', async () => {
    const centre = await createCentre(h);
    const auditor = await staffOf(h, 'auditor');
    const view = page((await auditor.agent.get(`/admin/centres/${centre.id}`).expect(200)).text);
    expect(changeForms(view)).to.have.length(0);
    expect(view.querySelectorAll('.govuk-summary-card__action')).to.have.length(0);
    await auditor.agent.get(pathOf(centre, 'suspend')).expect(404);
    await auditor.agent.get(`/admin/centres/${centre.id}/accreditations/new`).expect(404);
    const csrf = csrfOf(view.toString());
    await auditor.agent
      .post(`${pathOf(centre, 'suspend')}/confirm`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Not mine to do.' })
      .expect(404);
    for (const outsider of await outsiders(h)) await outsider.get(pathOf(centre, 'suspend')).expect(404);
    await admin.agent.get(pathOf(centre, 'pause')).expect(404);
    expect(await accreditationOf(h, centre.accreditationId!)).to.include({ status: 'active' });
  });
});
