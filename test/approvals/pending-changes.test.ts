import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { programmeBudget } from '../../server/programmes/budget-read.js';
import { createTestProgramme } from '../notifications/support/test-programme.js';
import { createActor, idempotencyKey, type Actor } from '../support/actors.js';
import { approveChange } from '../support/approvals.js';
import { harness, type Harness } from '../support/harness.js';

// Above the default BUDGET_FUNDING_APPROVAL_THRESHOLD (10000.00).
const LARGE = '25000.00';

describe('four eyes on money: pending changes', () => {
  let h: Harness;
  let requester: Actor;
  let approver: Actor;

  before(async () => {
    h = harness();
    requester = await createActor(h, 'admin');
    approver = await createActor(h, 'admin');
  });

  const fund = (actor: Actor, amount: string, key = idempotencyKey(), code = 'ITA') =>
    h.http.post(`/v1/programmes/${code}/budget`).set(actor.auth).set('Idempotency-Key', key).send({ amount, note: 'spring intake' });
  const approve = (actor: Actor, id: string, key = idempotencyKey()) =>
    h.http.post(`/v1/pending-changes/${id}/approve`).set(actor.auth).set('Idempotency-Key', key);
  const fundings = (id: string) =>
    queryRows<{ id: string }>(h.sequelize, `SELECT id FROM ledger_transactions WHERE idempotency_key = $1`, [`pending-change:${id}`]);
  const audits = (id: string) =>
    queryRows<{ action: string; actor_id: string }>(
      h.sequelize,
      `SELECT action, actor_id FROM audit_log WHERE entity_type = 'pending_change' AND entity_id = $1 ORDER BY id`,
      [id],
    );

  it('when an administrator funds more than the threshold, then 202 pending, nothing is funded, and a replay answers the same 202', async () => {
    const before = await programmeBudget(h.sequelize, 'ITA');
    const key = idempotencyKey();
    const res = await fund(requester, LARGE, key).expect(202);
    expect(res.body).to.deep.include({
      kind: 'budget_funding',
      targetId: 'ITA',
      status: 'pending',
      requestedBy: requester.principal.userId,
      decidedBy: null,
      result: null,
    });
    expect(res.body.payload).to.deep.equal({ amount: { amount: LARGE, currency: 'GBP' }, note: 'spring intake' });
    const replay = await fund(requester, LARGE, key).expect(202);
    expect(replay.headers['idempotent-replayed']).to.equal('true');
    expect(replay.body).to.deep.equal(res.body);
    const [count] = await queryRows<{ n: number }>(
      h.sequelize,
      `SELECT count(*)::int AS n FROM pending_changes WHERE requested_by = $1 AND kind = 'budget_funding'`,
      [requester.principal.userId],
    );
    expect(count?.n).to.equal(1);
    expect(await fundings(res.body.id)).to.deep.equal([]);
    // Other tests fund ITA too: what is certain is that this request added nothing by itself.
    const after = await programmeBudget(h.sequelize, 'ITA');
    expect(after.total.minus(before.total).lt(LARGE)).to.equal(true);
    expect(await audits(res.body.id)).to.deep.equal([{ action: 'pending_change.requested', actor_id: requester.principal.userId }]);
  });

  it('when a funding is at most the threshold, then it is funded at once (201)', async () => {
    const code = await createTestProgramme(h, {});
    const res = await fund(requester, '10000.00', idempotencyKey(), code).expect(201);
    expect(res.body.funded).to.deep.equal({ amount: '10000.00', currency: 'GBP' });
  });

  describe('the threshold holds over a rolling 24 hours', () => {
    it('when two fundings each under the threshold would together go over it, then the second is 202 pending and not funded', async () => {
      const code = await createTestProgramme(h, {});
      await fund(requester, '6000.00', idempotencyKey(), code).expect(201);
      const second = await fund(requester, '6000.00', idempotencyKey(), code).expect(202);
      expect(second.body).to.deep.include({ kind: 'budget_funding', targetId: code, status: 'pending' });
      expect((await programmeBudget(h.sequelize, code)).total.toFixed(2)).to.equal('6000.00');
    });

    it('when they take the day up to the threshold exactly, then both are funded at once; one cent more is pending', async () => {
      const code = await createTestProgramme(h, {});
      await fund(requester, '4000.00', idempotencyKey(), code).expect(201);
      await fund(requester, '6000.00', idempotencyKey(), code).expect(201);
      await fund(requester, '0.01', idempotencyKey(), code).expect(202);
    });

    it('when different administrators fund the same programme, then their fundings count together', async () => {
      const code = await createTestProgramme(h, {});
      await fund(requester, '6000.00', idempotencyKey(), code).expect(201);
      await fund(approver, '6000.00', idempotencyKey(), code).expect(202);
    });

    it('when another programme was funded, then it does not count against this one', async () => {
      const [code, other] = [await createTestProgramme(h, {}), await createTestProgramme(h, {})];
      await fund(requester, '9000.00', idempotencyKey(), other).expect(201);
      await fund(requester, '9000.00', idempotencyKey(), code).expect(201);
    });

    it('when a large funding was approved, then it does not use up what one administrator may fund alone', async () => {
      const code = await createTestProgramme(h, {});
      const requested = await fund(requester, LARGE, idempotencyKey(), code).expect(202);
      await approveChange(h, approver.auth, requested.body.id as string);
      await fund(requester, '10000.00', idempotencyKey(), code).expect(201);
      expect((await programmeBudget(h.sequelize, code)).total.toFixed(2)).to.equal('35000.00');
    });

    it('when two fundings under the threshold race, then one is funded and the other is pending', async () => {
      const code = await createTestProgramme(h, {});
      const answers = await Promise.all([
        fund(requester, '6000.00', idempotencyKey(), code),
        fund(approver, '6000.00', idempotencyKey(), code),
      ]);
      expect(answers.map((res) => res.status).sort()).to.deep.equal([201, 202]);
      expect((await programmeBudget(h.sequelize, code)).total.toFixed(2)).to.equal('6000.00');
    });
  });

  it('when the requester approves their own change, then 403 four_eyes_required and it stays pending', async () => {
    const { body } = await fund(requester, LARGE).expect(202);
    const own = await approve(requester, body.id).expect(403);
    expect(own.body.code).to.equal('four_eyes_required');
    expect((await h.http.get(`/v1/pending-changes/${body.id}`).set(approver.auth).expect(200)).body.status).to.equal('pending');
    expect(await fundings(body.id)).to.deep.equal([]);
  });

  it('when a second administrator approves, then the budget is funded once, by the approver, and both steps are audited', async () => {
    const { body } = await fund(requester, LARGE).expect(202);
    const approved = await approveChange(h, approver.auth, body.id);
    expect(approved).to.deep.include({ status: 'approved', decidedBy: approver.principal.userId });
    const [posting] = await fundings(body.id);
    expect(approved.result).to.deep.equal({ transactionId: posting?.id });
    const [funded] = await queryRows<{ actor_id: string; funded: string }>(
      h.sequelize,
      `SELECT actor_id, after->>'funded' AS funded FROM audit_log WHERE action = 'programme.budget.funded' AND after->>'transactionId' = $1`,
      [posting?.id],
    );
    expect(funded).to.deep.equal({ actor_id: approver.principal.userId, funded: LARGE });
    expect(await audits(body.id)).to.deep.equal([
      { action: 'pending_change.requested', actor_id: requester.principal.userId },
      { action: 'pending_change.approved', actor_id: approver.principal.userId },
    ]);
    const again = await approve(approver, body.id).expect(409);
    expect(again.body).to.include({ code: 'change_not_pending', status: 'approved' });
    expect(await fundings(body.id)).to.have.length(1);
  });

  it('when five administrators approve the same change at once, then it is applied once and the others get 409', async () => {
    const { body } = await fund(requester, LARGE).expect(202);
    const approvers = await Promise.all(Array.from({ length: 5 }, () => createActor(h, 'admin')));
    const answers = await Promise.all(approvers.map((actor) => approve(actor, body.id)));
    expect(answers.map((res) => res.status).sort()).to.deep.equal([200, 409, 409, 409, 409]);
    expect(await fundings(body.id)).to.have.length(1);
    expect((await audits(body.id)).map((row) => row.action)).to.deep.equal(['pending_change.requested', 'pending_change.approved']);
  });

  it('when a change is rejected with a reason, then nothing is applied and it can no longer be approved', async () => {
    const { body } = await fund(requester, LARGE).expect(202);
    const blank = await h.http.post(`/v1/pending-changes/${body.id}/reject`).set(approver.auth).send({}).expect(400);
    expect(blank.body.errors[0].path).to.equal('/reason');
    const rejected = await h.http
      .post(`/v1/pending-changes/${body.id}/reject`)
      .set(approver.auth)
      .send({ reason: "Not in this year's plan" })
      .expect(200);
    expect(rejected.body).to.deep.include({ status: 'rejected', reason: "Not in this year's plan", decidedBy: approver.principal.userId });
    expect((await approve(approver, body.id).expect(409)).body.code).to.equal('change_not_pending');
    expect(await fundings(body.id)).to.deep.equal([]);
    expect((await audits(body.id)).map((row) => row.action)).to.deep.equal(['pending_change.requested', 'pending_change.rejected']);
  });

  it('when the requester withdraws a change, then it is withdrawn; no one else may withdraw it', async () => {
    const { body } = await fund(requester, LARGE).expect(202);
    const other = await h.http.post(`/v1/pending-changes/${body.id}/withdraw`).set(approver.auth).expect(403);
    expect(other.body.code).to.equal('not_requester');
    const withdrawn = await h.http
      .post(`/v1/pending-changes/${body.id}/withdraw`)
      .set(requester.auth)
      .send({ reason: 'typo in the amount' })
      .expect(200);
    expect(withdrawn.body).to.deep.include({ status: 'withdrawn', reason: 'typo in the amount' });
    expect((await approve(approver, body.id).expect(409)).body.code).to.equal('change_not_pending');
  });

  it('when approvers and auditors list changes, then they see them newest first, filtered by status and kind, page by page', async () => {
    const lister = await createActor(h, 'admin');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await fund(lister, LARGE).expect(202)).body.id);
    const auditor = await createActor(h, 'auditor');
    const seen: { id: string; requestedAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string; status: string; kind: string; requestedAt: string }[]; nextCursor: string | null } } =
        await h.http
          .get(`/v1/pending-changes?status=pending&kind=budget_funding&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(auditor.auth)
          .expect(200);
      expect(page.body.items.every((item) => item.status === 'pending' && item.kind === 'budget_funding')).to.equal(true);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    // Each exactly once, newest first (requests in the same millisecond: by id).
    expect(seen.map((item) => item.id)).to.include.members(ids);
    expect(new Set(seen.map((item) => item.id)).size).to.equal(seen.length);
    const keys = seen.map((item) => `${item.requestedAt} ${item.id}`);
    expect(keys).to.deep.equal([...keys].sort().reverse());
    const bad = await h.http.get('/v1/pending-changes?status=maybe&cursor=nope').set(auditor.auth).expect(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path)).to.include('/query/status');
    await h.http.get('/v1/pending-changes/00000000-0000-4000-8000-000000000000').set(auditor.auth).expect(404);
    await h.http.post(`/v1/pending-changes/${ids[0]}/approve`).set(auditor.auth).set('Idempotency-Key', idempotencyKey()).expect(403);
  });
});
