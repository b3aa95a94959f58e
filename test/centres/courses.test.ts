import { expect } from 'chai';
import { createActor } from '../support/actors.js';
import { createCentre, createCourse } from '../support/centre-factory.js';
import { harness } from '../support/harness.js';
import { allPages, auditOf, coursesOf } from './centre-test-helpers.js';

const course = { title: 'Forklift Truck Operation', price: '150.00', qualification: 'SCQF level 5' };

describe('POST /v1/centres/:centreId/courses', () => {
  it("when the provider's staff propose a course, then 201 pending in GBP, audited, and not yet public", async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const res = await h.http.post(`/v1/centres/${provider.id}/courses`).set(provider.staff.auth).send(course).expect(201);
    expect(res.body).to.deep.include({
      centreId: provider.id,
      title: course.title,
      qualification: course.qualification,
      status: 'pending',
      price: { amount: '150.00', currency: 'GBP' },
    });
    const [entry] = await auditOf(h, await createActor(h, 'auditor'), 'course', res.body.id);
    expect(entry).to.deep.include({ action: 'course.propose', before: null, after: res.body });
    const listed = await allPages<{ id: string }>(h, `/v1/centres/${provider.id}/courses`);
    expect(listed.map((item) => item.id)).to.not.include(res.body.id);
  });

  it("when an administrator proposes for a provider with a numeric price, then 201 with the exact amount in the programme's currency; another currency is 400 at /currency", async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const admin = await createActor(h, 'admin');
    const res = await h.http
      .post(`/v1/centres/${provider.id}/courses`)
      .set(admin.auth)
      .send({ ...course, price: 99.9, currency: 'GBP', programme: 'ITA', tags: ['welding'] })
      .expect(201);
    expect(res.body.price).to.deep.equal({ amount: '99.90', currency: 'GBP' });
    expect(res.body).to.include({ programme: 'ITA' });
    expect(res.body.tags).to.deep.equal(['welding']);
    const euros = await h.http
      .post(`/v1/centres/${provider.id}/courses`)
      .set(admin.auth)
      .send({ ...course, currency: 'EUR' })
      .expect(400);
    expect(euros.body.errors).to.deep.equal([{ path: '/currency', message: 'must be GBP, the currency of ITA' }]);
  });

  it('when the programme is unknown or pays for no courses, then 400 at /programme', async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const admin = await createActor(h, 'admin');
    const propose = (body: Record<string, unknown>) => h.http.post(`/v1/centres/${provider.id}/courses`).set(admin.auth).send(body);
    expect((await propose({ ...course, programme: 'NOPE' }).expect(400)).body.errors[0]).to.include({ path: '/programme' });
    expect((await propose({ ...course, programme: 'LBC' }).expect(400)).body.errors[0]).to.deep.equal({
      path: '/programme',
      message: 'LBC pays for no courses',
    });
  });

  it('when the price has 3 decimals, is negative, zero, too large or not a number, or a field is wrong, then 400 with the pointer and no row', async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...course, price: '150.123' }, ['/price']],
      [{ ...course, price: 150.123 }, ['/price']],
      [{ ...course, price: '-5.00' }, ['/price']],
      [{ ...course, price: '0.00' }, ['/price']],
      [{ ...course, price: '99999999999.00' }, ['/price']],
      [{ ...course, price: 'cheap' }, ['/price']],
      [{ ...course, currency: 'USD' }, ['/currency']],
      [{ price: '10.00', qualification: 'x', discount: '5.00' }, ['/discount', '/title']],
      [{ ...course, title: '' }, ['/title']],
    ];
    for (const [body, paths] of cases) {
      const res = await h.http.post(`/v1/centres/${provider.id}/courses`).set(provider.staff.auth).send(body).expect(400);
      expect([...new Set(res.body.errors.map((error: { path: string }) => error.path))].sort(), JSON.stringify(body)).to.deep.equal(paths);
    }
    expect(await coursesOf(h, [provider.id])).to.equal(0);
  });

  it("when another provider's staff propose for this one, then 404 and no row; an auditor 403, no token 401", async () => {
    const h = harness();
    const [provider, other] = [await createCentre(h, { programme: 'ITA' }), await createCentre(h, { programme: 'ITA' })];
    await h.http.post(`/v1/centres/${provider.id}/courses`).set(other.staff.auth).send(course).expect(404);
    await h.http
      .post(`/v1/centres/${provider.id}/courses`)
      .set((await createActor(h, 'auditor')).auth)
      .send(course)
      .expect(403);
    await h.http.post(`/v1/centres/${provider.id}/courses`).send(course).expect(401);
    await h.http
      .post('/v1/centres/00000000-0000-4000-8000-000000000000/courses')
      .set((await createActor(h, 'admin')).auth)
      .send(course)
      .expect(404);
    expect(await coursesOf(h, [provider.id, other.id, '00000000-0000-4000-8000-000000000000'])).to.equal(0);
  });

  it('when the provider has no active ITA accreditation today (suspended, or none), then 422 centre_not_accredited and no row, whoever proposes', async () => {
    const h = harness();
    const suspended = await createCentre(h, { programme: 'ITA', accreditation: 'suspended' });
    const lbcOnly = await createCentre(h, { programme: 'LBC' });
    const admin = await createActor(h, 'admin');
    for (const [provider, actor] of [
      [suspended, suspended.staff],
      [suspended, admin],
      [lbcOnly, lbcOnly.staff],
    ] as const) {
      const res = await h.http.post(`/v1/centres/${provider.id}/courses`).set(actor.auth).send(course);
      expect([res.status, res.body.code]).to.deep.equal([422, 'centre_not_accredited']);
    }
    expect(await coursesOf(h, [suspended.id, lbcOnly.id])).to.equal(0);
  });
});

