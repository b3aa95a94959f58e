import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { redactCitizenAudit } from '../../migrations/20261204-16-throttle-and-audit.js';
import { queryRows } from '../../server/db/database.js';
import { harness } from '../support/harness.js';

type Row = { before: Record<string, unknown> | null; after: Record<string, unknown> };

describe('citizen entries written into the audit log before fingerprints', () => {
  it('when migration 16 runs, then their national numbers, incomes and facts are gone, and the ids, dates and changed facts stay', async () => {
    const h = harness();
    const [createdId, replacedId] = [randomUUID(), randomUUID()];
    const income = { amount: '18250.00', currency: 'EUR', year: 2025, evidenceDate: '2026-02-01' };
    const created = {
      id: createdId,
      userId: randomUUID(),
      email: 'old@test.example',
      name: 'Old Entry',
      nationalId: '85073003328',
      nationalIdScheme: 'BE_NRN',
      facts: { annualIncome: income },
      factsRecordedOn: { annualIncome: '2026-02-01' },
      createdAt: '2026-02-01T08:00:00.000Z',
    };
    const before = {
      facts: { annualIncome: income, employmentStatus: 'employee', workExperienceDays: 10 },
      factsRecordedOn: { annualIncome: '2026-02-01' },
    };
    const after = {
      facts: { annualIncome: { ...income, amount: '23975.00' }, employmentStatus: 'employee', benefits: ['UC'] },
      factsRecordedOn: { annualIncome: '2026-03-01' },
    };
    await queryRows(
      h.sequelize,
      `INSERT INTO audit_log (actor_role, action, entity_type, entity_id, before, after) VALUES
         ('system', 'citizen.created', 'citizen', $1, NULL, $2::jsonb), ('system', 'citizen.facts.replaced', 'citizen', $3, $4::jsonb, $5::jsonb)`,
      [createdId, JSON.stringify(created), replacedId, JSON.stringify(before), JSON.stringify(after)],
    );
    await redactCitizenAudit(h.ownerSequelize);
    const rows = await queryRows<Row & { entity_id: string }>(
      h.sequelize,
      `SELECT entity_id, before, after FROM audit_log WHERE entity_id IN ($1, $2)`,
      [createdId, replacedId],
    );
    const byId = Object.fromEntries(rows.map((row) => [row.entity_id, row]));
    expect(byId[createdId]?.after).to.deep.equal({
      id: createdId,
      userId: created.userId,
      nationalIdScheme: 'BE_NRN',
      factsRecordedOn: created.factsRecordedOn,
      createdAt: created.createdAt,
      redacted: true,
    });
    expect(byId[replacedId]?.before).to.deep.equal({ factsRecordedOn: before.factsRecordedOn, redacted: true });
    expect(byId[replacedId]?.after).to.deep.equal({
      changed: ['/facts/annualIncome', '/facts/benefits', '/facts/workExperienceDays'],
      factsRecordedOn: after.factsRecordedOn,
      redacted: true,
    });
    // The log is append-only again.
    const refused = await h.ownerSequelize.query(`DELETE FROM audit_log WHERE entity_id = '${createdId}'`).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(String(refused)).to.match(/append-only/);
  });
});
