// The demo programmes opened by configuration only (seeders/60-demo-cpa.ts, 65-demo-sfc.ts): seeded
// twice they exist once, with what an administrator would have done (a pending opening approved by
// a second administrator, a rule set drafted by one and approved by the other, a funded budget, an
// accredited provider with approved courses, citizens), and their demo citizens claim a course
// end to end with the demo logins.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { CPA, CPA_CITIZENS, CPA_PROVIDER, up as seedCpa } from '../../seeders/60-demo-cpa.js';
import { SFC, SFC_CITIZENS, SFC_PROVIDER, up as seedSfc } from '../../seeders/65-demo-sfc.js';
import { CPA_LOGINS, DEMO_LOGINS, SFC_LOGINS } from '../../seeders/demo-logins.js';
import { idempotencyKey } from '../support/actors.js';
import { seedDemo, signInDemo } from '../support/demo-seed.js';
import { harness, type Harness } from '../support/harness.js';
import { expectLedgerVerified } from '../support/voucher-factory.js';

const PROGRAMMES = [
  { programme: CPA, provider: CPA_PROVIDER, citizens: CPA_CITIZENS },
  { programme: SFC, provider: SFC_PROVIDER, citizens: SFC_CITIZENS },
];

/** Every row the two seeders own, counted by their natural keys (other files write the same tables meanwhile). */
async function seededRows(h: Harness) {
  const counts: Record<string, unknown> = {};
  for (const { programme, provider, citizens } of PROGRAMMES) {
    const [row] = await queryRows<Record<string, string>>(
      h.sequelize,
      `SELECT (SELECT count(*) FROM programmes WHERE code = $1) AS programmes,
              (SELECT count(*) FROM programme_parameters WHERE programme_code = $1) AS parameter_versions,
              (SELECT count(*) FROM pending_changes WHERE target_id = $1) AS pending_changes,
              (SELECT count(*) FROM rule_sets WHERE programme_code = $1) AS rule_sets,
              (SELECT count(*) FROM ledger_transactions WHERE kind = 'fund' AND metadata->>'programme' = $1) AS fundings,
              (SELECT count(*) FROM centres WHERE enterprise_number = $2) AS centres,
              (SELECT count(*) FROM accreditations a JOIN centres c ON c.id = a.centre_id WHERE c.enterprise_number = $2) AS accreditations,
              (SELECT count(*) FROM courses k JOIN centres c ON c.id = k.centre_id
                WHERE c.enterprise_number = $2 AND k.status = 'approved' AND k.programme_code = $1) AS approved_courses,
              (SELECT count(*) FROM users WHERE email = ANY($3)) AS users,
              (SELECT count(*) FROM citizens c JOIN users u ON u.id = c.user_id WHERE u.email = ANY($3)) AS citizens`,
      [programme.code, provider.enterpriseNumber, [provider.staff.email, ...citizens.map((citizen) => citizen.login.email)]],
    );
    counts[programme.code] = row;
  }
  return counts;
}

const claim = (h: Harness, auth: { Authorization: string }, code: string, courseId: string) =>
  h.http.post(`/v1/programmes/${code}/claims`).set(auth).set('Idempotency-Key', idempotencyKey()).send({ courseId });

async function courseId(h: Harness, title: string) {
  const [row] = await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM courses WHERE title = $1`, [title]);
  return row!.id;
}

/** The provider verifies the application and, the course having started today, claims it. */
async function providerClaims(h: Harness, enterpriseNumber: string, staffEmail: string, reference: string) {
  const [centre] = await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM centres WHERE enterprise_number = $1`, [enterpriseNumber]);
  const staff = await signInDemo(h, staffEmail);
  const verified = await h.http.post(`/v1/centres/${centre!.id}/applications/${reference}/verify`).set(staff);
  expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
  const claimed = await h.http
    .post(`/v1/centres/${centre!.id}/applications/${reference}/claim`)
    .set(staff)
    .set('Idempotency-Key', idempotencyKey())
    .send({ courseStartDate: h.clock.today() });
  expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
  expect(claimed.body.status).to.equal('claimed');
}

