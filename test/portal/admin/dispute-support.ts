// A disputed session for the administrators' dispute pages: the file's own programme like LBC at
// 100.00 an hour, a cheque in use at a fresh centre, a session, optionally settled (so an upheld
// dispute leaves the centre owing it back), and the citizen's dispute.
import { expect } from 'chai';
import { idempotencyKey, type Actor } from '../../support/actors.js';
import { createCentre } from '../../support/centre-factory.js';
import type { Harness } from '../../support/harness.js';
import { openLbcLike } from '../../support/reference-like-programmes.js';
import { chequeInUse, sessionToday, type ChequeInUse } from '../../settlement/support/lbc-fixture.js';

export type DisputeProgramme = { code: string; admin: Actor };

export async function disputeProgramme(h: Harness): Promise<DisputeProgramme> {
  const { code, author } = await openLbcLike(h, { values: { hourlyFee: '100.000' }, budget: '100000.00' });
  return { code, admin: author };
}

export type Disputed = { disputeId: string; sessionId: string; cheque: ChequeInUse };

export async function disputedSession(
  h: Harness,
  programme: DisputeProgramme,
  options: { hours?: string; settled?: boolean } = {},
): Promise<Disputed> {
  const centre = await createCentre(h, { programme: programme.code });
  const cheque = await chequeInUse(h, programme.admin, programme.code, centre);
  const sessionId = await sessionToday(h, cheque, options.hours ?? '2.00');
  if (options.settled) {
    const run = await h.http
      .post('/v1/settlements')
      .set(programme.admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: programme.code, periodEnd: h.clock.today() });
    expect(run.status, JSON.stringify(run.body)).to.equal(201);
  }
  const dispute = await h.http
    .post(`/v1/vouchers/${cheque.code}/disputes`)
    .set(cheque.citizen.actor.auth)
    .send({ sessionId, reason: 'I was not there that day.' });
  expect(dispute.status, JSON.stringify(dispute.body)).to.equal(201);
  return { disputeId: dispute.body.id as string, sessionId, cheque };
}
