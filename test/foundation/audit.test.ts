import { expect } from 'chai';
import { harness } from '../support/harness.js';
import { createActor } from '../support/actors.js';
import { expectCursorsRefused, forgedIdCursors } from '../support/cursors.js';

describe('the audit log', () => {
  it('when someone tries to change or delete an audit row, then the database refuses', async () => {
    const h = harness();
    await h.sequelize.query(
      `INSERT INTO audit_log (actor_role, action, entity_type, entity_id) VALUES ('system', 'test.append', 'test', 'x')`,
    );
    for (const statement of [
      `UPDATE audit_log SET action = 'rewritten' WHERE action = 'test.append'`,
      `DELETE FROM audit_log WHERE action = 'test.append'`,
    ]) {
      let refused: unknown;
      // As the schema's owner: the app role may not even try (test/ledger/database-guarantees.test.ts).
      await h.ownerSequelize.query(statement).catch((error: unknown) => (refused = error));
      expect(String(refused)).to.match(/append-only/);
    }
  });

  it('when paged, then pages do not overlap and a bad cursor is a 400', async () => {
    const h = harness();
    const auditor = await createActor(h, 'auditor');
    for (let i = 0; i < 3; i++) {
      await h.sequelize.query(
        `INSERT INTO audit_log (actor_role, action, entity_type, entity_id) VALUES ('system', 'test.page', 'test', 'p${i}')`,
      );
    }
    const first = await h.http.get('/v1/audit?limit=2&entityType=test').set(auditor.auth).expect(200);
    expect(first.body.items).to.have.length(2);
    const second = await h.http.get(`/v1/audit?limit=2&entityType=test&cursor=${first.body.nextCursor}`).set(auditor.auth).expect(200);
    const ids = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
    expect(new Set(ids).size).to.equal(ids.length);
    const bad = await h.http.get('/v1/audit?cursor=garbage').set(auditor.auth).expect(400);
    expect(bad.body.errors[0].path).to.equal('/query/cursor');
    await h.http.get('/v1/audit?limit=501').set(auditor.auth).expect(400);
  });

  it('when the cursor is well-formed but not an id this service issued, then 400 naming /query/cursor, never a 500', async () => {
    const auditor = await createActor(harness(), 'auditor');
    await expectCursorsRefused(forgedIdCursors, (cursor) => harness().http.get(`/v1/audit?cursor=${cursor}`).set(auditor.auth));
  });

  it('when a filter holds a NUL or another control character, then 400 naming that filter', async () => {
    const auditor = await createActor(harness(), 'auditor');
    for (const [filter, value] of [
      ['entityType', 'a%00b'],
      ['entityId', 'a%00b'],
      ['entityId', 'a%07b'],
      ['entityType', ''],
    ]) {
      const res = await harness().http.get(`/v1/audit?${filter}=${value}`).set(auditor.auth).expect(400);
      expect([res.body.code, res.body.errors[0].path], `${filter}=${value}`).to.deep.equal(['validation_failed', `/query/${filter}`]);
    }
  });
});
