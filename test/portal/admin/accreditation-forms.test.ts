// The accreditation forms with what the page's own checks let through but the API's shape
// refuses, dates not sent at all, and a change posted for an accreditation whose status does not
// allow it.
import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { createCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf } from '../../support/pages.js';
import { staffOf, type Staff } from './admin-pages-support.js';

const statusOf = async (h: Harness, id: string) =>
  (await queryRows<{ status: string }>(h.ownerSequelize, `SELECT status FROM accreditations WHERE id = $1`, [id]))[0]?.status;

const errorsOf = (html: string) =>
  page(html)
    .querySelectorAll('.govuk-error-summary a')
    .map((link) => [link.getAttribute('href'), textOf(link)]);

describe('Admin portal: accreditation forms, beyond the page checks', () => {
  let h: Harness;
  let admin: Staff;
  before(async () => {
    h = harness();
    admin = await staffOf(h, 'admin');
  });

  it('when a grant is sent without any date fields, then both dates are named, in Dutch too, and nothing is granted', async () => {
    const centre = await createCentre(h, { accreditation: 'none' });
    const path = `/admin/centres/${centre.id}/accreditations/new`;
    const csrf = csrfOf((await admin.agent.get(path).expect(200)).text);
    const res = await admin.agent.post(path).type('form').send({ _csrf: csrf, programme: 'LBC' }).expect(400);
    expect(errorsOf(res.text)).to.deep.equal([
      ['#validFrom-day', 'Enter the first day as a real date'],
      ['#validTo-day', 'Enter the last day as a real date, on or after the first day and at most 6 years after it'],
    ]);
    const dutch = await admin.agent.post(path).set('Cookie', 'lang=nl').type('form').send({ _csrf: csrf, programme: 'LBC' }).expect(400);
    expect(errorsOf(dutch.text)[0]).to.deep.equal(['#validFrom-day', 'Vul de eerste dag in als een bestaande datum']);
    const granted = await queryRows(h.ownerSequelize, `SELECT id FROM accreditations WHERE centre_id = $1`, [centre.id]);
    expect(granted).to.deep.equal([]);
  });

  it('when a reason of the right length holds a control character, then the reason is named on the form and at the confirmation, and nothing changes', async () => {
    const centre = await createCentre(h);
    const path = `/admin/centres/${centre.id}/accreditations/${centre.accreditationId}/suspend`;
    const csrf = csrfOf((await admin.agent.get(path).expect(200)).text);
    // The page's length check passes it; the API's shape for the reason refuses it.
    const reason = 'Sessions never\u0007 held.';
    for (const target of [path, `${path}/confirm`]) {
      const res = await admin.agent.post(target).type('form').send({ _csrf: csrf, reason }).expect(400);
      expect(errorsOf(res.text), target).to.deep.equal([['#reason', 'Enter the reason, in 3 to 2000 characters']]);
    }
    expect(await statusOf(h, centre.accreditationId!)).to.equal('active');
  });

  it('when a restore is posted for an accreditation that is active, then it is the portal 404 and nothing changes', async () => {
    const centre = await createCentre(h);
    const path = `/admin/centres/${centre.id}/accreditations/${centre.accreditationId}/restore`;
    const csrf = csrfOf((await admin.agent.get(`/admin/centres/${centre.id}`).expect(200)).text);
    const res = await admin.agent.post(path).type('form').send({ _csrf: csrf, reason: 'Nothing to restore.' }).expect(404);
    expect(textOf(page(res.text).querySelector('h1'))).to.equal('Page not found');
    expect(await statusOf(h, centre.accreditationId!)).to.equal('active');
  });
});
