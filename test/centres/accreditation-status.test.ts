import { expect } from 'chai';
import { addYears } from '../../server/centres/mandate-window.js';
import { queryRows } from '../../server/db/database.js';
import { createActor, type Actor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { harness, type Harness } from '../support/harness.js';
import { accreditationsOf, auditOf, auditsBy } from './centre-test-helpers.js';

async function rowOf(h: Harness, id: string) {
  const [row] = await queryRows<{ status: string; reason: string | null; reapply_after: string | null }>(
    h.sequelize,
    `SELECT status, reason, reapply_after FROM accreditations WHERE id = $1`,
    [id],
  );
  return row;
}

const patch = (h: Harness, actor: Actor | undefined, id: string, body: Record<string, unknown>) => {
  const request = h.http.patch(`/v1/accreditations/${id}`);
  return (actor ? request.set(actor.auth) : request).send(body);
};

describe('PATCH /v1/accreditations/:id', () => {
  it('when suspended with a reason and reactivated with a reason, then each change is audited with before and after', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    const id = centre.accreditationId!;
    const suspended = await patch(h, admin, id, { status: 'suspended', reason: 'Complaint about invoiced report time' }).expect(200);
    expect(suspended.body).to.include({ id, status: 'suspended', reason: 'Complaint about invoiced report time', reapplyAfter: null });
    const active = await patch(h, admin, id, {
      status: 'active',
      reason: 'Investigation closed without findings',
      reapplyAfter: null,
    }).expect(200);
    expect(active.body).to.include({ status: 'active', reason: 'Investigation closed without findings' });
    const [reactivation, suspension] = await auditOf(h, admin, 'accreditation', id);
    expect(suspension).to.deep.include({ action: 'accreditation.suspend', after: suspended.body });
    expect(suspension!.before).to.include({ status: 'active', reason: null });
    expect(reactivation).to.deep.include({ action: 'accreditation.reactivate', before: suspended.body, after: active.body });
  });

  it('when a suspension or reactivation has no reason, then 400 names /reason and nothing changes', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    const id = centre.accreditationId!;
    const audits = await auditsBy(h, admin);
    for (const body of [{ status: 'suspended' }, { status: 'suspended', reason: '  ' }, { status: 'active', reason: '' }]) {
      const res = await patch(h, admin, id, body).expect(400);
      expect(
        res.body.errors.map((error: { path: string }) => error.path),
        JSON.stringify(body),
      ).to.deep.equal(['/reason']);
    }
    expect(await rowOf(h, id)).to.deep.equal({ status: 'active', reason: null, reapply_after: null });
    expect(await auditsBy(h, admin)).to.equal(audits);
  });

  it('when revoked without a future reapplyAfter, then 400 names /reapplyAfter and nothing changes', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    const id = centre.accreditationId!;
    const cases = [
      { status: 'revoked', reason: 'Fraud proven' },
      { status: 'revoked', reason: 'Fraud proven', reapplyAfter: null },
      { status: 'revoked', reason: 'Fraud proven', reapplyAfter: h.clock.today() },
      { status: 'revoked', reason: 'Fraud proven', reapplyAfter: '2027-02-30' },
      { status: 'suspended', reason: 'Fraud suspected', reapplyAfter: addYears(h.clock.today(), 1) },
    ];
    for (const body of cases) {
      const res = await patch(h, admin, id, body).expect(400);
      expect([...new Set(res.body.errors.map((error: { path: string }) => error.path))], JSON.stringify(body)).to.deep.equal([
        '/reapplyAfter',
      ]);
    }
    const odd = await patch(h, admin, id, { status: 'closed', reason: 'x'.repeat(5), extra: true }).expect(400);
    expect(odd.body.errors.map((error: { path: string }) => error.path).sort()).to.deep.equal(['/extra', '/status']);
    expect(await rowOf(h, id)).to.deep.equal({ status: 'active', reason: null, reapply_after: null });
  });

  it('when revoked, then it is final, and a new mandate waits for reapplyAfter, even backdated', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    const id = centre.accreditationId!;
    const reapplyAfter = addYears(h.clock.today(), 2);
    const revoked = await patch(h, admin, id, {
      status: 'revoked',
      reason: 'Sessions that never took place were invoiced',
      reapplyAfter,
    }).expect(200);
    expect(revoked.body).to.include({ status: 'revoked', reapplyAfter });
    const [entry] = await auditOf(h, admin, 'accreditation', id);
    expect(entry).to.deep.include({ action: 'accreditation.revoke', after: revoked.body });

    for (const status of ['active', 'suspended']) {
      const res = await patch(h, admin, id, { status, reason: 'Please let us back in' }).expect(409);
      expect(res.body.code).to.equal('accreditation_revoked');
    }
    const before = await accreditationsOf(h, centre.id);
    const early = await h.http
      .post(`/v1/centres/${centre.id}/accreditations`)
      .set(admin.auth)
      .send({ programme: 'LBC', validFrom: h.clock.today(), validTo: addYears(h.clock.today(), 1) })
      .expect(409);
    expect(early.body).to.include({ code: 'reapply_too_early', reapplyAfter });
    await h.http
      .post(`/v1/centres/${centre.id}/accreditations`)
      .set(admin.auth)
      .send({ programme: 'ITA', validFrom: h.clock.today(), validTo: addYears(h.clock.today(), 1) })
      .expect(201);

    const saved = h.clock.now();
    try {
      h.clock.set(`${reapplyAfter}T09:00:00Z`);
      const backdated = await h.http
        .post(`/v1/centres/${centre.id}/accreditations`)
        .set(admin.auth)
        .send({ programme: 'LBC', validFrom: addYears(reapplyAfter, -1), validTo: addYears(reapplyAfter, 1) })
        .expect(409);
      expect(backdated.body.code).to.equal('reapply_too_early');
      await h.http
        .post(`/v1/centres/${centre.id}/accreditations`)
        .set(admin.auth)
        .send({ programme: 'LBC', validFrom: reapplyAfter, validTo: addYears(reapplyAfter, 6) })
        .expect(201);
    } finally {
      h.clock.set(saved);
    }
    expect(await accreditationsOf(h, centre.id)).to.equal(before + 2);
  });

  it('when the status is already the one asked for, then 409 status_unchanged', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    const res = await patch(h, admin, centre.accreditationId!, { status: 'active', reason: 'Just to be sure' }).expect(409);
    expect(res.body.code).to.equal('status_unchanged');
  });

  it('when the accreditation is unknown, then 404; when the caller is not an administrator, then 401 or 403', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    await patch(h, admin, '00000000-0000-4000-8000-000000000000', { status: 'suspended', reason: 'Unknown one' }).expect(404);
    const centre = await createCentre(h);
    const body = { status: 'suspended', reason: 'I suspend myself' };
    await patch(h, undefined, centre.accreditationId!, body).expect(401);
    await patch(h, centre.staff, centre.accreditationId!, body).expect(403);
    await patch(h, await createActor(h, 'auditor'), centre.accreditationId!, body).expect(403);
    expect((await rowOf(h, centre.accreditationId!))!.status).to.equal('active');
  });
});
