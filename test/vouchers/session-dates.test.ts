// A session's date lies between the day the cheque was registered at the centre and today, on a
// day the centre held an active accreditation: no backdated billing on a cheque the citizen had
// not brought yet, nor for days the centre was not allowed to guide.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import type { Actor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  expectLedgerVerified,
  guidance,
  openVoucherProgramme,
  payAsAdmin,
  recordSession,
  register,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

describe('session dates', () => {
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

  /** A cheque paid on 2026-12-01 and registered at a fresh centre on `registeredOn`. */
  async function chequeRegisteredOn(registeredOn: string) {
    setToday(h, '2026-12-01');
    const { cheque } = await lbc.orderedCheque();
    expect((await payAsAdmin(h, admin, cheque.code)).status).to.equal(200);
    const centre = await lbc.centre();
    setToday(h, registeredOn);
    expect((await register(h, centre, cheque.code, cheque.clientNumber)).status).to.equal(200);
    return { cheque, centre };
  }

  it('when a session is dated before the cheque was registered at the centre, then 422 session_before_registration naming /date, and nothing is posted', async () => {
    const { cheque, centre } = await chequeRegisteredOn('2026-12-05');
    const backdated = await recordSession(h, centre, cheque.code, guidance('2026-12-04'));
    expect([backdated.status, backdated.body.code]).to.deep.equal([422, 'session_before_registration']);
    expect(backdated.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['/date']);
    const sessions = await queryRows(
      h.sequelize,
      `SELECT 1 FROM voucher_sessions s JOIN vouchers v ON v.id = s.voucher_id WHERE v.code = $1`,
      [cheque.code],
    );
    expect(sessions).to.have.length(0);
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-05'))).status).to.equal(201);
  });

  it('when a session is dated on a day the centre had no active accreditation, then 422 session_outside_accreditation naming /date', async () => {
    const { cheque, centre } = await chequeRegisteredOn('2026-12-05');
    // The accreditation ended on 2026-12-06; a new one began on 2026-12-10.
    await queryRows(h.sequelize, `UPDATE accreditations SET valid_to = '2026-12-06' WHERE id = $1`, [centre.accreditationId]);
    await queryRows(
      h.sequelize,
      `INSERT INTO accreditations (centre_id, programme_code, valid_from, valid_to, status) VALUES ($1, $2, '2026-12-10', '2031-12-09', 'active')`,
      [centre.id, lbc.code],
    );
    setToday(h, '2026-12-12');
    const inGap = await recordSession(h, centre, cheque.code, guidance('2026-12-08'));
    expect([inGap.status, inGap.body.code]).to.deep.equal([422, 'session_outside_accreditation']);
    expect(inGap.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['/date']);
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-06'))).status).to.equal(201);
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-11'))).status).to.equal(201);
  });
});
