// Audit entries written before issue 13 named a cheque by its code; migration 42 names it by id.
import { expect } from 'chai';
import { nameChequesById } from '../../migrations/20261205-42-audit-cheque-codes.js';
import { queryRows } from '../../server/db/database.js';
import { harness, type Harness } from '../support/harness.js';
import { openVoucherProgramme, type VoucherProgramme } from '../support/voucher-factory.js';

type Entry = { entity_id: string; before: unknown; after: unknown };

describe('audit entries that named a cheque by its code', () => {
  let h: Harness;
  let lbc: VoucherProgramme;

  before(async () => {
    h = harness();
    lbc = await openVoucherProgramme(h, '2026-12-01');
  });

  const cheque = async () => {
    const { cheque: ordered } = await lbc.orderedCheque();
    const [row] = await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM vouchers WHERE code = $1`, [ordered.code]);
    return { code: ordered.code, id: row!.id };
  };
  const entry = async (entityId: string, before: unknown, after: unknown) => {
    const [row] = await queryRows<{ id: string }>(
      h.ownerSequelize,
      `INSERT INTO audit_log (actor_role, action, entity_type, entity_id, before, after)
       VALUES ('payment_provider', 'voucher.co_payment.confirmed', 'voucher', $1, $2::jsonb, $3::jsonb) RETURNING id`,
      [entityId, before === null ? null : JSON.stringify(before), JSON.stringify(after)],
    );
    return row!.id;
  };
  const read = async (id: string) =>
    (await queryRows<Entry>(h.sequelize, `SELECT entity_id, before, after FROM audit_log WHERE id = $1`, [id]))[0];

  it('when migration 42 runs, then the entity id and every code in before and after are the cheque ids, and the rest stays', async () => {
    const [first, second] = [await cheque(), await cheque()];
    const id = await entry(
      first.code,
      { status: 'awaiting_payment', coPaymentStatus: 'due' },
      {
        status: 'issued',
        code: first.code,
        note: `paid for ${first.code}`,
        cheques: [first.code, { code: second.code }],
        reference: 'LBC-NOTACHEQUE',
      },
    );
    const untouched = await entry('not-a-cheque', null, { reference: 'LBC-0123456789', status: 'issued' });

    await nameChequesById(h.ownerSequelize);

    const renamed = await read(id);
    expect(renamed).to.deep.equal({
      entity_id: first.id,
      before: { status: 'awaiting_payment', coPaymentStatus: 'due' },
      after: {
        status: 'issued',
        code: first.id,
        note: `paid for ${first.id}`,
        cheques: [first.id, { code: second.id }],
        reference: 'LBC-NOTACHEQUE',
      },
    });
    expect(JSON.stringify(renamed)).not.to.include(first.code).and.not.to.include(second.code);
    expect(await read(untouched)).to.deep.equal({
      entity_id: 'not-a-cheque',
      before: null,
      after: { reference: 'LBC-0123456789', status: 'issued' },
    });
  });

  it('when it has run, then the log is append-only again', async () => {
    const { code } = await cheque();
    const id = await entry(code, null, { status: 'issued' });
    await nameChequesById(h.ownerSequelize);
    const refused = await queryRows(h.ownerSequelize, `UPDATE audit_log SET entity_id = 'x' WHERE id = $1`, [id]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(String(refused)).to.match(/append-only/);
  });
});
