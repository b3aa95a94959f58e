import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { addCentreStaff, centreStaff, setStaffDisabled } from '../../server/centres/centres.js';
import { createActor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { harness } from '../support/harness.js';
import { auditOf } from './centre-test-helpers.js';

const newStaff = () => ({
  email: `staff-${randomUUID().slice(0, 8)}@centre.example`,
  password: 'a long enough password',
  name: 'New Staff',
});

describe("A centre's own administrator", () => {
  it('when an administrator marks a staff login as centre administrator, then it is audited, and unmarking it is too; another centre or an unknown login is 404', async () => {
    const h = harness();
    const centre = await createCentre(h);
    const other = await createCentre(h);
    const admin = await createActor(h, 'admin');
    const path = `/v1/centres/${centre.id}/staff/${centre.staff.principal.userId}/centre-admin`;
    const marked = await h.http.put(path).set(admin.auth).send({ centreAdmin: true }).expect(200);
    expect(marked.body).to.include({ id: centre.staff.principal.userId, centreAdmin: true });
    await h.http.put(path).set(admin.auth).send({ centreAdmin: true }).expect(200);
    await h.http.put(path).set(admin.auth).send({ centreAdmin: false }).expect(200);
    const entries = await auditOf(h, await createActor(h, 'auditor'), 'user', centre.staff.principal.userId);
    // Newest first.
    expect(entries.map((entry) => entry.action)).to.deep.equal(['centre.staff.admin_revoke', 'centre.staff.admin_grant']);
    await h.http
      .put(`/v1/centres/${other.id}/staff/${centre.staff.principal.userId}/centre-admin`)
      .set(admin.auth)
      .send({ centreAdmin: true })
      .expect(404);
    const bad = await h.http.put(path).set(admin.auth).send({ centreAdmin: 'yes' }).expect(400);
    expect(bad.body.errors[0]).to.include({ path: '/centreAdmin' });
    await h.http.put(path).set(centre.staff.auth).send({ centreAdmin: true }).expect(403);
  });

  it("when a centre's administrator adds and disables its staff, then each is audited with them as the actor; plain staff, another centre's administrator and a disabled one are refused", async () => {
    const h = harness();
    const centre = await createCentre(h);
    const other = await createCentre(h);
    const admin = await createActor(h, 'admin');
    const chief = centre.staff.principal;
    const plain = await createActor(h, 'centre', { centreId: centre.id });
    await h.http.put(`/v1/centres/${centre.id}/staff/${chief.userId}/centre-admin`).set(admin.auth).send({ centreAdmin: true }).expect(200);
    await h.http
      .put(`/v1/centres/${other.id}/staff/${other.staff.principal.userId}/centre-admin`)
      .set(admin.auth)
      .send({ centreAdmin: true })
      .expect(200);

    const added = await addCentreStaff(h.context, chief, { centreId: centre.id, ...newStaff(), requestId: randomUUID() });
    await setStaffDisabled(h.context, chief, { centreId: centre.id, userId: added.id, disabled: true, requestId: randomUUID() });
    const entries = await auditOf(h, await createActor(h, 'auditor'), 'user', added.id);
    expect(entries.map((entry) => [entry.action, entry.actor.id])).to.deep.equal([
      ['centre.staff.disable', chief.userId],
      ['centre.staff.add', chief.userId],
    ]);
    const staff = await centreStaff(h.context, centre.id);
    expect(staff.find((member) => member.id === added.id))
      .to.include({ centreAdmin: false })
      .and.have.property('disabledAt')
      .that.is.a('string');
    expect(staff.find((member) => member.id === chief.userId)).to.include({ centreAdmin: true, disabledAt: null });

    const refusals = [
      addCentreStaff(h.context, plain.principal, { centreId: centre.id, ...newStaff(), requestId: randomUUID() }),
      addCentreStaff(h.context, other.staff.principal, { centreId: centre.id, ...newStaff(), requestId: randomUUID() }),
      setStaffDisabled(h.context, plain.principal, { centreId: centre.id, userId: added.id, disabled: false, requestId: randomUUID() }),
      setStaffDisabled(h.context, chief, { centreId: centre.id, userId: chief.userId, disabled: true, requestId: randomUUID() }),
    ];
    const codes = await Promise.all(
      refusals.map((refusal) =>
        refusal.then(
          () => 'done',
          (error: { code: string }) => error.code,
        ),
      ),
    );
    expect(codes).to.deep.equal(['forbidden', 'forbidden', 'forbidden', 'own_login']);
    await setStaffDisabled(h.context, admin.principal, {
      centreId: centre.id,
      userId: chief.userId,
      disabled: true,
      requestId: randomUUID(),
    });
    const disabledChief = await addCentreStaff(h.context, chief, { centreId: centre.id, ...newStaff(), requestId: randomUUID() }).then(
      () => 'done',
      (error: { code: string }) => error.code,
    );
    expect(disabledChief).to.equal('forbidden');
  });

  it('when a login that is not staff is marked, then the database refuses it', async () => {
    const h = harness();
    const citizen = await createActor(h, 'citizen');
    const error = await h.ownerSequelize
      .query(`UPDATE users SET centre_admin = true WHERE id = $1`, { bind: [citizen.principal.userId] })
      .then(
        () => undefined,
        (caught: Error) => caught,
      );
    expect(error?.message).to.include('users_centre_admin_is_staff');
  });
});
