// A centre whose accreditation is suspended takes part in nothing new: it cannot close a cheque
// (closing releases hours and ends the guidance it was paid for) and learns nothing about codes.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { harness, type Harness } from '../support/harness.js';
import {
  closeCheque,
  expectLedgerVerified,
  guidance,
  openVoucherProgramme,
  recordSession,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

describe('a suspended centre and its cheques', () => {
  let h: Harness;
  let lbc: VoucherProgramme;

  before(async () => {
    h = harness();
    lbc = await openVoucherProgramme(h, '2026-12-01');
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => setToday(h, '2026-12-01'));
  afterEach(() => expectLedgerVerified(h));

  it('when a suspended centre closes a cheque in use, then 422 centre_not_accredited, the same as for an unknown code, and the cheque stays in use', async () => {
    const { cheque, centre } = await lbc.chequeInUse();
    expect((await recordSession(h, centre, cheque.code, guidance('2026-12-01'))).status).to.equal(201);
    await queryRows(
      h.sequelize,
      `UPDATE accreditations SET status = 'suspended', reason = 'Inspection found backdated sessions' WHERE id = $1`,
      [centre.accreditationId],
    );
    const closing = await closeCheque(h, centre, cheque.code);
    expect([closing.status, closing.body.code]).to.deep.equal([422, 'centre_not_accredited']);
    const unknown = await closeCheque(h, centre, `${lbc.code}-0000000000`);
    expect([unknown.status, unknown.body.code, unknown.body.detail]).to.deep.equal([
      closing.status,
      closing.body.code,
      closing.body.detail,
    ]);
    const [voucher] = await queryRows<{ status: string }>(h.sequelize, `SELECT status FROM vouchers WHERE code = $1`, [cheque.code]);
    expect(voucher?.status).to.equal('in_use');
  });
});
