// Recording a session is one statement that claims its Idempotency-Key and stores its outcome
// (migration 10): replays, racing duplicates, reused keys and stored refusals, each checked
// against what the database holds.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  expectLedgerVerified,
  guidance,
  openVoucherProgramme,
  recordSession,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

describe('LBC sessions: one statement per request, idempotent', () => {
  let h: Harness;
  let lbc: VoucherProgramme;

  before(async () => {
    h = harness();
    lbc = await openVoucherProgramme(h, '2026-12-01');
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-12-01'));
  afterEach(() => expectLedgerVerified(h));

  const sessionsOf = async (code: string) =>
    queryRows<{ id: string }>(h.sequelize, `SELECT s.id FROM voucher_sessions s JOIN vouchers v ON v.id = s.voucher_id WHERE v.code = $1`, [
      code,
    ]);
  const notificationsOf = async (userId: string) =>
    queryRows<{ id: string }>(h.sequelize, `SELECT id FROM notifications WHERE user_id = $1 AND kind = 'voucher_session'`, [userId]);

  it('when 10 identical requests with one key race, then one session is recorded, one citizen notice sent, and all get the same answer', async () => {
    const { cheque, centre, citizen } = await lbc.chequeInUse();
    const key = idempotencyKey();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => recordSession(h, centre, cheque.code, guidance('2026-12-01', '0.75'), key)),
    );
    expect(answers.map((res) => res.status)).to.deep.equal(Array(10).fill(201));
    for (const res of answers) expect(res.body).to.deep.equal(answers[0]!.body);
    expect(answers.filter((res) => res.headers['idempotent-replayed'] === 'true')).to.have.length(9);
    expect(await sessionsOf(cheque.code)).to.have.length(1);
    expect(await notificationsOf(citizen.actor.principal.userId)).to.have.length(1);
    expect(answers[0]!.body.voucher.remainingHours).to.deep.equal({ amount: '3.25', unit: 'HOUR' });
  });

  it('when a refused session is retried with its key after the day it was refused, then the first refusal is replayed', async () => {
    const { cheque, centre } = await lbc.chequeInUse();
    const key = idempotencyKey();
    const refused = await recordSession(h, centre, cheque.code, guidance('2026-12-02'), key);
    expect(refused.status).to.equal(422);
    expect(refused.body).to.include({
      code: 'invalid_session_date',
      instance: `/v1/centres/${centre.id}/vouchers/${cheque.code}/sessions`,
    });
    try {
      setToday(h, '2026-12-02'); // the same session sent afresh would now be recorded
      const replay = await recordSession(h, centre, cheque.code, guidance('2026-12-02'), key);
      expect(replay.status).to.equal(422);
      expect(replay.headers['idempotent-replayed']).to.equal('true');
      expect(replay.body).to.deep.equal(refused.body);
      expect(await sessionsOf(cheque.code)).to.have.length(0);
      expect((await recordSession(h, centre, cheque.code, guidance('2026-12-02'))).status).to.equal(201);
    } finally {
      setToday(h, '2026-12-01');
    }
  });

  it('when a key is used again for another session, then 422 idempotency_key_reused and nothing more is recorded', async () => {
    const { cheque, centre } = await lbc.chequeInUse();
    const key = idempotencyKey();
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-01', '1.00'), key)).status).to.equal(201);
    const other = await recordSession(h, centre, cheque.code, guidance('2026-12-01', '2.00'), key);
    expect(other.status).to.equal(422);
    expect(other.body.code).to.equal('idempotency_key_reused');
    expect(other.body.errors).to.deep.equal([{ path: '/headers/idempotency-key', message: 'already used for another request' }]);
    // A refusal's key is taken too: another body under it is refused the same way.
    const refusedKey = idempotencyKey();
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-02'), refusedKey)).status).to.equal(422);
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-01'), refusedKey)).body.code).to.equal('idempotency_key_reused');
    expect(await sessionsOf(cheque.code)).to.have.length(1);
  });

  it('when the outcome is stored, then it is the domain outcome (no HTTP status) with every amount as text and the session the answer names', async () => {
    const { cheque, centre } = await lbc.chequeInUse();
    const key = idempotencyKey();
    const res = await recordSession(h, centre, cheque.code, guidance('2026-12-01', '1.50'), key);
    const [stored] = await queryRows<{
      response_status: number | null;
      response_body: unknown;
      outcome: { result: string; session: { id: string; hours: unknown }; voucher: { remainingHours: unknown } };
    }>(h.sequelize, `SELECT response_status, response_body, outcome FROM idempotency_keys WHERE scope = $1 AND key = $2`, [
      `user:${centre.staff.principal.userId}`,
      key,
    ]);
    expect(stored).to.include({ response_status: null, response_body: null });
    expect(stored!.outcome.result).to.equal('recorded');
    expect(stored!.outcome.session).to.include({ id: res.body.session.id, hours: '1.50' });
    expect(stored!.outcome.voucher.remainingHours).to.equal('2.50');
  });

  it('when a key was answered before outcomes were domain outcomes (a status stored beside it), then its replay is the first answer', async () => {
    const { cheque, centre } = await lbc.chequeInUse();
    const key = idempotencyKey();
    const first = await recordSession(h, centre, cheque.code, guidance('2026-12-01', '1.00'), key);
    expect(first.status).to.equal(201);
    // The shape an upgraded database holds: the 201 stored by the function, no result named.
    await queryRows(
      h.ownerSequelize,
      `UPDATE idempotency_keys SET response_status = 201, outcome = outcome - 'result' WHERE scope = $1 AND key = $2`,
      [`user:${centre.staff.principal.userId}`, key],
    );
    const replay = await recordSession(h, centre, cheque.code, guidance('2026-12-01', '1.00'), key);
    expect(replay.status).to.equal(201);
    expect(replay.headers['idempotent-replayed']).to.equal('true');
    expect(replay.body).to.deep.equal(first.body);
    expect(await sessionsOf(cheque.code)).to.have.length(1);
  });
});
