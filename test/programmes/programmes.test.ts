import { expect } from 'chai';
import { harness } from '../support/harness.js';
import { encodeCursor } from '../../server/shared/pagination.js';
import { queryRows } from '../../server/db/database.js';
import { createActor } from '../support/actors.js';
import { approveChange } from '../support/approvals.js';
import { createTestProgramme } from '../notifications/support/test-programme.js';
import { openLbcLike } from '../support/reference-like-programmes.js';

const laterDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A version this far ahead changes no other test's dates: LBC's parameters are shared reference data. */
const farFutureDate = () => `219${Math.floor(Math.random() * 10)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 10)}`;

describe('programmes', () => {
  afterEach(() => harness().clock.set(new Date()));

  it('when anyone lists programmes, then each shows its unit, the parameters in force today and its budget', async () => {
    const res = await harness().http.get('/v1/programmes').expect(200);
    const lbc = res.body.items.find((item: { code: string }) => item.code === 'LBC');
    expect(lbc).to.include({ unit: 'HOUR', currency: 'EUR' });
    expect(lbc.parameters).to.include({ rightHours: '7.00', coPayment: '45.00', hourlyFee: '140.256' });
    expect(lbc.budget).to.have.keys(['total', 'committed', 'remaining', 'currency', 'placesLeft']);
    expect(lbc.budget.remaining).to.match(/^\d+\.\d{2}$/);
    expect(lbc.budget.placesLeft).to.equal(null); // LBC has no places target
    const ita = res.body.items.find((item: { code: string }) => item.code === 'ITA');
    expect(ita.budget.placesLeft).to.be.a('number').and.to.be.at.most(17500);
    // Other tests add programmes of their own, so whether a next page exists depends on the run.
    expect(res.body).to.have.keys(['items', 'nextCursor']);
  });

  it('when a programme is unknown or its code malformed, then 404 or 400', async () => {
    const h = harness();
    expect((await h.http.get('/v1/programmes/NOPE').expect(404)).body.code).to.equal('not_found');
    expect((await h.http.get('/v1/programmes/lbc!').expect(400)).body.errors[0].path).to.equal('/path/code');
  });

  it('when an administrator changes an amount, then a second administrator approves it, it applies from its date only and is audited', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const approver = await createActor(h, 'admin');
    const { code } = await openLbcLike(h);
    const from = farFutureDate();
    const requested = await h.http
      .patch(`/v1/programmes/${code}/parameters`)
      .set(admin.auth)
      .send({ effectiveFrom: from, values: { hourlyFee: '150.125', coPayment: 50 }, note: 'indexation' })
      .expect(202);
    expect(requested.body).to.deep.include({
      kind: 'programme_parameters',
      targetId: code,
      status: 'pending',
      requestedBy: admin.principal.userId,
    });
    // What the approver compares with: the values in force before the new date.
    expect(requested.body.payload.inForce).to.have.keys(['hourlyFee', 'coPayment']);
    const versions = async () =>
      (await h.http.get(`/v1/programmes/${code}/parameters?limit=500`).expect(200)).body.items.map(
        (item: { effectiveFrom: string }) => item.effectiveFrom,
      );
    expect(await versions()).to.not.include(from);
    const approved = await approveChange(h, approver.auth, requested.body.id);
    expect(approved.result.effectiveFrom).to.equal(from);
    expect((await h.http.get(`/v1/programmes/${code}`).expect(200)).body.parameters.hourlyFee).to.equal('140.256');
    h.clock.set(`${from}T08:00:00Z`);
    const lbc = (await h.http.get(`/v1/programmes/${code}`).expect(200)).body.parameters;
    expect(lbc).to.include({ hourlyFee: '150.125', coPayment: '50.00', rightHours: '7.00' });
    const audit = await h.http
      .get(`/v1/audit?entityType=programme&entityId=${code}&actorId=${approver.principal.userId}`)
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items[0]).to.deep.include({ action: 'programme.parameters.changed' });
    expect(audit.body.items[0].after.values.hourlyFee).to.equal('150.125');
    expect(audit.body.items[0].before.values.hourlyFee).to.equal('140.256');
    await h.http
      .patch(`/v1/programmes/${code}/parameters`)
      .set(admin.auth)
      .send({ effectiveFrom: from, values: { coPaymentDueDays: 21 } })
      .expect(409);
  });

  it('when an administrator changes only days, dates or places, then the version applies at once (201) without approval', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const { code } = await openLbcLike(h);
    const from = farFutureDate();
    const res = await h.http
      .patch(`/v1/programmes/${code}/parameters`)
      .set(admin.auth)
      .send({ effectiveFrom: from, values: { coPaymentDueDays: 21, voucherValidityMonths: 6 } })
      .expect(201);
    expect(res.body).to.deep.include({ effectiveFrom: from });
    expect(res.body.values).to.include({ coPaymentDueDays: 21, voucherValidityMonths: 6 });
  });

  it('when the change is invalid, then it names the field and writes nothing', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const { code } = await openLbcLike(h);
    const count = async () =>
      (
        await queryRows<{ n: number }>(h.sequelize, `SELECT count(*)::int AS n FROM programme_parameters WHERE programme_code = $1`, [code])
      )[0]?.n;
    const before = await count();
    const cases: [unknown, number, string][] = [
      [{ effectiveFrom: laterDate(5), values: { coPayment: '40.001' } }, 400, '/values/coPayment'],
      [{ effectiveFrom: laterDate(5), values: { unknownKnob: 1 } }, 400, '/values/unknownKnob'],
      [{ effectiveFrom: laterDate(5), values: { hourlyFee: 'cheap' } }, 400, '/values/hourlyFee'],
      [{ effectiveFrom: '2031-02-30', values: { coPaymentDueDays: 20 } }, 400, '/effectiveFrom'],
      [{ effectiveFrom: laterDate(5), values: {} }, 400, '/values'],
      [{ effectiveFrom: laterDate(5), values: { coPaymentDueDays: 20 }, extra: 1 }, 400, '/extra'],
      [{ effectiveFrom: '2020-06-01', values: { coPaymentDueDays: 20 } }, 422, '/effectiveFrom'],
      [{ effectiveFrom: laterDate(6), values: { voucherHours: ['4.00', '4.00'] } }, 422, '/values/voucherHours'],
      // Money parameters have bounds, and move at most tenfold against the version they follow.
      [{ effectiveFrom: laterDate(7), values: { hourlyFee: '9999999.999' } }, 422, '/values/hourlyFee'],
      [{ effectiveFrom: laterDate(7), values: { hourlyFee: '1402.561' } }, 422, '/values/hourlyFee'],
      [{ effectiveFrom: laterDate(7), values: { hourlyFee: '14.025' } }, 422, '/values/hourlyFee'],
      [{ effectiveFrom: laterDate(7), values: { coPayment: '3.99' } }, 422, '/values/coPayment'],
      [{ effectiveFrom: laterDate(7), values: { coPayment: '450.01' } }, 422, '/values/coPayment'],
      [{ effectiveFrom: laterDate(7), values: { rightHours: '700.00', voucherHours: ['400.00', '300.00'] } }, 422, '/values/rightHours'],
      // PostgreSQL refuses NUL in text: a NUL that got past validation was a 500.
      [{ effectiveFrom: laterDate(5), values: { coPaymentDueDays: 20 }, note: 'a\u0000b' }, 400, '/note'],
      [{ effectiveFrom: laterDate(5), values: { coPaymentDueDays: 20 }, note: 'bell\u0007' }, 400, '/note'],
    ];
    for (const [body, status, path] of cases) {
      const res = await h.http
        .patch(`/v1/programmes/${code}/parameters`)
        .set(admin.auth)
        .send(body as object);
      expect(res.status, JSON.stringify([body, res.body])).to.equal(status);
      expect(
        res.body.errors.map((error: { path: string }) => error.path),
        JSON.stringify(body),
      ).to.include(path);
    }
    expect(await count()).to.equal(before);
    const [requested] = await queryRows<{ n: number }>(
      h.sequelize,
      `SELECT count(*)::int AS n FROM pending_changes WHERE requested_by = $1`,
      [admin.principal.userId],
    );
    expect(requested?.n).to.equal(0);
  });

  it('when someone other than an administrator changes parameters, then 401 or 403', async () => {
    const h = harness();
    const auditor = await createActor(h, 'auditor');
    const body = { effectiveFrom: laterDate(10), values: { coPaymentDueDays: 20 } };
    await h.http.patch('/v1/programmes/LBC/parameters').send(body).expect(401);
    await h.http.patch('/v1/programmes/LBC/parameters').set(auditor.auth).send(body).expect(403);
  });

  it('when the values of a programme without a fixed shape hold a NUL, then 400 naming the value and nothing is written', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const code = await createTestProgramme(h, { placesTarget: null });
    for (const [values, path] of [
      [{ label: 'a\u0000b' }, '/values/label'],
      [{ nested: ['ok', { deep: '\u0000' }] }, '/values/nested/1/deep'],
      [{ 'key\u0000': 1 }, '/values/key\u0000'],
    ] as const) {
      const res = await h.http
        .patch(`/v1/programmes/${code}/parameters`)
        .set(admin.auth)
        .send({ effectiveFrom: laterDate(5), values })
        .expect(400);
      expect(res.body.errors.map((error: { path: string }) => error.path)).to.deep.equal([path]);
    }
    const versions = await h.http.get(`/v1/programmes/${code}/parameters`).expect(200);
    expect(versions.body.items).to.have.length(1); // only the one the test programme started with
  });

  it('when the versions are listed, then they come in date order', async () => {
    const res = await harness().http.get('/v1/programmes/ITA/parameters').expect(200);
    const dates = res.body.items.map((item: { effectiveFrom: string }) => item.effectiveFrom);
    expect(dates).to.deep.equal([...dates].sort());
    expect(dates[0]).to.equal('2024-04-01');
    expect(res.body.nextCursor).to.equal(null);
  });

  it('when the versions are listed with ?limit=, then they come page by page in date order', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const code = await createTestProgramme(h, { placesTarget: null });
    for (const from of ['2190-01-01', '2191-01-01']) {
      await h.http
        .patch(`/v1/programmes/${code}/parameters`)
        .set(admin.auth)
        .send({ effectiveFrom: from, values: { placesTarget: 10 } })
        .expect(201);
    }
    const first = await h.http.get(`/v1/programmes/${code}/parameters?limit=2`).expect(200);
    expect(first.body.items.map((item: { effectiveFrom: string }) => item.effectiveFrom)).to.deep.equal(['2000-01-01', '2190-01-01']);
    const second = await h.http.get(`/v1/programmes/${code}/parameters?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items.map((item: { effectiveFrom: string }) => item.effectiveFrom)).to.deep.equal(['2191-01-01']);
    expect(second.body.nextCursor).to.equal(null);
  });

  it('when programmes are listed with ?limit=, then they come page by page by code', async () => {
    const h = harness();
    const three = await h.http.get('/v1/programmes?limit=3').expect(200);
    const codes = three.body.items.map((item: { code: string }) => item.code);
    expect(codes).to.have.length(3);
    expect(codes).to.deep.equal([...codes].sort());
    const first = await h.http.get('/v1/programmes?limit=1').expect(200);
    expect(first.body.items.map((item: { code: string }) => item.code)).to.deep.equal([codes[0]]);
    const second = await h.http.get(`/v1/programmes?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items.map((item: { code: string }) => item.code)).to.deep.equal([codes[1]]);
  });

  it('when a programme list is asked with a bad cursor or limit, then 400 naming it', async () => {
    const h = harness();
    const cases: [string, string][] = [
      ['/v1/programmes?cursor=garbage', '/query/cursor'],
      [`/v1/programmes?cursor=${encodeCursor(['lbc!'])}`, '/query/cursor'],
      ['/v1/programmes?limit=0', '/query/limit'],
      ['/v1/programmes/ITA/parameters?limit=501', '/query/limit'],
      [`/v1/programmes/ITA/parameters?cursor=${encodeCursor(['2024-02-30'])}`, '/query/cursor'],
      [`/v1/programmes/ITA/parameters?cursor=${encodeCursor([20240401])}`, '/query/cursor'],
    ];
    for (const [path, pointer] of cases) {
      const res = await h.http.get(path).expect(400);
      expect(
        res.body.errors.map((error: { path: string }) => error.path),
        path,
      ).to.deep.equal([pointer]);
    }
  });
});
