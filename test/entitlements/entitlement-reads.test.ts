// Reading rights: GET /v1/me/entitlements in pages, and GET /v1/entitlements/:id/ledger, whose
// cursors come from the client and must never reach SQL unchecked.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { encodeCursor } from '../../server/shared/pagination.js';
import { createActor } from '../support/actors.js';
import { createCitizen, type TestCitizen } from '../support/citizen-factory.js';
import { expectCursorsRefused, forgedIdCursors } from '../support/cursors.js';
import { harness } from '../support/harness.js';
import { createProgramme } from '../eligibility/fixtures.js';
import { grantedAccount } from '../ledger/support/ledger-fixtures.js';

/** A right of a programme of its own, optionally on a ledger account; returns its id. */
async function insertRight(citizen: TestCitizen, code: string, periodStart: string, accountId: string | null = null): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    harness().sequelize,
    `INSERT INTO entitlements (citizen_id, programme_code, period_start, period_end, account_id) VALUES ($1, $2, $3, $3::date + interval '6 years', $4) RETURNING id`,
    [citizen.id, code, periodStart, accountId],
  );
  return row!.id;
}

describe('reading rights', () => {
  it('when a citizen lists their rights page by page, then the pages follow newest period first, do not overlap and end with a null cursor', async () => {
    const h = harness();
    const citizen = await createCitizen(h);
    const code = await createProgramme(h);
    // Two rights share a start date: the order between them must still be stable across pages.
    const oldest = await insertRight(citizen, code, '2020-01-01');
    const middle = await insertRight(citizen, code, '2024-01-01');
    const newest = await insertRight(citizen, code, '2024-01-01');
    const list = (query: string) => h.http.get(`/v1/me/entitlements?${query}`).set(citizen.actor.auth).expect(200);
    const all = await list('limit=50');
    expect(all.body.items.map((item: { id: string }) => item.id)).to.deep.equal([newest, middle, oldest]);
    expect(all.body.nextCursor).to.equal(null);
    // createProgramme makes an hours voucher programme: its rights are listed with their cheques.
    expect(all.body.items[0]).to.include.keys(['id', 'programme', 'periodStart', 'periodEnd', 'balance', 'vouchers']);
    const first = await list('limit=2');
    expect(first.body.items.map((item: { id: string }) => item.id)).to.deep.equal([newest, middle]);
    expect(first.body.nextCursor).to.be.a('string');
    const second = await list(`limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((item: { id: string }) => item.id)).to.deep.equal([oldest]);
    expect(second.body.nextCursor).to.equal(null);
  });

  it('when a citizen has no rights, then the list is empty with a null cursor', async () => {
    const citizen = await createCitizen(harness());
    const res = await harness().http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    expect(res.body).to.deep.equal({ items: [], nextCursor: null });
  });

  it('when the list is asked with a bad cursor, limit or an unknown parameter, then 400 naming it', async () => {
    const citizen = await createCitizen(harness());
    const cases: [string, string][] = [
      ['cursor=garbage', '/query/cursor'],
      [`cursor=${encodeCursor(['not-a-uuid'])}`, '/query/cursor'],
      [`cursor=${encodeCursor([7])}`, '/query/cursor'],
      ['limit=0', '/query/limit'],
      ['limit=501', '/query/limit'],
      ['programme=LBC', '/query/programme'],
    ];
    for (const [query, path] of cases) {
      const res = await harness().http.get(`/v1/me/entitlements?${query}`).set(citizen.actor.auth).expect(400);
      expect(
        res.body.errors.map((error: { path: string }) => error.path),
        query,
      ).to.deep.equal([path]);
    }
  });

  it('when the ledger of a right is read with a well-formed cursor that is not an entry id, then 400 naming /query/cursor, never a 500', async () => {
    const h = harness();
    const citizen = await createCitizen(h);
    const { account } = await grantedAccount(h.sequelize, '3.00');
    const right = await insertRight(citizen, await createProgramme(h), '2025-01-01', account);
    const auditor = await createActor(h, 'auditor');
    const ledger = await h.http.get(`/v1/entitlements/${right}/ledger`).set(auditor.auth).expect(200);
    expect(ledger.body.items.map((item: { kind: string; amount: string }) => [item.kind, item.amount])).to.deep.equal([['grant', '3.00']]);
    await expectCursorsRefused(forgedIdCursors, (cursor) =>
      h.http.get(`/v1/entitlements/${right}/ledger?cursor=${cursor}`).set(citizen.actor.auth),
    );
  });
});