describe('demo programmes opened by configuration (CPA, SFC)', () => {
  let h: Harness;
  before(async () => {
    h = harness();
    await seedDemo(h);
  });
  beforeEach(() => h.clock.set(new Date()));

  it('when the seeders run again, then nothing is duplicated', async () => {
    const once = await seededRows(h);
    expect(once.CPA).to.deep.include({
      programmes: '1',
      rule_sets: '1',
      fundings: '1',
      centres: '1',
      approved_courses: '3',
      citizens: '3',
    });
    expect(once.SFC).to.deep.include({
      programmes: '1',
      rule_sets: '1',
      fundings: '1',
      centres: '1',
      approved_courses: '3',
      citizens: '3',
    });
    // The whole seed again (the reference rule sets' seeder too, which must leave configured programmes' rules alone), then each alone.
    await seedDemo(h);
    await seedCpa({ sequelize: h.sequelize, config: h.config });
    await seedSfc({ sequelize: h.sequelize, config: h.config });
    expect(await seededRows(h)).to.deep.equal(once);
  });

  it('when seeded, then the French and Singaporean providers have their contact details', async () => {
    const rows = await queryRows<{ enterprise_number: string; postcode: string; municipality: string; phone: string }>(
      h.sequelize,
      `SELECT enterprise_number, postcode, municipality, phone FROM centres WHERE enterprise_number = ANY($1) ORDER BY enterprise_number`,
      [[CPA_PROVIDER.enterpriseNumber, SFC_PROVIDER.enterpriseNumber]],
    );
    expect(rows).to.deep.equal([
      { enterprise_number: 'FC612345', postcode: '69002', municipality: 'Lyon', phone: '+33 4 65 71 12 34' },
      { enterprise_number: 'FC712345', postcode: '079903', municipality: 'Singapore', phone: '+65 6123 4567' },
    ]);
  });

  it('when they were opened, then a pending change of one administrator was approved by the other, who is audited as opening them', async () => {
    const [admin, approver] = await Promise.all(
      ['admin@demo.test', 'approver@demo.test'].map(async (email) => {
        const [row] = await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM users WHERE email = $1`, [email]);
        return row!.id;
      }),
    );
    for (const { programme } of PROGRAMMES) {
      const changes = await queryRows<{ kind: string; status: string; requested_by: string; decided_by: string }>(
        h.sequelize,
        `SELECT kind, status, requested_by, decided_by FROM pending_changes WHERE target_id = $1 ORDER BY kind`,
        [programme.code],
      );
      expect(changes).to.deep.include({ kind: 'programme_opening', status: 'approved', requested_by: admin, decided_by: approver });
      const [opened] = await queryRows<{ actor_id: string }>(
        h.sequelize,
        `SELECT actor_id FROM audit_log WHERE action = 'programme.opened' AND entity_id = $1`,
        [programme.code],
      );
      expect(opened?.actor_id).to.equal(approver);
      const [rules] = await queryRows<{ state: string; author_id: string; approved_by: string }>(
        h.sequelize,
        `SELECT state, author_id, approved_by FROM rule_sets WHERE programme_code = $1`,
        [programme.code],
      );
      expect(rules).to.deep.equal({ state: 'approved', author_id: admin, approved_by: approver });
      const [kind] = await queryRows<{ kind: string }>(h.sequelize, `SELECT kind FROM programmes WHERE code = $1`, [programme.code]);
      expect(kind?.kind).to.equal(programme.kind);
    }
  });

  it('when CPA demo citizens claim a EUR 450 course, then the co-payment, the jobseeker’s exemption and the boost apply, and the refusal names the residence', async () => {
    const course = await courseId(h, 'Anglais professionnel (TOEIC)');
    const camille = await claim(h, await signInDemo(h, CPA_LOGINS.eligible.email), 'CPA', course);
    expect(camille.status, JSON.stringify(camille.body)).to.equal(201);
    expect([camille.body.application.fundedAmount.amount, camille.body.application.learnerPart.amount]).to.deep.equal(['350.00', '100.00']);
    expect(camille.body.account.balance).to.include({ accrued: '500.00', currency: 'EUR' });

    const karim = await claim(h, await signInDemo(h, CPA_LOGINS.boosted.email), 'CPA', course);
    expect(karim.status, JSON.stringify(karim.body)).to.equal(201);
    expect(karim.body.decision.groups).to.have.members(['low_qualified', 'jobseeker']);
    expect([karim.body.application.fundedAmount.amount, karim.body.application.learnerPart.amount]).to.deep.equal(['450.00', '0.00']);
    expect(karim.body.account.balance.accrued).to.equal('800.00');

    const lucas = await claim(h, await signInDemo(h, CPA_LOGINS.refused.email), 'CPA', course);
    expect(lucas.status, JSON.stringify(lucas.body)).to.equal(422);
    expect(lucas.body.code).to.equal('not_eligible');
    expect(JSON.stringify(lucas.body)).to.include('residence_not_eligible');

    await providerClaims(h, CPA_PROVIDER.enterpriseNumber, CPA_LOGINS.staff.email, camille.body.application.reference as string);
    await expectLedgerVerified(h);
  });

  it('when SFC demo citizens claim, then the lots due are granted and drawn (mid-career only for the tagged course at 45), and the refusal names the age', async () => {
    const wei = await claim(h, await signInDemo(h, SFC_LOGINS.eligible.email), 'SFC', await courseId(h, 'Data Analytics Fundamentals'));
    expect(wei.status, JSON.stringify(wei.body)).to.equal(201);
    expect(wei.body.lotsGranted).to.have.members(['opening_credit', 'campaign_top_up']);
    // The campaign top-up ends first, so it pays first.
    expect(wei.body.draws).to.deep.equal([{ lot: 'campaign_top_up', amount: { amount: '350.00', currency: 'SGD' } }]);

    const rajesh = await claim(
      h,
      await signInDemo(h, SFC_LOGINS.boosted.email),
      'SFC',
      await courseId(h, 'Career Conversion: Software Engineering'),
    );
    expect(rajesh.status, JSON.stringify(rajesh.body)).to.equal(201);
    expect(rajesh.body.lotsGranted).to.have.members(['opening_credit', 'mid_career', 'campaign_top_up']);
    expect(rajesh.body.fundedAmount).to.deep.equal({ amount: '3800.00', currency: 'SGD' });
    expect(rajesh.body.draws).to.deep.equal([
      { lot: 'campaign_top_up', amount: { amount: '500.00', currency: 'SGD' } },
      { lot: 'mid_career', amount: { amount: '3300.00', currency: 'SGD' } },
    ]);

    const nur = await claim(h, await signInDemo(h, SFC_LOGINS.refused.email), 'SFC', await courseId(h, 'Data Analytics Fundamentals'));
    expect(nur.status, JSON.stringify(nur.body)).to.equal(422);
    expect(JSON.stringify(nur.body)).to.include('below_minimum_age');

    await providerClaims(h, SFC_PROVIDER.enterpriseNumber, SFC_LOGINS.staff.email, wei.body.reference as string);
    await expectLedgerVerified(h);
  });

  it('when `npm start` prints the demo logins, then the providers and citizens of CPA and SFC are among them', () => {
    for (const login of [...Object.values(CPA_LOGINS), ...Object.values(SFC_LOGINS)]) expect(DEMO_LOGINS).to.deep.include(login);
  });
});
