import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { auditEntries, auditTrailPage, recordAudit } from '../../server/audit/audit-log.js';
import { createActor, type Actor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';

type Listed = { items: { action: string; actor: { id: string | null; role: string; email: string | null } }[]; nextCursor: string | null };

describe('GET /v1/audit: filters by who, what and when', () => {
  let h: Harness;
  let admin: Actor;
  let other: Actor;
  const entityId = `filtered-${randomUUID()}`;
  const today = () => new Date().toISOString().slice(0, 10);

  before(async () => {
    h = harness();
    admin = await createActor(h, 'admin');
    other = await createActor(h, 'admin');
    for (const [actor, action] of [
      [admin, 'course.propose'],
      [other, 'course.approve'],
    ] as const) {
      await h.sequelize.transaction((t) =>
        recordAudit(h.sequelize, t, { actor: actor.principal, action, entityType: 'course', entityId, before: null, after: { n: action } }),
      );
    }
    await h.sequelize.transaction((t) =>
      recordAudit(h.sequelize, t, {
        actor: { userId: null, role: 'system' },
        action: 'course.edit',
        entityType: 'course',
        entityId,
        before: null,
        after: null,
      }),
    );
  });

  const list = async (query: Record<string, string>) => {
    const res = await h.http
      .get('/v1/audit')
      .query({ entityId, ...query })
      .set(admin.auth);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return (res.body as Listed).items;
  };

  it("when an auditor filters by the actor's e-mail (any case), the action, or a day range, then only those entries answer, each naming the actor's e-mail", async () => {
    expect((await list({})).map((item) => item.actor.email)).to.deep.equal([null, other.principal.email, admin.principal.email]);
    expect((await list({ actorEmail: other.principal.email.toUpperCase() })).map((item) => item.action)).to.deep.equal(['course.approve']);
    expect((await list({ action: 'course.propose' })).map((item) => item.actor.id)).to.deep.equal([admin.principal.userId]);
    expect(await list({ from: today(), to: today() })).to.have.length(3);
    expect(await list({ from: '2099-12-31' })).to.have.length(0);
    expect(await list({ to: '2000-01-01' })).to.have.length(0);
    const auditor = await createActor(h, 'auditor');
    await h.http.get('/v1/audit').query({ entityId, action: 'course.edit' }).set(auditor.auth).expect(200);
  });

  it('when a date does not exist or the range runs backwards, then the answer is 400 naming the parameter', async () => {
    const bad = await h.http.get('/v1/audit').query({ from: '2026-02-30' }).set(admin.auth).expect(400);
    expect(JSON.stringify(bad.body)).to.include('/query/from');
    const backwards = await h.http.get('/v1/audit').query({ from: '2026-03-02', to: '2026-03-01' }).set(admin.auth).expect(400);
    expect(JSON.stringify(backwards.body)).to.include('/query/to');
  });

  it('when the pages read the log both ways and the export reads it in batches, then each entry comes once, newest first', async () => {
    const all: string[] = [];
    for await (const entry of auditEntries(h.sequelize, { entityId }, 2)) all.push(entry.id);
    expect(all).to.have.length(3);
    expect(all).to.deep.equal([...all].sort((a, b) => Number(b) - Number(a)));
    const middle = await auditTrailPage(h.sequelize, { entityId }, { limit: 1, after: all[2] });
    expect(middle).to.deep.include({ newer: true, older: true });
    expect(middle.items.map((entry) => entry.id)).to.deep.equal([all[1]]);
    const newest = await auditTrailPage(h.sequelize, { entityId }, { limit: 1, after: all[1] });
    expect(newest).to.deep.include({ newer: false, older: true });
    expect(newest.items.map((entry) => entry.id)).to.deep.equal([all[0]]);
  });
});
