// Four eyes on money in tests: one administrator requests, another approves.
import { expect } from 'chai';
import { idempotencyKey } from './actors.js';
import type { Harness } from './harness.js';

type Auth = { Authorization: string };

/** `approver` approves pending change `id`; the change as decided, with its result. */
export async function approveChange(h: Harness, approver: Auth, id: string) {
  const res = await h.http.post(`/v1/pending-changes/${id}/approve`).set(approver).set('Idempotency-Key', idempotencyKey());
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  expect(res.body.status).to.equal('approved');
  return res.body as { id: string; status: string; result: Record<string, unknown> };
}

/** `requester` asks for the payment of a statement and `approver` approves it; the paid statement. */
export async function payStatementWithFourEyes(h: Harness, requester: Auth, approver: Auth, statementId: string) {
  const requested = await h.http.post(`/v1/statements/${statementId}/payment`).set(requester).set('Idempotency-Key', idempotencyKey());
  expect(requested.status, JSON.stringify(requested.body)).to.equal(202);
  await approveChange(h, approver, requested.body.id as string);
  return (await h.http.get(`/v1/statements/${statementId}`).set(approver).expect(200)).body;
}
