import { expect } from 'chai';
import { harness } from '../support/harness.js';
import { createActor, type Actor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { createCitizen, type TestCitizen } from '../support/citizen-factory.js';
import { encodeCursor } from '../../server/shared/pagination.js';
import { registrationBody } from './registration-body.js';

/** The uuid that sorts immediately before `id` (as PostgreSQL compares uuids: by their bytes). */
const uuidBefore = (id: string) => {
  const hex = (BigInt(`0x${id.replace(/-/g, '')}`) - 1n).toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

type Call = { name: string; send: (auth: Record<string, string>) => Promise<{ status: number; body: { code?: string } }> };

describe('who may reach citizens', () => {
  let citizen: TestCitizen;
  let centreStaff: Actor;
  let auditor: Actor;
  let admin: Actor;
  let calls: Call[];

  // The root hooks put the clock back after each test.
  beforeEach(() => harness().clock.set('2026-11-22T10:00:00Z'));
  before(async () => {
    const h = harness();
    h.clock.set('2026-11-22T10:00:00Z');
    citizen = await createCitizen(h, { facts: { employmentStatus: 'employee' } });
    centreStaff = (await createCentre(h, { accreditation: 'none' })).staff;
    auditor = await createActor(h, 'auditor');
    admin = await createActor(h, 'admin');
    calls = [
      { name: 'POST /v1/citizens', send: (auth) => h.http.post('/v1/citizens').set(auth).send(registrationBody()) },
      { name: 'GET /v1/citizens', send: (auth) => h.http.get('/v1/citizens').set(auth) },
      { name: 'GET /v1/citizens/:id', send: (auth) => h.http.get(`/v1/citizens/${citizen.id}`).set(auth) },
      {
        name: 'PUT /v1/citizens/:id/facts',
        send: (auth) => h.http.put(`/v1/citizens/${citizen.id}/facts`).set(auth).send({ employmentStatus: 'employee' }),
      },
    ];
  });

  it('when there is no token (or a forged one), then every citizen route answers 401', async () => {
    for (const call of [...calls, { name: 'GET /v1/me', send: (auth: Record<string, string>) => harness().http.get('/v1/me').set(auth) }]) {
      expect((await call.send({})).status, call.name).to.equal(401);
      expect((await call.send({ Authorization: 'Bearer not.a.jwt' })).status, `${call.name} forged`).to.equal(401);
    }
  });

  it('when a citizen or centre staff calls an administrative route, then 403 (centres never list or find citizens)', async () => {
    for (const actor of [citizen.actor, centreStaff]) {
      for (const call of calls) {
        const res = await call.send(actor.auth);
        expect(res.status, `${actor.principal.role} ${call.name}`).to.equal(403);
        expect(res.body.code).to.equal('forbidden');
      }
    }
  });

  it('when the auditor reads, then it may; when the auditor writes, then 403', async () => {
    const [create, list, read, replace] = calls as [Call, Call, Call, Call];
    expect((await list.send(auditor.auth)).status).to.equal(200);
    expect((await read.send(auditor.auth)).status).to.equal(200);
    expect((await create.send(auditor.auth)).status).to.equal(403);
    expect((await replace.send(auditor.auth)).status).to.equal(403);
  });

  it('when staff call /v1/me, then 403: it is the citizen view', async () => {
    for (const actor of [admin, auditor, centreStaff]) await harness().http.get('/v1/me').set(actor.auth).expect(403);
  });

  it('when a citizen calls /v1/me, then only their own profile and facts come back', async () => {
    const h = harness();
    const other = await createCitizen(h, { facts: { employmentStatus: 'unemployed' }, scheme: 'UK_NINO' });
    const mine = await h.http.get('/v1/me').set(citizen.actor.auth).expect(200);
    expect(mine.body).to.include({ id: citizen.id, nationalId: citizen.nationalId, email: citizen.email });
    expect(mine.body.facts).to.deep.equal({ employmentStatus: 'employee' });
    expect(JSON.stringify(mine.body)).to.not.include(other.nationalId).and.not.include(other.id);
    const theirs = await h.http.get('/v1/me').set(other.actor.auth).expect(200);
    expect(theirs.body).to.include({ id: other.id, nationalId: other.nationalId, nationalIdScheme: 'UK_NINO' });
  });

  it('when listing, then consecutive pages continue in id order without gap or overlap, and the end says nextCursor null', async () => {
    const h = harness();
    const mine = (await Promise.all([1, 2, 3, 4].map(() => createCitizen(h)))).map((c) => c.id).sort();
    // Start just before my first citizen, so the pages are bounded whatever else the database holds.
    const start = encodeCursor([uuidBefore(mine[0]!)]);
    const list = (query: Record<string, unknown>) => h.http.get('/v1/citizens').query(query).set(admin.auth).expect(200);
    const first = await list({ limit: 2, cursor: start });
    const second = await list({ limit: 2, cursor: first.body.nextCursor });
    const both = await list({ limit: 4, cursor: start });
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((item) => item.id);
    expect(ids(first)[0]).to.equal(mine[0]);
    expect([...ids(first), ...ids(second)]).to.deep.equal(ids(both));
    expect(ids(both))
      .to.deep.equal([...ids(both)].sort())
      .and.have.length(4);
    expect(both.body.items[0]).to.have.keys(
      'id',
      'userId',
      'email',
      'name',
      'nationalId',
      'nationalIdScheme',
      'facts',
      'factsRecordedOn',
      'createdAt',
    );
    const end = await list({ cursor: encodeCursor(['ffffffff-ffff-ffff-ffff-ffffffffffff']) });
    expect(end.body).to.deep.equal({ items: [], nextCursor: null });
  });

  it('when the list is asked with a bad cursor or limit, then 400 and not a 500', async () => {
    const h = harness();
    for (const query of [
      { cursor: 'garbage' },
      { cursor: encodeCursor(['not-a-uuid']) },
      { cursor: encodeCursor([7]) },
      { limit: 501 },
      { limit: 0 },
      { sort: 'name' },
    ]) {
      const res = await h.http.get('/v1/citizens').query(query).set(admin.auth);
      expect(res.status, JSON.stringify(query)).to.equal(400);
      expect(res.body.code).to.equal('validation_failed');
    }
  });
});
