import { expect } from 'chai';
import { addYears, dayBefore } from '../../server/centres/mandate-window.js';
import { createActor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { harness } from '../support/harness.js';
import { accreditationsOf, auditOf, auditsBy } from './centre-test-helpers.js';

describe('POST /v1/centres/:id/accreditations', () => {
  it('when an administrator accredits a centre for 6 years, then 201 active, listed for the centre and audited', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h, { accreditation: 'none' });
    const validFrom = h.clock.today();
    const validTo = addYears(validFrom, 6);
    const res = await h.http
      .post(`/v1/centres/${centre.id}/accreditations`)
      .set(admin.auth)
      .send({ programme: 'LBC', validFrom, validTo })
      .expect(201);
    expect(res.body).to.include({
      centreId: centre.id,
      programme: 'LBC',
      validFrom,
      validTo,
      status: 'active',
      reason: null,
      reapplyAfter: null,
    });
    const list = await h.http.get(`/v1/centres/${centre.id}/accreditations`).set(centre.staff.auth).expect(200);
    expect(list.body).to.deep.equal({ items: [res.body], nextCursor: null });
    const [entry] = await auditOf(h, admin, 'accreditation', res.body.id);
    expect(entry).to.deep.include({ action: 'accreditation.grant', before: null, after: res.body });
  });

  it('when the window is reversed, longer than 6 years or has an impossible date, then 400 names the field and nothing is written', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h, { accreditation: 'none' });
    const before = [await accreditationsOf(h, centre.id), await auditsBy(h, admin)];
    const cases: [Record<string, unknown>, string][] = [
      [{ programme: 'LBC', validFrom: '2026-06-01', validTo: '2026-05-31' }, '/validTo'],
      [{ programme: 'LBC', validFrom: '2026-06-01', validTo: '2032-06-02' }, '/validTo'],
      [{ programme: 'LBC', validFrom: '2025-02-30', validTo: '2026-01-01' }, '/validFrom'],
      [{ programme: 'LBC', validFrom: '2026-01-01', validTo: '31/12/2027' }, '/validTo'],
      [{ programme: 'lbc', validFrom: '2026-01-01', validTo: '2027-01-01' }, '/programme'],
      [{ programme: 'LBC', validFrom: '2026-01-01' }, '/validTo'],
      [{ programme: 'LBC', validFrom: '2026-01-01', validTo: '2027-01-01', status: 'active' }, '/status'],
      [{ programme: 7, validFrom: '2026-01-01', validTo: '2027-01-01' }, '/programme'],
    ];
    for (const [body, path] of cases) {
      const res = await h.http.post(`/v1/centres/${centre.id}/accreditations`).set(admin.auth).send(body).expect(400);
      expect([...new Set(res.body.errors.map((error: { path: string }) => error.path))], JSON.stringify(body)).to.deep.equal([path]);
    }
    expect([await accreditationsOf(h, centre.id), await auditsBy(h, admin)]).to.deep.equal(before);
  });

  it('when the programme does not exist or the centre does not, then 422 naming /programme or 404', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h, { accreditation: 'none' });
    const body = { programme: 'NOPE', validFrom: '2026-01-01', validTo: '2027-01-01' };
    const res = await h.http.post(`/v1/centres/${centre.id}/accreditations`).set(admin.auth).send(body).expect(422);
    expect(res.body).to.deep.include({
      code: 'unknown_programme',
      errors: [{ path: '/programme', message: 'is not a programme of this service' }],
    });
    await h.http
      .post('/v1/centres/00000000-0000-4000-8000-000000000000/accreditations')
      .set(admin.auth)
      .send({ ...body, programme: 'LBC' })
      .expect(404);
  });

  it('when an active or suspended mandate overlaps for the same programme, then 409; a later window or another programme is fine', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    for (const state of ['active', 'suspended'] as const) {
      const centre = await createCentre(h, { programme: 'LBC', accreditation: state });
      const current = (await h.http.get(`/v1/centres/${centre.id}`).set(admin.auth).expect(200)).body.accreditations[0];
      const before = await accreditationsOf(h, centre.id);
      const clash = await h.http
        .post(`/v1/centres/${centre.id}/accreditations`)
        .set(admin.auth)
        .send({ programme: 'LBC', validFrom: current.validTo, validTo: addYears(current.validTo, 1) })
        .expect(409);
      expect(clash.body).to.include({ code: 'accreditation_overlaps', accreditationId: current.id });
      expect(await accreditationsOf(h, centre.id)).to.equal(before);
      const next = dayBefore(current.validTo);
      await h.http
        .post(`/v1/centres/${centre.id}/accreditations`)
        .set(admin.auth)
        .send({ programme: 'LBC', validFrom: addYears(current.validTo, 1), validTo: addYears(current.validTo, 2) })
        .expect(201);
      await h.http
        .post(`/v1/centres/${centre.id}/accreditations`)
        .set(admin.auth)
        .send({ programme: 'ITA', validFrom: next, validTo: current.validTo })
        .expect(201);
    }
  });

  it('when two overlapping mandates are asked for at once, then only one is granted', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h, { accreditation: 'none' });
    const body = { programme: 'LBC', validFrom: h.clock.today(), validTo: addYears(h.clock.today(), 3) };
    const results = await Promise.all(
      [1, 2, 3].map(() => h.http.post(`/v1/centres/${centre.id}/accreditations`).set(admin.auth).send(body)),
    );
    expect(results.map((res) => res.status).sort()).to.deep.equal([201, 409, 409]);
  });

  it('when someone other than an administrator grants, then 401 or 403', async () => {
    const h = harness();
    const centre = await createCentre(h, { accreditation: 'none' });
    const body = { programme: 'LBC', validFrom: '2026-01-01', validTo: '2027-01-01' };
    await h.http.post(`/v1/centres/${centre.id}/accreditations`).send(body).expect(401);
    await h.http.post(`/v1/centres/${centre.id}/accreditations`).set(centre.staff.auth).send(body).expect(403);
    await h.http
      .post(`/v1/centres/${centre.id}/accreditations`)
      .set((await createActor(h, 'auditor')).auth)
      .send(body)
      .expect(403);
  });
});

