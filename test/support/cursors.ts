// Cursors a client can forge: well-formed base64url JSON that this service never issued. Before
// cursors were checked by shape, some of these reached a SQL cast and came back as a 500.
import { expect } from 'chai';
import type { Response } from 'supertest';
import { encodeCursor } from '../../server/shared/pagination.js';

const FORGED_ID_KEYS: (string | number)[][] = [['x'], [1.5], ['1.5'], ['1e5'], ['-1'], [' 1'], ['9'.repeat(19)], [1], ['1', '2'], []];

/** Keys a list sorted on a bigint id must refuse (it issues `["<digits>"]`). */
export const forgedIdCursors = FORGED_ID_KEYS.map((key) => ({ key: JSON.stringify(key), cursor: encodeCursor(key) }));

/** Asserts that each forged cursor is a 400 validation_failed naming /query/cursor. */
export async function expectCursorsRefused(cursors: { key: string; cursor: string }[], request: (cursor: string) => Promise<Response>) {
  for (const { key, cursor } of cursors) {
    const res = await request(cursor);
    expect([res.status, res.body.code, res.body.errors?.[0]?.path], `cursor ${key}`).to.deep.equal([
      400,
      'validation_failed',
      '/query/cursor',
    ]);
  }
}
