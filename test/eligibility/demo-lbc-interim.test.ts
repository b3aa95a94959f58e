// The Flemish 2025 interim regime of the demo (seeders/70-demo-lbc-interim.ts): seeded twice, it
// is one draft rule set of LBC by the first demo administrator and one parameter change waiting
// for the second, so LBC decides today as before; the draft's own cases pass, and its simulation
// refuses the returning citizen whose right started in 2018, who is eligible under the rules in force.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { LBC_RETURNING, up as seedInterim } from '../../seeders/70-demo-lbc-interim.js';
import { seedDemo, signInDemo } from '../support/demo-seed.js';
import { harness, type Harness } from '../support/harness.js';

async function interimRows(h: Harness) {
  const [row] = await queryRows<Record<string, string>>(
    h.sequelize,
    `SELECT (SELECT count(*) FROM rule_sets WHERE programme_code = 'LBC' AND note LIKE 'Interim regime%') AS rule_sets,
            (SELECT count(*) FROM pending_changes WHERE target_id = 'LBC' AND kind = 'programme_parameters'
               AND payload->>'note' LIKE 'Interim regime%') AS parameter_changes,
            (SELECT count(*) FROM entitlements e JOIN citizens c ON c.id = e.citizen_id JOIN users u ON u.id = c.user_id
               WHERE u.email = $1) AS rights`,
    [LBC_RETURNING.login.email],
  );
  return row;
}

describe('Demo: the Flemish 2025 interim regime for loopbaancheques', () => {
  it('when the demo is seeded twice, then one draft and one parameter change wait for the second administrator, LBC decides as before, and the simulation refuses the returning citizen', async () => {
    const h = harness();
    await seedDemo(h);
    await seedInterim({ sequelize: h.ownerSequelize, config: h.config });
    expect(await interimRows(h)).to.deep.equal({ rule_sets: '1', parameter_changes: '1', rights: '1' });

    const admin = await signInDemo(h, 'admin@demo.test');
    const approver = await signInDemo(h, 'approver@demo.test');
    const versions = (await h.http.get('/v1/programmes/LBC/rulesets').set(approver).expect(200)).body.items as {
      id: string;
      state: string;
      note: string;
    }[];
    const draft = versions.find((version) => version.note.startsWith('Interim regime'))!;
    expect(draft.state).to.equal('draft');
    const detail = (await h.http.get(`/v1/rulesets/${draft.id}`).set(approver).expect(200)).body;
    expect(detail.testResults).to.deep.include({ total: 6, passed: 6 });
    expect(detail.effectiveFrom >= '2025-10-01').to.equal(true);

    // The rules in force still admit the returning citizen: the draft changes nothing until approved.
    const citizen = await signInDemo(h, LBC_RETURNING.login.email);
    const now = await h.http.post('/v1/programmes/LBC/eligibility').set(citizen).send({});
    expect([200, 201], JSON.stringify(now.body)).to.include(now.status);
    expect(now.body.eligible, JSON.stringify(now.body)).to.equal(true);

    const simulated = (await h.http.post(`/v1/rulesets/${draft.id}/simulate`).set(admin).send({}).expect(200)).body;
    expect(simulated.newlyIneligible).to.be.greaterThan(0);
    const refused = (simulated.examples as { change: string; reasonsNow: string[]; reasonsWithDraft: string[] }[]).filter(
      (example) => example.change === 'newly_ineligible',
    );
    expect(refused[0]).to.deep.include({ reasonsNow: [] });
    expect(refused.some((example) => example.reasonsWithDraft.includes('earlier_voucher_taken'))).to.equal(true);
  });
});
