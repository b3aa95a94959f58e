import { expect } from 'chai';
import { harness } from '../support/harness.js';
import { createActor } from '../support/actors.js';

const laterDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A version this far ahead changes no other test's dates: LBC's parameters are shared reference data. */
const farFutureDate = () => `219${Math.floor(Math.random() * 10)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 10)}`;

describe('programmes', () => {
  afterEach(() => harness().clock.set(new Date()));

  it('when anyone lists programmes, then each shows its unit, the parameters in force today and its budget', async () => {
    const res = await harness().http.get('/v1/programmes').expect(200);
    const lbc = res.body.items.find((item: { code: string }) => item.code === 'LBC');
    expect(lbc).to.include({ unit: 'HOUR', currency: 'EUR' });
    expect(lbc.parameters).to.include({ rightHours: '7.00', coPayment: '40.00', hourlyFee: '140.256' });
    expect(lbc.budget).to.have.keys(['total', 'committed', 'remaining', 'currency', 'placesLeft']);
    expect(lbc.budget.remaining).to.match(/^\d+\.\d{2}$/);
    expect(lbc.budget.placesLeft).to.equal(null); // LBC has no places target
    const ita = res.body.items.find((item: { code: string }) => item.code === 'ITA');
    expect(ita.budget.placesLeft).to.be.a('number').and.to.be.at.most(17500);
    expect(res.body.nextCursor).to.equal(null);
  });

  it('when a programme is unknown or its code malformed, then 404 or 400', async () => {
    const h = harness();
    expect((await h.http.get('/v1/programmes/NOPE').expect(404)).body.code).to.equal('not_found');
    expect((await h.http.get('/v1/programmes/lbc!').expect(400)).body.errors[0].path).to.equal('/path/code');
  });

  it('when an administrator adds a dated parameter version, then it applies from its date only and is audited', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const from = farFutureDate();
    const res = await h.http
      .patch('/v1/programmes/LBC/parameters')
      .set(admin.auth)
      .send({ effectiveFrom: from, values: { hourlyFee: '150.125', coPayment: 45 }, note: 'indexation' })
      .expect(201);
    expect(res.body.values).to.include({ hourlyFee: '150.125', coPayment: '45.00', rightHours: '7.00' });
    expect((await h.http.get('/v1/programmes/LBC').expect(200)).body.parameters.hourlyFee).to.not.equal('150.125');
    h.clock.set(`${from}T08:00:00Z`);
    expect((await h.http.get('/v1/programmes/LBC').expect(200)).body.parameters.hourlyFee).to.equal('150.125');
    const audit = await h.http.get(`/v1/audit?entityType=programme&entityId=LBC&actorId=${admin.principal.userId}`).set(admin.auth).expect(200);
    expect(audit.body.items[0]).to.deep.include({ action: 'programme.parameters.changed' });
    expect(audit.body.items[0].after.values.hourlyFee).to.equal('150.125');
    expect(audit.body.items[0].before.values.hourlyFee).to.not.equal('150.125');
    await h.http.patch('/v1/programmes/LBC/parameters').set(admin.auth).send({ effectiveFrom: from, values: { coPaymentDueDays: 21 } }).expect(409);
  });

  it('when the change is invalid, then it names the field and writes nothing', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const count = async () => (await h.sequelize.query(`SELECT count(*)::int AS n FROM programme_parameters`, { plain: true }))?.n;
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
    ];
    for (const [body, status, path] of cases) {
      const res = await h.http.patch('/v1/programmes/LBC/parameters').set(admin.auth).send(body as object).expect(status);
      expect(res.body.errors.map((error: { path: string }) => error.path), JSON.stringify(body)).to.include(path);
    }
    expect(await count()).to.equal(before);
  });

  it('when someone other than an administrator changes parameters, then 401 or 403', async () => {
    const h = harness();
    const auditor = await createActor(h, 'auditor');
    const body = { effectiveFrom: laterDate(10), values: { coPaymentDueDays: 20 } };
    await h.http.patch('/v1/programmes/LBC/parameters').send(body).expect(401);
    await h.http.patch('/v1/programmes/LBC/parameters').set(auditor.auth).send(body).expect(403);
  });

  it('when the versions are listed, then they come in date order', async () => {
    const res = await harness().http.get('/v1/programmes/ITA/parameters').expect(200);
    const dates = res.body.items.map((item: { effectiveFrom: string }) => item.effectiveFrom);
    expect(dates).to.deep.equal([...dates].sort());
    expect(dates[0]).to.equal('2024-04-01');
  });
});