describe('POST /v1/courses/:id/approval', () => {
  it('when an administrator approves, then it is public and audited; a second decision is 409', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const provider = await createCentre(h, { programme: 'ITA' });
    const pending = await createCourse(h, provider.id, { price: '200.00', approved: false });
    const res = await h.http.post(`/v1/courses/${pending.id}/approval`).set(admin.auth).send({ decision: 'approved' }).expect(200);
    expect(res.body).to.include({ id: pending.id, status: 'approved', reason: null });
    const [entry] = await auditOf(h, admin, 'course', pending.id);
    expect(entry!.action).to.equal('course.approve');
    expect(entry!.before).to.include({ status: 'pending' });
    expect(entry!.after).to.include({ status: 'approved' });
    const again = await h.http
      .post(`/v1/courses/${pending.id}/approval`)
      .set(admin.auth)
      .send({ decision: 'rejected', reason: 'Changed my mind' })
      .expect(409);
    expect(again.body.code).to.equal('course_already_decided');
    const listed = await h.http.get(`/v1/centres/${provider.id}/courses`).expect(200);
    expect(listed.body).to.deep.equal({
      items: [
        {
          id: pending.id,
          title: pending.title,
          price: { amount: '200.00', currency: 'GBP' },
          qualification: 'SCQF level 6',
          programme: 'ITA',
          tags: [],
        },
      ],
      nextCursor: null,
    });
  });

  it('when two administrators decide the same course at once, then exactly one decision is taken', async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const pending = await createCourse(h, provider.id, { approved: false });
    const [first, second] = [await createActor(h, 'admin'), await createActor(h, 'admin')];
    const results = await Promise.all([
      h.http.post(`/v1/courses/${pending.id}/approval`).set(first.auth).send({ decision: 'approved' }),
      h.http.post(`/v1/courses/${pending.id}/approval`).set(second.auth).send({ decision: 'rejected', reason: 'Too expensive' }),
    ]);
    expect(results.map((res) => res.status).sort()).to.deep.equal([200, 409]);
    expect(await auditOf(h, first, 'course', pending.id)).to.have.length(1);
  });

  it('when an administrator rejects with a reason, then the reason is in the answer and the audit, and it stays hidden', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const provider = await createCentre(h, { programme: 'ITA' });
    const pending = await createCourse(h, provider.id, { approved: false });
    const res = await h.http
      .post(`/v1/courses/${pending.id}/approval`)
      .set(admin.auth)
      .send({ decision: 'rejected', reason: 'No recognised qualification' })
      .expect(200);
    expect(res.body).to.include({ status: 'rejected', reason: 'No recognised qualification' });
    const [entry] = await auditOf(h, admin, 'course', pending.id);
    expect(entry!.after).to.include({ status: 'rejected', reason: 'No recognised qualification' });
    expect((await h.http.get(`/v1/centres/${provider.id}/courses`).expect(200)).body.items).to.deep.equal([]);
  });

  it('when the decision is unknown or the caller is not an administrator, then 400, 403 or 401 and the course stays pending', async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const pending = await createCourse(h, provider.id, { approved: false });
    const bad = await h.http
      .post(`/v1/courses/${pending.id}/approval`)
      .set((await createActor(h, 'admin')).auth)
      .send({ decision: 'maybe' })
      .expect(400);
    expect(bad.body.errors[0].path).to.equal('/decision');
    await h.http.post(`/v1/courses/${pending.id}/approval`).set(provider.staff.auth).send({ decision: 'approved' }).expect(403);
    await h.http.post(`/v1/courses/${pending.id}/approval`).send({ decision: 'approved' }).expect(401);
    await h.http
      .post('/v1/courses/00000000-0000-4000-8000-000000000000/approval')
      .set((await createActor(h, 'admin')).auth)
      .send({ decision: 'approved' })
      .expect(404);
    expect((await h.http.get(`/v1/centres/${provider.id}/courses`).expect(200)).body.items).to.deep.equal([]);
  });
});

describe('GET /v1/centres/:centreId/courses (public)', () => {
  it('when a provider has approved and pending courses, then only the approved ones are listed, by title, in pages', async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const b = await createCourse(h, provider.id, { title: 'B course', price: '450.00' });
    const a = await createCourse(h, provider.id, { title: 'A course', price: '150.00' });
    await createCourse(h, provider.id, { title: 'C pending', approved: false });
    const first = await h.http.get(`/v1/centres/${provider.id}/courses?limit=1`).expect(200);
    expect(first.body.items).to.deep.equal([
      {
        id: a.id,
        title: 'A course',
        price: { amount: '150.00', currency: 'GBP' },
        qualification: 'SCQF level 6',
        programme: 'ITA',
        tags: [],
      },
    ]);
    const second = await h.http.get(`/v1/centres/${provider.id}/courses?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items.map((item: { id: string }) => item.id)).to.deep.equal([b.id]);
    expect(second.body.nextCursor).to.equal(null);
  });

  it('when the provider is unknown, then 404; when the id is not a UUID, then 400', async () => {
    const h = harness();
    await h.http.get('/v1/centres/00000000-0000-4000-8000-000000000000/courses').expect(404);
    const res = await h.http.get('/v1/centres/abc/courses').expect(400);
    expect(res.body.errors[0].path).to.equal('/path/centreId');
  });
});
