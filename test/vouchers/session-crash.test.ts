// Crash safety of a one-statement flow: the service is SIGKILLed while centres record sessions.
// After a restart every acknowledged session is there with its hours posted, every stored key has
// its outcome (a key is claimed only together with its work), a retried request gets its first
// answer, and the ledger verifies.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { queryRows } from '../../server/db/database.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { harness } from '../support/harness.js';
import { startServiceChild, type ServiceChild } from '../ledger/support/service-child.js';
import { chequeInUse } from '../support/voucher-factory.js';
import { openLbcLike } from '../support/reference-like-programmes.js';

type Sent = { path: string; key: string; auth: Record<string, string>; body: Record<string, unknown>; answer: { session: { id: string } } };

const post = (service: ServiceChild, sent: Omit<Sent, 'answer'>) =>
  fetch(`${service.baseUrl}${sent.path}`, {
    method: 'POST',
    headers: { ...sent.auth, 'Content-Type': 'application/json', 'Idempotency-Key': sent.key },
    body: JSON.stringify(sent.body),
  });

describe('sessions after a crash', function () {
  this.timeout(90_000);

  it('when the service is SIGKILLed mid-load and restarted, then acknowledged sessions are there, keys hold their outcomes and retries replay', async () => {
    const h = harness();
    const { code, author: admin } = await openLbcLike(h);
    const cheques = await Promise.all(Array.from({ length: 16 }, () => chequeInUse(h, admin, code)));
    const env = { JWT_SECRET: h.config.jwt.secret ?? '' };
    const service = await startServiceChild(env);
    const acknowledged: Sent[] = [];
    const keys: string[] = []; // every key this test sent: other files' crash tests leave keys of their own
    let cutOff = 0;
    // What the refused or cut-off requests got, so a run without acknowledgements says why.
    const otherAnswers = new Map<string, number>();
    let stop = false;
    const writer = async ({ cheque, centre }: (typeof cheques)[number]) => {
      for (let i = 0; i < 16 && !stop; i++) {
        const sent = {
          path: `/v1/centres/${centre.id}/vouchers/${cheque.code}/sessions`,
          key: `crash-${randomUUID()}`,
          auth: centre.staff.auth,
          body: { date: h.clock.today(), hours: '0.25', counsellor: 'An Peeters', kind: 'guidance' },
        };
        keys.push(sent.key);
        const res = await post(service, sent).catch((error: unknown) => String((error as Error).cause ?? error));
        if (typeof res !== 'string' && res.status === 201) acknowledged.push({ ...sent, answer: (await res.json()) as Sent['answer'] });
        else {
          cutOff++;
          const answer = typeof res === 'string' ? res : `${res.status} ${(await res.text().catch(() => '')).slice(0, 200)}`;
          otherAnswers.set(answer, (otherAnswers.get(answer) ?? 0) + 1);
        }
      }
    };
    let finished = false;
    const writers = cheques.map(writer);
    void Promise.all(writers).then(() => (finished = true));
    // Killed with the load in full flight: once a few dozen sessions were acknowledged (or, failing
    // that, when every writer is done: the assertions below then say what went wrong).
    while (acknowledged.length < 40 && !finished) await new Promise((resolve) => setTimeout(resolve, 5));
    service.child.kill('SIGKILL');
    await service.exited;
    stop = true;
    await Promise.all(writers);
    expect(
      acknowledged.length,
      `sessions acknowledged before the kill; other answers: ${JSON.stringify([...otherAnswers])}`,
    ).to.be.greaterThan(10);
    expect(cutOff, 'sessions cut off by the kill').to.be.greaterThan(0);

    const restarted = await startServiceChild(env);
    try {
      const ids = acknowledged.map((sent) => sent.answer.session.id);
      const found = await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM voucher_sessions WHERE id = ANY($1::uuid[])`, [ids]);
      expect(found.length).to.equal(ids.length);
      const unanswered = await queryRows(
        h.sequelize,
        `SELECT id FROM idempotency_keys WHERE key = ANY($1) AND response_status IS NULL AND outcome IS NULL`,
        [keys],
      );
      const stored = await queryRows(h.sequelize, `SELECT id FROM idempotency_keys WHERE key = ANY($1)`, [keys]);
      expect(stored.length).to.be.at.least(acknowledged.length);
      expect(unanswered).to.deep.equal([]);
      for (const sent of acknowledged.slice(0, 5)) {
        const replay = await post(restarted, sent);
        expect(replay.status).to.equal(201);
        expect(replay.headers.get('idempotent-replayed')).to.equal('true');
        expect(await replay.json()).to.deep.equal(sent.answer);
      }
      // Each cheque's hours went down by exactly what its recorded sessions took: read from its redeem
      // postings, not its balance, since an expiry job run by another file (over every cheque due by
      // the date it is given) may expire these cheques meanwhile and return what is left.
      const redeemed = await queryRows<{ code: string; redeemed: string; sessions: number }>(
        h.sequelize,
        `SELECT v.code, (SELECT count(*)::integer FROM voucher_sessions s WHERE s.voucher_id = v.id) AS sessions,
                (SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
                 WHERE e.account_id = v.account_id AND t.kind = 'redeem') AS redeemed
         FROM vouchers v WHERE v.code = ANY($1::text[])`,
        [cheques.map(({ cheque }) => cheque.code)],
      );
      expect(redeemed).to.have.length(cheques.length);
      for (const row of redeemed)
        expect(new Decimal(row.redeemed).toFixed(2), row.code).to.equal(new Decimal('-0.25').times(row.sessions).toFixed(2));
      const report = await verifyLedger(h.sequelize);
      expect(report.checks.filter((check) => check.violations.length > 0)).to.deep.equal([]);
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });
});
