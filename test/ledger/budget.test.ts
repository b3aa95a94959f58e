import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { queryRows } from '../../server/db/database.js';
import { programmeBudget } from '../../server/programmes/budget-read.js';
import { createActor, idempotencyKey } from '../support/actors.js';
import { harness } from '../support/harness.js';

const fund = async (body: unknown, status: number, role: 'admin' | 'auditor' | 'citizen' = 'admin') => {
  const actor = await createActor(harness(), role);
  return harness()
    .http.post('/v1/programmes/ITA/budget')
    .set(actor.auth)
    .set('Idempotency-Key', idempotencyKey())
    .send(body as object)
    .expect(status);
};

describe('programme budget funding (POST /v1/programmes/:code/budget)', () => {
  it('when an administrator funds a programme, then the budget grows by that amount and the answer says so', async () => {
    const before = await programmeBudget(harness().sequelize, 'ITA');
    const res = await fund({ amount: '1000.50', note: 'Top-up for the spring intake' }, 201);
    expect(res.body.programme).to.equal('ITA');
    expect(res.body.funded).to.deep.equal({ amount: '1000.50', currency: 'GBP' });
    expect(res.body.budget.currency).to.equal('GBP');
    // Other tests fund the same programme concurrently in this run, so compare at least the growth.
    expect(new Decimal(res.body.budget.total).minus(before.total).gte('1000.50')).to.equal(true);
    const after = await programmeBudget(harness().sequelize, 'ITA');
    expect(after.total.minus(before.total).gte('1000.50')).to.equal(true);
    expect(after.committed.plus(after.remaining).eq(after.total)).to.equal(true);
  });

  it('when funding happens, then the audit log records who funded how much', async () => {
    const res = await fund({ amount: '12.34', note: 'audit me' }, 201);
    const rows = await queryRows<{ action: string; after: { transactionId: string; funded: string } }>(
      harness().sequelize,
      `SELECT action, after FROM audit_log WHERE entity_type = 'programme' AND entity_id = 'ITA' AND after->>'transactionId' = $1`,
      [res.body.transactionId],
    );
    expect(rows).to.have.length(1);
    expect(rows[0]).to.deep.include({ action: 'programme.budget.funded' });
    expect(rows[0]?.after.funded).to.equal('12.34');
  });

  it('when the request is replayed with its key, then the first answer comes back and nothing is added', async () => {
    const key = idempotencyKey();
    const admin = await createActor(harness(), 'admin');
    const send = () =>
      harness().http.post('/v1/programmes/ITA/budget').set(admin.auth).set('Idempotency-Key', key).send({ amount: '7.00', note: 'once' });
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(again.body).to.deep.equal(first.body);
    const [count] = await queryRows<{ n: string }>(
      harness().sequelize,
      `SELECT count(*) AS n FROM ledger_transactions WHERE idempotency_key = $1`,
      [`budget-fund:${admin.principal.userId}:${key}`],
    );
    expect(count?.n).to.equal('1');
    const other = await harness()
      .http.post('/v1/programmes/ITA/budget')
      .set(admin.auth)
      .set('Idempotency-Key', key)
      .send({ amount: '8.00', note: 'once' })
      .expect(422);
    expect(other.body.code).to.equal('idempotency_key_reused');
  });

  const invalid: [string, unknown, string][] = [
    ['three decimals', { amount: '1.005', note: 'x' }, '/amount'],
    ['a negative amount', { amount: '-5.00', note: 'x' }, '/amount'],
    ['zero', { amount: '0.00', note: 'x' }, '/amount'],
    ['string garbage', { amount: 'lots', note: 'x' }, '/amount'],
    ['a float with too many decimals', { amount: 0.001, note: 'x' }, '/amount'],
    ['an unknown field', { amount: '5.00', note: 'x', currency: 'EUR' }, '/currency'],
    ['no note', { amount: '5.00' }, '/note'],
    ['a blank note', { amount: '5.00', note: '   ' }, '/note'],
    // PostgreSQL refuses NUL in text: a NUL that got past validation was a 500.
    ['a NUL in the note', { amount: '5.00', note: 'top\u0000up' }, '/note'],
    ['a control character in the note', { amount: '5.00', note: 'top\u001bup' }, '/note'],
  ];
  for (const [what, body, path] of invalid) {
    it(`when the body has ${what}, then it answers 400 naming ${path} and nothing is funded or audited`, async () => {
      const admin = await createActor(harness(), 'admin');
      const key = idempotencyKey();
      const res = await harness()
        .http.post('/v1/programmes/ITA/budget')
        .set(admin.auth)
        .set('Idempotency-Key', key)
        .send(body as object)
        .expect(400);
      expect(res.body.code).to.equal('validation_failed');
      expect(res.body.errors.map((error: { path: string }) => error.path)).to.include(path);
      // This administrator and key are the test's own, so anything written under them came from this request.
      const [written] = await queryRows<{ postings: string; audits: string }>(
        harness().sequelize,
        `SELECT (SELECT count(*) FROM ledger_transactions WHERE idempotency_key = $1) AS postings,
                (SELECT count(*) FROM audit_log WHERE actor_id = $2) AS audits`,
        [`budget-fund:${admin.principal.userId}:${key}`, admin.principal.userId],
      );
      expect(written).to.deep.equal({ postings: '0', audits: '0' });
    });
  }

  it('when the note spans lines, then it is accepted as written', async () => {
    const res = await fund({ amount: '1.00', note: 'Spring intake\nsecond tranche' }, 201);
    const [row] = await queryRows<{ note: string }>(
      harness().sequelize,
      `SELECT after->>'note' AS note FROM audit_log WHERE after->>'transactionId' = $1`,
      [res.body.transactionId],
    );
    expect(row?.note).to.equal('Spring intake\nsecond tranche');
  });

  it('when the Idempotency-Key header is missing, then it answers 400', async () => {
    const admin = await createActor(harness(), 'admin');
    const res = await harness().http.post('/v1/programmes/ITA/budget').set(admin.auth).send({ amount: '5.00', note: 'x' }).expect(400);
    expect(res.body.code).to.equal('idempotency_key_missing');
  });

  it('when the programme does not exist, then it answers 404', async () => {
    const admin = await createActor(harness(), 'admin');
    const res = await harness()
      .http.post('/v1/programmes/NOPE/budget')
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ amount: '5.00', note: 'x' })
      .expect(404);
    expect(res.body.code).to.equal('not_found');
  });

  for (const role of ['auditor', 'citizen'] as const) {
    it(`when a ${role} tries to fund, then it answers 403`, async () => {
      const res = await fund({ amount: '5.00', note: 'x' }, 403, role);
      expect(res.body.code).to.equal('forbidden');
    });
  }

  it('when twenty identical requests race with one key, then one fund transaction exists and all twenty answers agree', async () => {
    const key = idempotencyKey();
    const admin = await createActor(harness(), 'admin');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        harness()
          .http.post('/v1/programmes/ITA/budget')
          .set(admin.auth)
          .set('Idempotency-Key', key)
          .send({ amount: '3.00', note: 'burst' }),
      ),
    );
    expect(answers.map((res) => res.status)).to.deep.equal(Array(20).fill(201));
    // The replayed answers come from jsonb, which may order keys differently: compare as values.
    for (const res of answers) expect(res.body).to.deep.equal(answers[0]?.body);
    const [count] = await queryRows<{ n: string }>(
      harness().sequelize,
      `SELECT count(*) AS n FROM ledger_transactions WHERE idempotency_key = $1`,
      [`budget-fund:${admin.principal.userId}:${key}`],
    );
    expect(count?.n).to.equal('1');
  });
});
