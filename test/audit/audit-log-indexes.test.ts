// The audit trail's filters by actor and by time read an index (migration 43), not the whole log
// backwards. The plans are taken on a log of 50,000 entries inserted and analysed in a
// transaction that is rolled back, so no other test ever sees them.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import { auditRows, type AuditFilter } from '../../server/audit/audit-store.js';
import { createActor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';

describe('audit log filters by actor and time', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });

  /** The plan of the audit trail's own query (auditRows) for `filter`, as PostgreSQL would run it. */
  const planOf = async (filter: AuditFilter, transaction: Transaction) => {
    const explaining = {
      query: (sql: string, options: object) => h.ownerSequelize.query(`EXPLAIN (COSTS OFF) ${sql}`, { ...options, transaction }),
    } as unknown as Sequelize;
    const rows = (await auditRows(explaining, filter, { beforeId: null, limit: 26 })) as unknown as { 'QUERY PLAN': string }[];
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  };

  it('when the log is filtered by an actor (id or e-mail) or by days, then the plan reads the actor or time index', async function () {
    this.timeout(60_000);
    const email = `audit-index-${randomUUID()}@test.example`;
    const actor = await createActor(h, 'admin', { email });
    const transaction = await h.ownerSequelize.transaction();
    try {
      // Five hundred actors, one in three entries by the system, half an hour apart from 2000-01-01 (to 2002-11).
      await h.ownerSequelize.query(
        `INSERT INTO audit_log (at, actor_id, actor_role, action, entity_type, entity_id)
         SELECT timestamptz '2000-01-01' + g * interval '30 minutes',
                CASE WHEN g % 1000 = 0 THEN $1::uuid WHEN g % 3 = 0 THEN NULL ELSE md5((g % 500)::text)::uuid END,
                'admin', 'programme.budget.funded', 'programme', 'ITA'
         FROM generate_series(1, 50000) g`,
        { bind: [actor.principal.userId], transaction },
      );
      await h.ownerSequelize.query(`ANALYZE audit_log`, { transaction });
      expect(await planOf({ actorId: actor.principal.userId }, transaction)).to.include('audit_log_actor_idx');
      // An e-mail is looked up first, then the index is read with the user's id, whatever the
      // planner guesses of how many entries one actor has among how many users.
      expect(await planOf({ actorEmail: email }, transaction)).to.match(
        /audit_log_actor_idx on audit_log a\n\s+Index Cond: \(actor_id = \(InitPlan/,
      );
      expect(await planOf({ from: '2000-06-01', to: '2000-06-01' }, transaction)).to.include('audit_log_at_idx');
    } finally {
      await transaction.rollback();
    }
  });
});
