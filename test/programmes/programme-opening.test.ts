import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { createActor } from '../support/actors.js';
import { approveChange } from '../support/approvals.js';
import { harness } from '../support/harness.js';
import { openProgramme, programmeCode } from '../support/programme-factory.js';

/** A whole accruing-account version shaped like CPF. */
const accruing = {
  yearlyAccrual: '500.00',
  ceiling: '5000.00',
  accountYearStartMonth: 1,
  boost: { group: 'low_qualified', yearlyAccrual: '800.00', ceiling: '8000.00' },
  coPayment: '100.00',
  coPaymentExemptGroups: ['jobseeker'],
  verificationWeeks: 4,
  placesTarget: null,
  closingDate: null,
};

describe('opening a programme: POST /v1/programmes', () => {
  const opening = (code: string, overrides: Record<string, unknown> = {}) => ({
    code,
    kind: 'accruing_account',
    names: { en: 'Personal training account', nl: 'Persoonlijke opleidingsrekening' },
    currency: 'EUR',
    effectiveFrom: harness().clock.today(),
    values: accruing,
    ...overrides,
  });

  it('when one administrator asks, then 202 and nothing opens until a second one approves; the requester cannot approve', async () => {
    const h = harness();
    const requester = await createActor(h, 'admin');
    const approver = await createActor(h, 'admin');
    const code = programmeCode();
    const requested = await h.http.post('/v1/programmes').set(requester.auth).send(opening(code)).expect(202);
    expect(requested.body).to.include({ kind: 'programme_opening', targetId: code, status: 'pending' });
    await h.http.get(`/v1/programmes/${code}`).expect(404);
    const own = await h.http.post(`/v1/pending-changes/${requested.body.id}/approve`).set(requester.auth).set('Idempotency-Key', code);
    expect([own.status, own.body.code]).to.deep.equal([403, 'four_eyes_required']);
    await h.http.get(`/v1/programmes/${code}`).expect(404);

    const approved = await approveChange(h, approver.auth, requested.body.id as string);
    expect(approved.result).to.deep.equal({ programme: code, effectiveFrom: h.clock.today() });
    const programme = (await h.http.get(`/v1/programmes/${code}`).expect(200)).body;
    expect(programme).to.include({ code, kind: 'accruing_account', name: 'Personal training account', unit: 'EUR', currency: 'EUR' });
    expect(programme.names).to.deep.equal({ en: 'Personal training account', nl: 'Persoonlijke opleidingsrekening' });
    expect(programme.parameters).to.deep.include({ yearlyAccrual: '500.00', ceiling: '5000.00', coPayment: '100.00' });
    const audit = await h.http.get(`/v1/audit?entityType=programme&entityId=${code}`).set(approver.auth).expect(200);
    expect(audit.body.items[0]).to.deep.include({ action: 'programme.opened' });
    expect(audit.body.items[0].actor).to.deep.equal({ id: approver.principal.userId, role: 'admin', email: approver.principal.email });
  });

  it('when a value the kind does not use is given, or one it needs is missing, then 422 invalid_parameters pointing at it and nothing is asked', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const code = programmeCode();
    const { ceiling: _ceiling, ...withoutCeiling } = accruing;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...accruing, hourlyFee: '140.256' }, '/values/hourlyFee'],
      [withoutCeiling, '/values/ceiling'],
      [{ ...accruing, yearlyAccrual: '6000.00' }, '/values/yearlyAccrual'],
      [{ ...accruing, coPayment: '10.001' }, '/values/coPayment'],
      [{ ...accruing, coPayment: '-1.00' }, '/values/coPayment'],
    ];
    for (const [values, path] of cases) {
      const res = await h.http.post('/v1/programmes').set(admin.auth).send(opening(code, { values }));
      expect([res.status, res.body.code], path).to.deep.equal([422, 'invalid_parameters']);
      expect(res.body.errors.map((error: { path: string }) => error.path)).to.include(path);
    }
    const hoursWithCourseValues = await h.http
      .post('/v1/programmes')
      .set(admin.auth)
      .send(opening(code, { kind: 'hours_voucher' }));
    expect(hoursWithCourseValues.status).to.equal(422);
    expect(hoursWithCourseValues.body.errors.map((error: { path: string }) => error.path)).to.include.members([
      '/values/rightHours',
      '/values/yearlyAccrual',
    ]);
    const [row] = await queryRows<{ waiting: number }>(
      h.sequelize,
      `SELECT count(*)::int AS waiting FROM pending_changes WHERE kind = 'programme_opening' AND target_id = $1`,
      [code],
    );
    expect(row?.waiting).to.equal(0);
  });

  it('when the body is malformed (currency, kind, code, names, a past date), then 400 or 422 naming the field', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const code = programmeCode();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ currency: 'XYZ' }, 400, '/currency'],
      [{ currency: 'eur' }, 400, '/currency'],
      [{ kind: 'lottery' }, 400, '/kind'],
      [{ code: 'lbc' }, 400, '/code'],
      [{ names: { en: 'Only English' } }, 400, '/names/nl'],
      [{ effectiveFrom: '2000-01-01' }, 422, '/effectiveFrom'],
    ];
    for (const [overrides, status, path] of cases) {
      const res = await h.http.post('/v1/programmes').set(admin.auth).send(opening(code, overrides));
      expect(res.status, path).to.equal(status);
      expect(
        res.body.errors.map((error: { path: string }) => error.path),
        path,
      ).to.include(path);
    }
    await h.http
      .post('/v1/programmes')
      .set((await createActor(h, 'auditor')).auth)
      .send(opening(code))
      .expect(403);
    await h.http.post('/v1/programmes').send(opening(code)).expect(401);
  });

  it('when the code is taken, then 409 programme_exists; a second opening of a waiting code is 409 change_pending', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const taken = await h.http.post('/v1/programmes').set(admin.auth).send(opening('LBC'));
    expect([taken.status, taken.body.code]).to.deep.equal([409, 'programme_exists']);
    const code = programmeCode();
    await h.http.post('/v1/programmes').set(admin.auth).send(opening(code)).expect(202);
    const again = await h.http.post('/v1/programmes').set(admin.auth).send(opening(code));
    expect([again.status, again.body.code]).to.deep.equal([409, 'change_pending']);
  });

  it('when the code is taken between the request and the approval, then the approval is refused 409 and nothing changes', async () => {
    const h = harness();
    const first = await createActor(h, 'admin');
    const second = await createActor(h, 'admin');
    const code = programmeCode();
    const requested = await h.http.post('/v1/programmes').set(first.auth).send(opening(code)).expect(202);
    // The same code asked for as another kind cannot wait beside it; it is opened another way: as reference data.
    await queryRows(
      h.ownerSequelize,
      `INSERT INTO programmes (code, kind, name_en, name_nl, unit, currency) VALUES ($1, 'course_grant', 'x', 'x', 'GBP', 'GBP')`,
      [code],
    );
    const res = await h.http.post(`/v1/pending-changes/${requested.body.id}/approve`).set(second.auth).set('Idempotency-Key', code);
    expect([res.status, res.body.code]).to.deep.equal([409, 'programme_exists']);
    expect((await h.http.get(`/v1/programmes/${code}`).expect(200)).body.kind).to.equal('course_grant');
  });

  it('when a programme in Singapore dollars is opened with its rule set and budget, then its budget is kept in SGD on the ledger', async () => {
    const h = harness();
    const { code } = await openProgramme(h, {
      kind: 'credit_lots',
      currency: 'SGD',
      values: {
        lots: [
          {
            lot: 'opening_credit',
            amount: '500.00',
            fromAge: 25,
            group: null,
            grantedFrom: null,
            grantedUntil: null,
            expiresOn: null,
            validYears: null,
            courseTags: [],
          },
        ],
        deductionOrder: 'earliest_expiry_first',
        verificationWeeks: 4,
        placesTarget: null,
        closingDate: null,
      },
      ruleSet: {
        rules: [
          {
            name: 'lives in Singapore',
            priority: 20,
            conditions: { all: [{ fact: 'residenceCountry', operator: 'equal', value: 'SG' }] },
            event: {
              type: 'requirement',
              params: { code: 'not_resident', message: { en: 'You must live in Singapore.', nl: 'Je moet in Singapore wonen.' } },
            },
          },
        ],
        testCases: [
          {
            name: 'a resident of Singapore is eligible',
            referenceDate: '2026-06-01',
            facts: { residenceCountry: 'SG' },
            expected: { eligible: true, reasons: [], nextEligibleOn: null },
          },
          {
            name: 'a resident of Malaysia is refused',
            referenceDate: '2026-06-01',
            facts: { residenceCountry: 'MY' },
            expected: { eligible: false, reasons: ['not_resident'], nextEligibleOn: null },
          },
        ],
      },
      budget: '10000.00',
    });
    const programme = (await h.http.get(`/v1/programmes/${code}`).expect(200)).body;
    expect(programme).to.include({ kind: 'credit_lots', unit: 'SGD', currency: 'SGD' });
    expect(programme.budget).to.include({ total: '10000.00', remaining: '10000.00', currency: 'SGD' });
    const units = await queryRows<{ unit: string }>(h.sequelize, `SELECT DISTINCT unit FROM ledger_accounts WHERE programme_code = $1`, [
      code,
    ]);
    expect(units).to.deep.equal([{ unit: 'SGD' }]);
  });

  it("when a prefix already names another programme's codes, then opening or changing to it is 409 reference_prefix_taken", async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const taken = await h.http
      .post('/v1/programmes')
      .set(admin.auth)
      .send(opening(programmeCode(), { values: { ...accruing, referencePrefix: 'LBC' } }));
    expect([taken.status, taken.body.code]).to.deep.equal([409, 'reference_prefix_taken']);
    expect(taken.body.errors).to.deep.equal([{ path: '/values/referencePrefix', message: 'is used by LBC' }]);

    const prefix = programmeCode();
    const { code } = await openProgramme(h, {
      kind: 'accruing_account',
      currency: 'EUR',
      values: { ...accruing, referencePrefix: prefix },
    });
    const asCode = await h.http.post('/v1/programmes').set(admin.auth).send(opening(prefix));
    expect([asCode.status, asCode.body.errors]).to.deep.equal([409, [{ path: '/code', message: `is used by ${code}` }]]);
    const changed = await h.http
      .patch(`/v1/programmes/${code}/parameters`)
      .set(admin.auth)
      .send({ effectiveFrom: '2099-01-01', values: { referencePrefix: 'ITA' } });
    expect([changed.status, changed.body.code]).to.deep.equal([409, 'reference_prefix_taken']);
  });

  it('when an accruing account asks no co-payment ("0.00"), then it opens with none', async () => {
    const h = harness();
    const { code } = await openProgramme(h, { kind: 'accruing_account', currency: 'EUR', values: { ...accruing, coPayment: '0' } });
    expect((await h.http.get(`/v1/programmes/${code}`).expect(200)).body.parameters.coPayment).to.equal('0.00');
  });
});
