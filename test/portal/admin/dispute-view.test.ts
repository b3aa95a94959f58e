import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { ledgerEffect } from '../../../server/portal/pages/admin/dispute-view.js';
import { formatsFor } from '../../../server/portal/formats.js';
import { translator } from '../../../server/portal/i18n.js';

describe("Admin portal: a dispute's ledger effect as the page shows it", () => {
  it('when a transaction is of a kind or touches an owner the page has no words for, then it shows the kind and owner type as they are, amounts in their unit', () => {
    const [shown] = ledgerEffect(
      [
        {
          id: 'b5a4c2de-0000-4000-8000-000000000001',
          kind: 'settle',
          reversesId: null,
          businessDate: '2026-12-05',
          createdAt: new Date('2026-12-05T10:00:00Z'),
          metadata: {},
          entries: [
            {
              id: '1',
              accountId: 'b5a4c2de-0000-4000-8000-000000000002',
              owner: { type: 'centre_payable', id: 'c:LBC' },
              unit: 'EUR',
              amount: new Decimal('1234.5'),
              balanceAfter: new Decimal('1234.5'),
            },
            {
              id: '2',
              accountId: 'b5a4c2de-0000-4000-8000-000000000003',
              owner: { type: 'voucher', id: 'v' },
              unit: 'HOUR',
              amount: new Decimal('-1.5'),
              balanceAfter: new Decimal('2'),
            },
          ],
        },
      ],
      translator('nl'),
      formatsFor('nl'),
    );
    expect(shown).to.deep.include({ kind: 'Transactie (settle)', on: '5 december 2026' });
    expect(shown!.entries.map((entry) => [entry.account, entry.amount, entry.balanceAfter])).to.deep.equal([
      ['centre_payable', 'EUR 1.234,50', 'EUR 1.234,50'],
      ['Cheque', '-1,5 uur', '2 uur'],
    ]);
  });
});
