// Inputs that once reached the database or a recursive reader and came back as a 500.
import { expect } from 'chai';
import { encodeCursor } from '../../server/shared/pagination.js';
import { createActor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { expectCursorsRefused } from '../support/cursors.js';
import { harness } from '../support/harness.js';

const ID = '5f0c5e0e-8a6b-4c53-9d2e-2f1d7e3a9b10';
// Times Date.parse accepts (it rolls 02-30 over to March, reads 24:00, takes other shapes) that
// PostgreSQL refuses as a timestamptz, and one of the wrong shape.
const FORGED_TIMES = [
  '2026-02-30T10:00:00.000000Z',
  '2026-02-31T10:00:00.000000',
  '2026-04-31T00:00:00.000000Z',
  '2026-01-01T24:00:00.000000Z',
  '2026-01-01T23:60:00.000000Z',
  '0000-01-01T00:00:00.000000Z',
  '2026-01-01',
  'Thu, 01 Jan 2026 00:00:00 GMT',
  '2026-01-01T00:00:00.000000+25:00',
  '+275760-09-13T00:00:00.000Z',
];
const forgedTimeCursors = [...FORGED_TIMES.map((time) => [time, ID]), ['2026-01-01T00:00:00.000000Z', 'not-a-uuid']].map((key) => ({
  key: JSON.stringify(key),
  cursor: encodeCursor(key),
}));

/** JSON text of objects nested `depth` deep (sent as text: the test client cannot serialise it). */
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('hostile bodies and cursors', () => {
  it('when a statements cursor holds a time PostgreSQL cannot read, then 400 naming /query/cursor, never a 500', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const centre = await createCentre(h);
    await expectCursorsRefused(forgedTimeCursors, (cursor) =>
      h.http.get(`/v1/centres/${centre.id}/statements?cursor=${cursor}`).set(admin.auth),
    );
  });

  it('when a disputes cursor holds a time PostgreSQL cannot read, then 400 naming /query/cursor, never a 500', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    await expectCursorsRefused(forgedTimeCursors, (cursor) => h.http.get(`/v1/disputes?cursor=${cursor}`).set(admin.auth));
  });

  it('when a pending-changes cursor holds a time PostgreSQL cannot read, then 400 naming /query/cursor, never a 500', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const forged = [...forgedTimeCursors, { key: 'year 0000, in milliseconds', cursor: encodeCursor(['0000-01-01T00:00:00.000Z', ID]) }];
    await expectCursorsRefused(forged, (cursor) => h.http.get(`/v1/pending-changes?cursor=${cursor}`).set(admin.auth));
  });

  it('when a JSON body nests 5,000 deep, then rule sets and parameters answer 400 body_too_deep before reading it', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const JSON_TYPE = ['Content-Type', 'application/json'] as const;
    const requests = [
      h.http
        .post('/v1/programmes/LBC/rulesets')
        .set(admin.auth)
        .set(...JSON_TYPE)
        .send(`{"rules":[${nested(5000)}],"parameters":{},"effectiveFrom":"2030-01-01","note":"deep"}`),
      h.http
        .patch('/v1/programmes/LBC/parameters')
        .set(admin.auth)
        .set(...JSON_TYPE)
        .send(`{"effectiveFrom":"2030-01-01","values":{"deep":${nested(5000)}}}`),
      h.http
        .post('/v1/auth/token')
        .set(...JSON_TYPE)
        .send('['.repeat(20_000) + ']'.repeat(20_000)),
    ];
    for (const res of await Promise.all(requests)) {
      expect([res.status, res.body.code], res.text.slice(0, 200)).to.deep.equal([400, 'body_too_deep']);
      expect(res.body.errors[0].path).to.equal('');
    }
  });

  it('when a body nests as deep as the limit allows, then it reaches validation as usual', async () => {
    const res = await harness()
      .http.post('/v1/auth/token')
      .set('Content-Type', 'application/json')
      .send(`{"email":${nested(31)}}`)
      .expect(400);
    expect(res.body.code).to.equal('validation_failed');
  });
});
