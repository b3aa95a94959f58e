import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { insertParameterVersion, parametersInForce } from '../../server/programmes/programme-store.js';
import { createActor, idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { openItaLike } from '../support/reference-like-programmes.js';
import { blockedBy } from '../support/lock-waits.js';
import {
  applyFor,
  budgetMovedFor,
  claimFunding,
  claimIta,
  expectLedgerOk,
  fundIta,
  grantsForCourse,
  itaCitizen,
  providerWithCourse,
  setToday,
  verify,
} from './ita-fixtures.js';

describe('ITA applications under concurrency and at the database', () => {
  let h: Harness;

  before(async () => {
    h = harness();
    setToday(h, '2026-05-10');
    await fundIta(h);
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-05-10'));
  afterEach(async () => {
    await expectLedgerOk(h);
    setToday(h, '2026-05-10');
  });

  it('when a citizen sends 6 claims at once with different keys, then exactly one is funded and the rest get 409 application_exists', async () => {
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h, '100.00');
    const answers = await Promise.all(Array.from({ length: 6 }, () => claimIta(h, citizen.actor, course.id, idempotencyKey())));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).to.deep.equal([201, 409, 409, 409, 409, 409]);
    expect(answers.filter((res) => res.status === 409).every((res) => res.body.code === 'application_exists')).to.equal(true);
    expect(await grantsForCourse(h, course.id)).to.equal(1);
    const funded = answers.find((res) => res.status === 201)!.body.reference as string;
    expect((await budgetMovedFor(h, [funded])).toFixed(2)).to.equal('-100.00');
  });

  it('when the places target is lowered after places were taken in many lanes, then concurrent claims fill it exactly and no more', async () => {
    const admin = await createActor(h, 'admin');
    // Dated versions of a programme like ITA of its own.
    setToday(h, '2028-03-20');
    const { code } = await openItaLike(h);
    await h.sequelize.transaction(async (t) => {
      const values = (await parametersInForce(h.sequelize, code, '2028-03-31', t))!.values;
      for (const [effectiveFrom, placesTarget] of [
        ['2028-04-01', 16],
        ['2028-04-02', 10],
      ] as const) {
        await insertParameterVersion(
          h.sequelize,
          {
            code,
            effectiveFrom,
            values: { ...values, placesTarget },
            note: 'ITA places lowered',
            createdBy: admin.principal.userId,
          },
          t,
        );
      }
    });
    const { course } = await providerWithCourse(h, '100.00', code);
    const taken = async () =>
      (
        await queryRows<{ taken: number }>(
          h.sequelize,
          `SELECT sum(taken)::integer AS taken FROM programme_places WHERE programme_code = $1 AND period = '2028-04-01'`,
          [code],
        )
      )[0]!.taken;
    const claimAtOnce = async (count: number) => {
      const citizens = await Promise.all(Array.from({ length: count }, () => itaCitizen(h)));
      return (await Promise.all(citizens.map((citizen) => claimIta(h, citizen.actor, course.id, undefined, code)))).map(
        (res) => res.status,
      );
    };

    setToday(h, '2028-04-01'); // 16 places, one a lane: 8 claims take places in lanes all over
    expect((await claimAtOnce(8)).filter((status) => status === 201)).to.have.length(8);
    setToday(h, '2028-04-02'); // lowered to 10: 2 places are left, whichever lanes the 8 are in
    const statuses = await claimAtOnce(12);
    expect(statuses.filter((status) => status === 201)).to.have.length(2);
    expect(statuses.filter((status) => status === 409)).to.have.length(10);
    expect(await taken()).to.equal(10);
  });

  it('when an administrator lowers the places target while a claim that read the old one is in flight, then the claim is held to the lowered target', async () => {
    const admin = await createActor(h, 'admin');
    const version = (effectiveFrom: string, values: Record<string, unknown>) =>
      h.sequelize.transaction((t) =>
        insertParameterVersion(
          h.sequelize,
          { code, effectiveFrom, values, note: 'places lowered in flight', createdBy: admin.principal.userId },
          t,
        ),
      );
    // Dated versions of a programme like ITA of its own.
    setToday(h, '2030-03-20');
    const { code } = await openItaLike(h);
    const values = (await parametersInForce(h.sequelize, code, '2030-03-31'))!.values;
    await version('2030-04-01', { ...values, placesTarget: 3 });
    const { course } = await providerWithCourse(h, '100.00', code);
    setToday(h, '2030-04-01');
    for (let i = 0; i < 2; i++) await applyFor(h, (await itaCitizen(h)).actor, course.id, code);

    setToday(h, '2030-04-02');
    const citizen = await itaCitizen(h);
    // The claim reads its context (target 3 in force), then waits in its statement for the citizen,
    // held here until the lowering has committed.
    const claim = await h.sequelize.transaction(async (held) => {
      await queryRows(h.sequelize, `SELECT 1 FROM citizens WHERE id = $1 FOR UPDATE`, [citizen.id], { transaction: held });
      const sent = Promise.resolve(claimIta(h, citizen.actor, course.id, undefined, code));
      await blockedBy(h.sequelize, held);
      await version('2030-04-02', { ...values, placesTarget: 2 });
      return { sent };
    });
    const res = await claim.sent;

    expect(res.status, JSON.stringify(res.body)).to.equal(409);
    expect(res.body).to.include({ code: 'budget_exhausted', reason: 'places_target_reached' });
    const [row] = await queryRows<{ taken: number }>(
      h.sequelize,
      `SELECT sum(taken)::integer AS taken FROM programme_places WHERE programme_code = $1 AND period = '2030-04-01'`,
      [code],
    );
    expect(row!.taken).to.equal(2);
  });

  it('when an administrator moves the closing date before today while a claim is in flight, then the claim is refused as closed and takes no place', async () => {
    const admin = await createActor(h, 'admin');
    const version = (effectiveFrom: string, values: Record<string, unknown>) =>
      h.sequelize.transaction((t) =>
        insertParameterVersion(
          h.sequelize,
          { code, effectiveFrom, values, note: 'closed in flight', createdBy: admin.principal.userId },
          t,
        ),
      );
    // Dated versions of a programme like ITA of its own.
    setToday(h, '2027-03-20');
    const { code } = await openItaLike(h);
    const values = (await parametersInForce(h.sequelize, code, '2027-03-31'))!.values;
    const { course } = await providerWithCourse(h, '100.00', code);
    setToday(h, '2027-04-02');
    const citizen = await itaCitizen(h);
    const claim = await h.sequelize.transaction(async (held) => {
      await queryRows(h.sequelize, `SELECT 1 FROM citizens WHERE id = $1 FOR UPDATE`, [citizen.id], { transaction: held });
      const sent = Promise.resolve(claimIta(h, citizen.actor, course.id, undefined, code));
      await blockedBy(h.sequelize, held);
      await version('2027-04-02', { ...values, closingDate: '2027-04-01' });
      return { sent };
    });
    const res = await claim.sent;

    expect(res.status, JSON.stringify(res.body)).to.equal(409);
    expect(res.body).to.include({ code: 'budget_exhausted', reason: 'closing_date_passed' });
    const [row] = await queryRows<{ taken: number | null }>(
      h.sequelize,
      `SELECT sum(taken)::integer AS taken FROM programme_places WHERE programme_code = $1 AND period = '2027-04-01'`,
      [code],
    );
    expect(row!.taken ?? 0).to.equal(0);
  });

  it('when 10 identical claims with one key race, then one application is funded and all get the same answer', async () => {
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h, '120.00');
    const key = idempotencyKey();
    const answers = await Promise.all(Array.from({ length: 10 }, () => claimIta(h, citizen.actor, course.id, key)));
    expect(answers.map((res) => res.status)).to.deep.equal(Array(10).fill(201));
    for (const res of answers) expect(res.body).to.deep.equal(answers[0]!.body);
    expect(answers.filter((res) => res.headers['idempotent-replayed'] === 'true')).to.have.length(9);
    expect(await grantsForCourse(h, course.id)).to.equal(1);
    expect((await budgetMovedFor(h, [answers[0]!.body.reference as string])).toFixed(2)).to.equal('-120.00');
    const decisions = await queryRows(h.sequelize, `SELECT id FROM decisions WHERE citizen_id = $1`, [citizen.id]);
    expect(decisions).to.have.length(1);
  });

  it('when a refused claim is sent again with its key after the citizen became eligible, then the first refusal and decision come back', async () => {
    const citizen = await itaCitizen(h, { employmentStatus: 'student', inFullTimeEducation: true });
    const { course } = await providerWithCourse(h, '120.00');
    const key = idempotencyKey();
    const refused = await claimIta(h, citizen.actor, course.id, key);
    expect(refused.status).to.equal(422);
    expect(refused.body.code).to.equal('not_eligible');
    await queryRows(
      h.sequelize,
      `UPDATE citizens SET facts = facts || '{"employmentStatus": "unemployed", "inFullTimeEducation": false}' WHERE id = $1`,
      [citizen.id],
    );
    const replay = await claimIta(h, citizen.actor, course.id, key);
    expect(replay.headers['idempotent-replayed']).to.equal('true');
    expect(replay.body).to.deep.equal(refused.body);
    expect((await claimIta(h, citizen.actor, course.id)).status).to.equal(201);
  });

  it('when keys were answered before outcomes were domain outcomes (a status stored beside them), then their replays are the first answers', async () => {
    const { course } = await providerWithCourse(h, '130.00');
    const [eligible, student] = [await itaCitizen(h), await itaCitizen(h, { employmentStatus: 'student', inFullTimeEducation: true })];
    const [appliedKey, refusedKey] = [idempotencyKey(), idempotencyKey()];
    const applied = await claimIta(h, eligible.actor, course.id, appliedKey);
    const refused = await claimIta(h, student.actor, course.id, refusedKey);
    expect([applied.status, refused.status]).to.deep.equal([201, 422]);
    // The shape an upgraded database holds: the status stored by the function, no result or refusal named.
    for (const [actor, key, status] of [
      [eligible.actor, appliedKey, 201],
      [student.actor, refusedKey, 422],
    ] as const) {
      await queryRows(
        h.ownerSequelize,
        `UPDATE idempotency_keys SET response_status = $3, outcome = outcome - 'result' - 'refusal' WHERE scope = $1 AND key = $2`,
        [`user:${actor.principal.userId}`, key, status],
      );
    }
    const [appliedAgain, refusedAgain] = [
      await claimIta(h, eligible.actor, course.id, appliedKey),
      await claimIta(h, student.actor, course.id, refusedKey),
    ];
    expect([appliedAgain.status, refusedAgain.status]).to.deep.equal([201, 422]);
    expect(appliedAgain.body).to.deep.equal(applied.body);
    expect(refusedAgain.body).to.deep.equal(refused.body);
  });

  it('when the citizen cancels while the provider claims, then exactly one of them wins', async () => {
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerWithCourse(h, '130.00');
    const application = await applyFor(h, citizen.actor, course.id);
    await verify(h, provider.staff, provider.id, application.reference).expect(200);
    const [cancel, claim] = await Promise.all([
      h.http.post(`/v1/applications/${application.reference}/cancel`).set(citizen.actor.auth),
      claimFunding(h, provider.staff, provider.id, application.reference, '2026-05-10'),
    ]);
    expect([cancel.status, claim.status].sort()).to.deep.equal([200, 409]);
  });

  it('when someone updates a final application in SQL, then the database refuses it', async () => {
    const citizen = await itaCitizen(h);
    const { course } = await providerWithCourse(h);
    const application = await applyFor(h, citizen.actor, course.id);
    await h.http.post(`/v1/applications/${application.reference}/cancel`).set(citizen.actor.auth).expect(200);
    const refused = async (sql: string) => {
      try {
        await h.sequelize.query(sql, { bind: [application.reference] });
        return 'accepted';
      } catch {
        return 'refused';
      }
    };
    expect(await refused(`UPDATE applications SET status = 'pending_verification' WHERE reference = $1`)).to.equal('refused');
    expect(await refused(`UPDATE applications SET funded_amount = 1 WHERE reference = $1`)).to.equal('refused');
    expect(await refused(`DELETE FROM applications WHERE reference = $1`)).to.equal('refused');
  });
});
