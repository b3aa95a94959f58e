// POST /v1/programmes/{code}/claims reads the programme and hands the claim to its kind's flow:
// an unknown code is a 404, each flow checks its own body, and a kind whose flow is not built yet
// answers 409 claims_not_open (never a 500) without using up the Idempotency-Key.
import { expect } from 'chai';
import { claimFlows, claimsNotOpen } from '../../server/claims/claim-flows.js';
import { idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { openProgramme, programmeCode } from '../support/programme-factory.js';
import { lbcCitizen, setToday } from '../support/voucher-factory.js';

/** An hours voucher programme's first version (the kind this file holds back from its flow). */
const HOURS_VOUCHER = {
  rightHours: '7.00',
  rightPeriodYears: 6,
  voucherHours: ['4.00', '3.00'],
  coPayment: '45.00',
  coPaymentDueDays: 14,
  voucherValidityMonths: 3,
  expiredHours: 'return',
  hourlyFee: '140.256',
  placesTarget: null,
  closingDate: null,
};

describe('the claim dispatcher: POST /v1/programmes/{code}/claims by the programme’s kind', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });
  beforeEach(() => setToday(h, '2026-12-01'));

  const claim = (auth: Record<string, string>, code: string, body: Record<string, unknown> = {}, key = idempotencyKey()) =>
    h.http.post(`/v1/programmes/${code}/claims`).set(auth).set('Idempotency-Key', key).send(body);

  it('when the programme does not exist, then 404', async () => {
    const citizen = await lbcCitizen(h);
    const res = await claim(citizen.actor.auth, 'NOSUCHPROG');
    expect([res.status, res.body.code]).to.deep.equal([404, 'not_found']);
  });

  it('when a code was unknown and a programme opens under it, then its claims reach its flow (an unknown code is not remembered)', async () => {
    const citizen = await lbcCitizen(h);
    const code = programmeCode();
    expect((await claim(citizen.actor.auth, code)).status).to.equal(404);
    await openProgramme(h, { kind: 'hours_voucher', currency: 'EUR', code, values: HOURS_VOUCHER });
    const res = await claim(citizen.actor.auth, code);
    // No rule set is in force yet: the hours voucher flow answers that, not the dispatcher's 404.
    expect([res.status, res.body.code]).to.deep.equal([422, 'no_ruleset_in_force']);
  });

  it('when an hours voucher claim names a course, then 400 pointing at /courseId, and a course grant claim without one likewise', async () => {
    const citizen = await lbcCitizen(h);
    const hours = await claim(citizen.actor.auth, 'LBC', { courseId: 'c-1' });
    expect([hours.status, hours.body.errors[0].path]).to.deep.equal([400, '/courseId']);
    const course = await claim(citizen.actor.auth, 'ITA');
    expect([course.status, course.body.errors[0].path]).to.deep.equal([400, '/courseId']);
  });

  it('when a programme’s kind has no claim flow yet, then 409 claims_not_open, and the same key is not spent on it', async () => {
    // Kinds wait for their flows while they are being built; which ones still do changes as they
    // land, so this test holds the hours voucher's flow back (in this test process only).
    const saved = claimFlows.hours_voucher;
    claimFlows.hours_voucher = claimsNotOpen;
    try {
      const { code } = await openProgramme(h, { kind: 'hours_voucher', currency: 'EUR', values: HOURS_VOUCHER });
      const citizen = await lbcCitizen(h);
      const key = idempotencyKey();
      const res = await claim(citizen.actor.auth, code, {}, key);
      expect([res.status, res.body.code, res.body.programme]).to.deep.equal([409, 'claims_not_open', code]);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      claimFlows.hours_voucher = saved;
      // Once the flow is open, the same key claims for real: the refusal was not stored under it.
      const opened = await claim(citizen.actor.auth, code, {}, key);
      expect([opened.status, opened.body.code]).to.deep.equal([422, 'no_ruleset_in_force']); // the flow ran: it found no rule set
    } finally {
      claimFlows.hours_voucher = saved;
    }
  });
});