describe('GET /v1/centres/:id/accreditations', () => {
  it("when read by an auditor it is listed; another centre's staff gets 404, a citizen 403", async () => {
    const h = harness();
    const [centre, other] = [await createCentre(h), await createCentre(h)];
    const res = await h.http
      .get(`/v1/centres/${centre.id}/accreditations`)
      .set((await createActor(h, 'auditor')).auth)
      .expect(200);
    expect(res.body.items.map((item: { id: string }) => item.id)).to.deep.equal([centre.accreditationId]);
    await h.http.get(`/v1/centres/${centre.id}/accreditations`).set(other.staff.auth).expect(404);
    await h.http
      .get(`/v1/centres/${centre.id}/accreditations`)
      .set((await createActor(h, 'citizen')).auth)
      .expect(403);
    await h.http.get(`/v1/centres/${centre.id}/accreditations`).expect(401);
  });

  it('when paged one at a time, then the newest window comes first and pages do not overlap', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h, { programme: 'LBC' });
    await h.http
      .post(`/v1/centres/${centre.id}/accreditations`)
      .set(admin.auth)
      .send({ programme: 'ITA', validFrom: h.clock.today(), validTo: addYears(h.clock.today(), 1) })
      .expect(201);
    const first = await h.http.get(`/v1/centres/${centre.id}/accreditations?limit=1`).set(admin.auth).expect(200);
    expect(first.body.items[0].programme).to.equal('ITA');
    const second = await h.http
      .get(`/v1/centres/${centre.id}/accreditations?limit=1&cursor=${first.body.nextCursor}`)
      .set(admin.auth)
      .expect(200);
    expect(second.body).to.deep.include({ nextCursor: null });
    expect(second.body.items[0].id).to.equal(centre.accreditationId);
  });
});
