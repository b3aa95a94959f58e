// The client number is what lets a centre register a cheque, so only the cheque's citizen reads
// it. Staff readers (administrators, auditors) see its last two digits; a cheque's code is no
// secret (it is in ledger metadata and in staff answers), so code plus masked number registers nothing.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { createActor, type Actor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import {
  expectLedgerVerified,
  openVoucherProgramme,
  payAsAdmin,
  register,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

describe("who reads a cheque's client number", () => {
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

  it('when an administrator or auditor reads a paid cheque, then its client number is masked to the last 2 digits, and the masked number registers nothing', async () => {
    const { citizen, cheque } = await lbc.orderedCheque();
    expect((await payAsAdmin(h, admin, cheque.code)).status).to.equal(200);
    const masked = `******${cheque.clientNumber.slice(-2)}`;
    for (const reader of [admin, await createActor(h, 'auditor')]) {
      const res = await h.http.get(`/v1/vouchers/${cheque.code}`).set(reader.auth).expect(200);
      expect(res.body.clientNumber, reader.principal.role).to.equal(masked);
      expect(JSON.stringify(res.body)).to.not.include(cheque.clientNumber);
    }
    const own = await h.http.get(`/v1/vouchers/${cheque.code}`).set(citizen.actor.auth).expect(200);
    expect(own.body.clientNumber).to.equal(cheque.clientNumber);
    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    expect(JSON.stringify(mine.body)).to.include(cheque.clientNumber);
    const centre = await lbc.centre();
    expect((await register(h, centre, cheque.code, masked.replace(/\*/g, '1'))).status).to.equal(404);
  });

  it('when staff read the audit log, the ledger or their notifications, then no client number is there', async () => {
    const { citizen, entitlement, cheque } = await lbc.orderedCheque();
    expect((await payAsAdmin(h, admin, cheque.code)).status).to.equal(200);
    const centre = await lbc.centre();
    expect((await register(h, centre, cheque.code, cheque.clientNumber)).status).to.equal(200);
    const auditor = await createActor(h, 'auditor');
    const ledger = await h.http.get(`/v1/entitlements/${entitlement.id}/ledger`).set(auditor.auth).expect(200);
    expect(JSON.stringify(ledger.body)).to.not.include(cheque.clientNumber);
    const [hits] = await queryRows<{ audit: string; notes: string }>(
      h.sequelize,
      `SELECT (SELECT count(*) FROM audit_log WHERE concat_ws(' ', entity_id, before::text, after::text) LIKE '%' || $1 || '%') AS audit,
              (SELECT count(*) FROM notifications n WHERE (n.user_id IS NULL OR n.user_id <> $2) AND concat_ws(' ', subject, body, data::text) LIKE '%' || $1 || '%') AS notes`,
      [cheque.clientNumber, citizen.actor.principal.userId],
    );
    expect(hits).to.deep.equal({ audit: '0', notes: '0' });
  });
});
