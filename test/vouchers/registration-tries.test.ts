// A cheque's client number is its only secret: guessing it is limited per cheque code and per
// centre, a refusal is a 429 with Retry-After, the citizen hears once per burst which centre
// tried, and a centre that may not take cheques learns nothing about codes or numbers.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { JOBS } from '../../server/jobs/job-registry.js';
import type { Actor } from '../support/actors.js';
import { buildHarness, harness, type Harness } from '../support/harness.js';
import {
  closeCheque,
  expectLedgerVerified,
  grant,
  guidance,
  lbcCentre,
  lbcCitizen,
  openVoucherProgramme,
  order,
  payAsAdmin,
  recordSession,
  register,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

const wrongFor = (clientNumber: string) => (clientNumber === '12345678' ? '87654321' : '12345678');
const randomCode = (programme: string) =>
  `${programme}-${Array.from({ length: 10 }, () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(Math.random() * 32)]).join('')}`;

describe('cheque registration tries', () => {
  let h: Harness;
  let lbc: VoucherProgramme;
  let admin: Actor;

  before(async () => {
    h = harness();
    lbc = await openVoucherProgramme(h, '2026-12-01');
    admin = lbc.admin;
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-12-01'));
  afterEach(() => expectLedgerVerified(h));

  async function paidCheque(on: Harness = h) {
    const citizen = await lbcCitizen(on);
    const entitlement = await grant(on, citizen.actor, lbc.code);
    const cheque = await order(on, citizen.actor, entitlement.id);
    expect((await payAsAdmin(on, admin, cheque.code)).status).to.equal(200);
    return { citizen, cheque };
  }

  const noticesOf = (userId: string) =>
    queryRows<{ subject: string; data: { centreId: string; voucherCode: string } }>(
      h.sequelize,
      `SELECT subject, data FROM notifications WHERE user_id = $1 AND kind = 'voucher_registration_refused' ORDER BY created_at`,
      [userId],
    );

  it('when a centre tries 5 wrong client numbers, then each is 404, the 6th try (even the right number) is 429 with Retry-After, and the citizen is told once, naming the centre', async () => {
    setToday(h, '2026-12-01');
    const { citizen, cheque } = await paidCheque();
    const centre = await lbc.centre();
    for (let i = 0; i < 5; i++) expect((await register(h, centre, cheque.code, wrongFor(cheque.clientNumber))).status).to.equal(404);
    const locked = await register(h, centre, cheque.code, cheque.clientNumber);
    expect([locked.status, locked.body.code]).to.deep.equal([429, 'too_many_attempts']);
    expect(Number(locked.headers['retry-after'])).to.equal(86400);
    const notices = await noticesOf(citizen.actor.principal.userId);
    expect(notices).to.have.length(1);
    expect(notices[0]!.subject).to.include(centre.name).and.include(cheque.code);
    expect(notices[0]!.data).to.deep.include({ centreId: centre.id, voucherCode: cheque.code });
  });

  it('when the lock has run out, then the right number registers, and a new burst of wrong tries is told again', async () => {
    setToday(h, '2026-12-01');
    const { citizen, cheque } = await paidCheque();
    const centre = await lbc.centre();
    for (let i = 0; i < 5; i++) await register(h, centre, cheque.code, wrongFor(cheque.clientNumber));
    expect((await register(h, centre, cheque.code, cheque.clientNumber)).status).to.equal(429);
    setToday(h, '2026-12-02');
    h.clock.set('2026-12-02T09:00:01Z');
    expect((await register(h, centre, cheque.code, wrongFor(cheque.clientNumber))).status).to.equal(404);
    expect(await noticesOf(citizen.actor.principal.userId)).to.have.length(2);
    expect((await register(h, centre, cheque.code, cheque.clientNumber)).status).to.equal(200);
  });

  it('when 10 wrong tries on one cheque arrive at once, then exactly 5 are compared (404) and 5 refused (429)', async () => {
    setToday(h, '2026-12-01');
    const { cheque } = await paidCheque();
    const centre = await lbc.centre();
    const answers = await Promise.all(Array.from({ length: 10 }, () => register(h, centre, cheque.code, wrongFor(cheque.clientNumber))));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).to.deep.equal([404, 404, 404, 404, 404, 429, 429, 429, 429, 429]);
  });

  it('when the code belongs to no cheque, then the tries are counted the same, so a lock does not tell which codes exist', async () => {
    setToday(h, '2026-12-01');
    const centre = await lbc.centre();
    const code = randomCode(lbc.code);
    for (let i = 0; i < 5; i++) expect((await register(h, centre, code, '12345678')).status).to.equal(404);
    expect((await register(h, centre, code, '12345678')).status).to.equal(429);
  });

  it('when the right number is entered, then it does not use up tries: a centre registers many cheques and a cheque is not locked by its own centre', async () => {
    setToday(h, '2026-12-01');
    const { cheque } = await paidCheque();
    const centre = await lbc.centre();
    for (let i = 0; i < 4; i++) await register(h, centre, cheque.code, wrongFor(cheque.clientNumber));
    expect((await register(h, centre, cheque.code, cheque.clientNumber)).status).to.equal(200);
    const [row] = await queryRows(h.sequelize, `SELECT 1 FROM cheque_registration_tries WHERE code = $1`, [cheque.code]);
    expect(row).to.equal(undefined);
  });

  it('when a centre has used its hourly budget of tries, then every registration is 429 until the next hour, whatever the code', async () => {
    const limited = buildHarness({ CENTRE_REGISTRATION_TRIES_PER_HOUR: '3' });
    limited.clock.set('2026-12-01T09:30:00Z');
    const { cheque } = await paidCheque(limited);
    const centre = await lbcCentre(limited, 'active', lbc.code);
    // A right number gives its try back: it never eats the budget.
    expect((await register(limited, centre, cheque.code, cheque.clientNumber)).status).to.equal(200);
    for (let i = 0; i < 3; i++) expect((await register(limited, centre, randomCode(lbc.code), '12345678')).status).to.equal(404);
    const { cheque: another } = await paidCheque(limited);
    const refused = await register(limited, centre, another.code, another.clientNumber);
    expect([refused.status, refused.body.code, refused.headers['retry-after']]).to.deep.equal([429, 'too_many_attempts', '1800']);
    limited.clock.set('2026-12-01T10:00:00Z');
    expect((await register(limited, centre, another.code, another.clientNumber)).status).to.equal(200);
  });

  it('when the forget job runs, then finished bursts and past hours are dropped, and a lock in force is kept', async () => {
    setToday(h, '2026-12-01');
    const centre = await lbc.centre();
    const [lockedCode, strayCode] = [randomCode(lbc.code), randomCode(lbc.code)];
    for (let i = 0; i < 5; i++) await register(h, centre, lockedCode, '12345678');
    await register(h, centre, strayCode, '12345678');
    const forget = JOBS.find((job) => job.name === 'forget-registration-tries')!;
    const codesLeft = async () =>
      (
        await queryRows<{ code: string }>(h.sequelize, `SELECT code FROM cheque_registration_tries WHERE code = ANY($1)`, [
          [lockedCode, strayCode],
        ])
      ).map((row) => row.code);
    const hoursLeft = async () =>
      (await queryRows(h.sequelize, `SELECT 1 FROM centre_registration_tries WHERE centre_id = $1`, [centre.id])).length;
    await forget.run(h.context, new Date('2026-12-01T12:00:00Z'));
    expect(await codesLeft()).to.have.members([lockedCode, strayCode]);
    expect(await hoursLeft()).to.equal(0);
    await forget.run(h.context, new Date('2026-12-02T09:00:01Z'));
    expect(await codesLeft()).to.deep.equal([]);
  });

  it('when a centre without an active accreditation registers, then the same 422 whatever the code and number, and no try is taken', async () => {
    setToday(h, '2026-12-01');
    const { citizen, cheque } = await paidCheque();
    const suspended = await lbc.centre('suspended');
    const answers = await Promise.all([
      register(h, suspended, cheque.code, cheque.clientNumber),
      register(h, suspended, cheque.code, wrongFor(cheque.clientNumber)),
      register(h, suspended, randomCode(lbc.code), cheque.clientNumber),
    ]);
    const shapes = answers.map((res) => [res.status, res.body.code, res.body.detail]);
    expect(shapes[0]).to.deep.equal([422, 'centre_not_accredited', `The centre has no active ${lbc.code} accreditation on 2026-12-01.`]);
    expect(shapes[1]).to.deep.equal(shapes[0]);
    expect(shapes[2]).to.deep.equal(shapes[0]);
    expect(await noticesOf(citizen.actor.principal.userId)).to.have.length(0);
    const tries = await queryRows(h.sequelize, `SELECT 1 FROM centre_registration_tries WHERE centre_id = $1`, [suspended.id]);
    expect(tries).to.have.length(0);
  });

  it('when a cheque is paid, registered, has a session recorded and is closed, then each is in the audit log under the cheque id, not its code, client number or counsellor', async () => {
    setToday(h, '2026-12-01');
    const { cheque } = await paidCheque();
    const centre = await lbc.centre();
    expect((await register(h, centre, cheque.code, cheque.clientNumber)).status).to.equal(200);
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-01'))).status).to.equal(201);
    expect((await closeCheque(h, centre, cheque.code)).status).to.equal(200);
    const [voucher] = await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM vouchers WHERE code = $1`, [cheque.code]);
    const entries = await queryRows<{ action: string; actor_id: string; text: string }>(
      h.sequelize,
      `SELECT action, actor_id, concat_ws(' ', before::text, after::text) AS text FROM audit_log WHERE entity_type = 'voucher' AND entity_id = $1 ORDER BY id`,
      [voucher!.id],
    );
    expect(entries.map((entry) => entry.action)).to.deep.equal([
      'voucher.co_payment.confirmed',
      'voucher.registered',
      'voucher.session.recorded',
      'voucher.closed',
    ]);
    for (const entry of entries) {
      if (entry.action !== 'voucher.co_payment.confirmed') expect(entry.actor_id).to.equal(centre.staff.principal.userId);
      expect(entry.text).to.not.include(cheque.code).and.not.include(cheque.clientNumber).and.not.include('An Peeters');
    }
  });
});
