import { expect } from 'chai';
import { createActor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { harness } from '../support/harness.js';
import { auditOf } from './centre-test-helpers.js';

const course = { title: 'Forklift Truck Operation', price: '150.00', qualification: 'SCQF level 5', tags: ['logistics'] };
const changed = {
  title: 'Forklift Truck Operation (2 days)',
  price: '175.50',
  qualification: 'SCQF level 6',
  tags: ['logistics', 'safety'],
};

describe('PUT /v1/centres/:centreId/courses/:id', () => {
  it('when the provider changes its pending course, then 200 with the new title, price, qualification and tags, audited with who did it', async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const proposed = await h.http.post(`/v1/centres/${provider.id}/courses`).set(provider.staff.auth).send(course).expect(201);
    const res = await h.http
      .put(`/v1/centres/${provider.id}/courses/${proposed.body.id}`)
      .set(provider.staff.auth)
      .send(changed)
      .expect(200);
    expect(res.body).to.deep.include({
      id: proposed.body.id,
      title: changed.title,
      qualification: changed.qualification,
      status: 'pending',
      programme: 'ITA',
      price: { amount: '175.50', currency: 'GBP' },
      tags: changed.tags,
    });
    const entries = await auditOf(h, await createActor(h, 'auditor'), 'course', proposed.body.id);
    const edit = entries.find((entry) => entry.action === 'course.edit');
    expect(edit).to.deep.include({ before: proposed.body, after: res.body });
    expect(edit!.actor.id).to.equal(provider.staff.principal.userId);
  });

  it('when the course was decided, then 409 course_already_decided and nothing changes', async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const admin = await createActor(h, 'admin');
    const proposed = await h.http.post(`/v1/centres/${provider.id}/courses`).set(provider.staff.auth).send(course).expect(201);
    await h.http.post(`/v1/courses/${proposed.body.id}/approval`).set(admin.auth).send({ decision: 'approved' }).expect(200);
    const res = await h.http
      .put(`/v1/centres/${provider.id}/courses/${proposed.body.id}`)
      .set(provider.staff.auth)
      .send(changed)
      .expect(409);
    expect(res.body.code).to.equal('course_already_decided');
    const listed = await h.http.get(`/v1/centres/${provider.id}/courses`).expect(200);
    expect(listed.body.items[0]).to.include({ title: course.title });
  });

  it("when another centre's course is named, or the body is wrong, then 404 or 400 with the pointer and nothing changes", async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const other = await createCentre(h, { programme: 'ITA' });
    const theirs = await h.http.post(`/v1/centres/${other.id}/courses`).set(other.staff.auth).send(course).expect(201);
    await h.http.put(`/v1/centres/${provider.id}/courses/${theirs.body.id}`).set(provider.staff.auth).send(changed).expect(404);
    await h.http.put(`/v1/centres/${other.id}/courses/${theirs.body.id}`).set(provider.staff.auth).send(changed).expect(404);
    const bad = await h.http
      .put(`/v1/centres/${other.id}/courses/${theirs.body.id}`)
      .set(other.staff.auth)
      .send({ ...changed, price: '-1' })
      .expect(400);
    expect(bad.body.errors[0]).to.include({ path: '/price' });
    const moved = await h.http
      .put(`/v1/centres/${other.id}/courses/${theirs.body.id}`)
      .set(other.staff.auth)
      .send({ ...changed, programme: 'STAP' })
      .expect(400);
    expect(moved.body.errors[0]).to.include({ path: '/programme' });
    const entries = await auditOf(h, await createActor(h, 'auditor'), 'course', theirs.body.id);
    expect(entries.map((entry) => entry.action)).to.deep.equal(['course.propose']);
  });
});
