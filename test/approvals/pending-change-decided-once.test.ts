// A decided pending change is kept as decided by the database itself (migration 41, trigger
// function server/db/functions/pending_change_decided.sql), whatever a role may UPDATE.
import { expect } from 'chai';
import { databaseFailureOf, queryRows } from '../../server/db/database.js';
import { createTestProgramme } from '../notifications/support/test-programme.js';
import { createActor, idempotencyKey, type Actor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';

// Above the default BUDGET_FUNDING_APPROVAL_THRESHOLD (10000.00).
const LARGE = '25000.00';

describe('four eyes on money: a decided change is never decided again', () => {
  let h: Harness;
  let requester: Actor;
  let approver: Actor;

  before(async () => {
    h = harness();
    requester = await createActor(h, 'admin');
    approver = await createActor(h, 'admin');
  });

  const request = async () => {
    const code = await createTestProgramme(h, {});
    const res = await h.http
      .post(`/v1/programmes/${code}/budget`)
      .set(requester.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ amount: LARGE, note: 'spring intake' })
      .expect(202);
    return res.body.id as string;
  };
  const refusal = (sql: string, bind: unknown[], sequelize = h.sequelize) =>
    queryRows(sequelize, sql, bind).then(
      () => undefined,
      (error: unknown) => databaseFailureOf(error),
    );
  const stored = (id: string) =>
    queryRows<{ status: string; decided_by: string | null; reason: string | null; payload: unknown; result: unknown }>(
      h.sequelize,
      `SELECT status, decided_by, reason, payload, result FROM pending_changes WHERE id = $1`,
      [id],
    ).then((rows) => rows[0]);

  it('when an approved change is decided again as the app role, then the database refuses (restrict_violation) and it stays approved', async () => {
    const id = await request();
    await h.http.post(`/v1/pending-changes/${id}/approve`).set(approver.auth).set('Idempotency-Key', idempotencyKey()).expect(200);
    const approved = await stored(id);
    expect(approved?.status).to.equal('approved');
    const again = await refusal(
      `UPDATE pending_changes SET status = 'rejected', reason = 'changed my mind', result = NULL, decided_at = now() WHERE id = $1`,
      [id],
    );
    expect(again?.code).to.equal('23001');
    expect(again?.message).to.match(/is approved and never changes again/);
    const otherDecider = await refusal(`UPDATE pending_changes SET decided_by = $2 WHERE id = $1`, [id, requester.principal.userId]);
    expect(otherDecider?.code).to.equal('23001');
    expect(await stored(id)).to.deep.equal(approved);
  });

  it('when a rejected change is approved afterwards, even by the owner, or its payload changed, then the database refuses', async () => {
    const id = await request();
    await h.http.post(`/v1/pending-changes/${id}/reject`).set(approver.auth).send({ reason: 'not this year' }).expect(200);
    const rejected = await stored(id);
    const approve = await refusal(
      `UPDATE pending_changes SET status = 'approved', reason = NULL, result = '{}'::jsonb WHERE id = $1`,
      [id],
      h.ownerSequelize,
    );
    expect(approve?.code).to.equal('23001');
    const payload = await refusal(
      `UPDATE pending_changes SET payload = jsonb_set(payload, '{note}', '"other"') WHERE id = $1`,
      [id],
      h.ownerSequelize,
    );
    expect(payload?.code).to.equal('23001');
    expect(await stored(id)).to.deep.equal(rejected);
  });

  it('when a change is still pending, then it is decided as before', async () => {
    const id = await request();
    const [decided] = await queryRows<{ status: string }>(
      h.sequelize,
      `UPDATE pending_changes SET status = 'withdrawn', decided_by = requested_by, decided_at = now(), reason = 'typo' WHERE id = $1 RETURNING status`,
      [id],
    );
    expect(decided?.status).to.equal('withdrawn');
  });
});
