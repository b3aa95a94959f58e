import { randomInt } from 'node:crypto';
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { createActor, idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { openItaLike } from '../support/reference-like-programmes.js';
import { claimOn, providerOf } from '../applications/course-grant-fixtures.js';
import { claimFunding, expectLedgerOk, itaCitizen, setToday, verify } from '../applications/ita-fixtures.js';

type Statement = { centreId: string; lines: { source: { id: string; type: string } }[] };

describe('settlement of money programmes: each run takes only its own programme', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-05-10'));

  /** A second money programme, as reference data would add it, with a code of its own. */
  async function otherMoneyProgramme(): Promise<string> {
    const code = `M${Array.from({ length: 7 }, () => String.fromCharCode(65 + randomInt(26))).join('')}`;
    await queryRows(
      h.sequelize,
      `INSERT INTO programmes (code, kind, name_en, name_nl, unit, currency) VALUES ($1, 'course_grant', $2, $2, 'GBP', 'GBP')`,
      [code, `Test money programme ${code}`],
    );
    return code;
  }

  it('when another GBP programme is settled, then its run takes no application of an ITA-like programme; the run of that programme does', async () => {
    const admin = await createActor(h, 'admin');
    const ita = await openItaLike(h);
    const citizen = await itaCitizen(h);
    const { provider, course } = await providerOf(h, ita, '120.00', 'GBP');
    const claimed = await claimOn(h, ita.code, citizen.actor, course.id, idempotencyKey());
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(201);
    const application = claimed.body as { reference: string };
    await verify(h, provider.staff, provider.id, application.reference).expect(200);
    await claimFunding(h, provider.staff, provider.id, application.reference, h.clock.today()).expect(200);
    const [row] = await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM applications WHERE reference = $1`, [application.reference]);
    const settle = (programme: string) =>
      h.http
        .post('/v1/settlements')
        .set(admin.auth)
        .set('Idempotency-Key', idempotencyKey())
        .send({ programme, periodEnd: h.clock.today() })
        .expect(201);

    const other = await settle(await otherMoneyProgramme());
    expect(other.body.statements).to.deep.equal([]);

    const own = await settle(ita.code);
    const sources = (own.body.statements as Statement[]).flatMap((statement) => statement.lines.map((line) => line.source));
    expect(sources).to.deep.include({ id: row!.id, type: 'application' });
    await expectLedgerOk(h);
  });
});
