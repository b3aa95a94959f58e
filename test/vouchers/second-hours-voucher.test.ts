// A second hours_voucher programme beside LBC, opened through the API only (the planned Flemish
// loopbaankrediet, with cheques prefixed LBK): its own rule set (four eyes), budget, parameters
// and a centre accredited for both. Its right, cheques, sessions and settlement run end to end on
// the same code as LBC's, and LBC's cheques at the same centre go on untouched.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { addYears } from '../../server/shared/calendar.js';
import { idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { openProgramme, type OpenedProgramme } from '../support/programme-factory.js';
import {
  closeCheque,
  expectLedgerVerified,
  fundLbc,
  grant,
  guidance,
  lbcCentre,
  lbcCitizen,
  order,
  payAsAdmin,
  recordSession,
  register,
  setToday,
} from '../support/voucher-factory.js';

const TODAY = '2026-12-01';

/** 6 hours as a 4-hour and a 2-hour cheque, EUR 30 each, centres paid EUR 120 an hour. */
const LBK_VALUES = {
  rightHours: '6.00',
  rightPeriodYears: 6,
  voucherHours: ['4.00', '2.00'],
  coPayment: '30.00',
  coPaymentDueDays: 14,
  voucherValidityMonths: 3,
  expiredHours: 'return',
  hourlyFee: '120.000',
  referencePrefix: 'LBK',
  placesTarget: null,
  closingDate: null,
};

const FLEMISH_RULES = {
  rules: [
    {
      name: 'lives in Flanders',
      priority: 10,
      conditions: { all: [{ fact: 'residenceRegion', operator: 'equal', value: 'VLG' }] },
      event: {
        type: 'requirement',
        params: { code: 'not_flemish', message: { en: 'You must live in Flanders.', nl: 'Je moet in Vlaanderen wonen.' } },
      },
    },
  ],
  testCases: [
    {
      name: 'a resident of Flanders is eligible',
      referenceDate: TODAY,
      facts: { residenceRegion: 'VLG' },
      expected: { eligible: true, reasons: [], nextEligibleOn: null },
    },
    {
      name: 'a resident of Wallonia is refused',
      referenceDate: TODAY,
      facts: { residenceRegion: 'WAL' },
      expected: { eligible: false, reasons: ['not_flemish'], nextEligibleOn: null },
    },
  ],
};

type Statement = { centreId: string; total: { amount: string }; lines: { source: { id: string; type: string } }[] };

describe('a second hours voucher programme (LBK) beside LBC, opened by configuration', () => {
  let h: Harness;
  let lbk: OpenedProgramme;

  before(async () => {
    h = harness();
    setToday(h, TODAY);
    await fundLbc(h);
    lbk = await openProgramme(h, {
      kind: 'hours_voucher',
      currency: 'EUR',
      values: LBK_VALUES,
      ruleSet: FLEMISH_RULES,
      budget: '50000.00',
    });
  });
  beforeEach(() => setToday(h, TODAY));
  afterEach(() => expectLedgerVerified(h));

  const claim = (citizen: { auth: Record<string, string> }, code: string) =>
    h.http.post(`/v1/programmes/${code}/claims`).set(citizen.auth).set('Idempotency-Key', idempotencyKey()).send({});

  /** A centre accredited for LBC (the factory) and for LBK (through the API). */
  async function centreForBoth() {
    const centre = await lbcCentre(h);
    const accredited = await h.http
      .post(`/v1/centres/${centre.id}/accreditations`)
      .set(lbk.author.auth)
      .send({ programme: lbk.code, validFrom: TODAY, validTo: addYears(TODAY, 2) });
    expect(accredited.status, JSON.stringify(accredited.body)).to.equal(201);
    return centre;
  }

  it('when a citizen goes through an LBK cheque beside an LBC cheque at one centre, then each programme keeps its own numbers, cheques, statements and ledger', async () => {
    const citizen = await lbcCitizen(h);
    const centre = await centreForBoth();

    const eligibility = await h.http.post(`/v1/programmes/${lbk.code}/eligibility`).set(citizen.actor.auth).send({});
    expect(eligibility.status, JSON.stringify(eligibility.body)).to.equal(200);
    expect(eligibility.body).to.include({ eligible: true, programme: lbk.code });

    const claimed = await claim(citizen.actor, lbk.code);
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(201);
    expect(claimed.body.committed).to.deep.equal({ amount: '720.00', currency: 'EUR' }); // 6 h x 120
    expect(claimed.body.balance).to.include({ granted: '6.00', available: '6.00', unit: 'HOUR' });
    const lbcRight = await grant(h, citizen.actor);

    const lbkCheque = await order(h, citizen.actor, claimed.body.id as string);
    expect(lbkCheque.code).to.match(/^LBK-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(lbkCheque.hours.amount).to.equal('4.00');
    expect(lbkCheque.coPayment).to.include({ amount: '30.00', currency: 'EUR' });
    // One open cheque per programme: the LBK cheque does not stop an LBC one.
    const lbcCheque = await order(h, citizen.actor, lbcRight.id);
    expect(lbcCheque.code).to.match(/^LBC-/);
    expect(lbcCheque.coPayment).to.include({ amount: '45.00' });

    expect((await payAsAdmin(h, lbk.author, lbkCheque.code, '30.00')).status).to.equal(200);
    expect((await payAsAdmin(h, lbk.author, lbcCheque.code, '45.00')).status).to.equal(200);
    expect((await register(h, centre, lbkCheque.code, lbkCheque.clientNumber)).status).to.equal(200);
    expect((await register(h, centre, lbcCheque.code, lbcCheque.clientNumber)).status).to.equal(200);
    const lbkSession = await recordSession(h, centre, lbkCheque.code, guidance(TODAY, '2.50'));
    expect(lbkSession.status, JSON.stringify(lbkSession.body)).to.equal(201);
    expect(lbkSession.body.voucher).to.deep.include({ code: lbkCheque.code, remainingHours: { amount: '1.50', unit: 'HOUR' } });
    const lbcSession = await recordSession(h, centre, lbcCheque.code, guidance(TODAY, '1.00'));
    expect(lbcSession.status).to.equal(201);
    const closed = await closeCheque(h, centre, lbkCheque.code);
    expect([closed.status, closed.body.status]).to.deep.equal([200, 'closed']);

    const mine = await h.http.get('/v1/me/entitlements').set(citizen.actor.auth).expect(200);
    type Right = { id: string; programme: string; balance: Record<string, string>; vouchers: { code: string; status: string }[] };
    const rights = new Map((mine.body.items as Right[]).map((right) => [right.programme, right]));
    expect(rights.get(lbk.code)?.balance).to.include({ granted: '6.00', reserved: '0.00', used: '2.50', available: '3.50' });
    expect(rights.get(lbk.code)?.vouchers.map((v) => [v.code, v.status])).to.deep.equal([[lbkCheque.code, 'closed']]);
    expect(rights.get('LBC')?.balance).to.include({ granted: '7.00', reserved: '3.00', used: '1.00', available: '3.00' });
    expect(rights.get('LBC')?.vouchers.map((v) => [v.code, v.status])).to.deep.equal([[lbcCheque.code, 'in_use']]);

    const settled = await h.http
      .post('/v1/settlements')
      .set(lbk.author.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: lbk.code, periodEnd: TODAY });
    expect(settled.status, JSON.stringify(settled.body)).to.equal(201);
    const statements = (settled.body.statements as Statement[]).filter((statement) => statement.centreId === centre.id);
    expect(statements).to.have.length(1);
    expect(statements[0]!.total.amount).to.equal('300.00'); // 2.5 h x 120
    expect(statements[0]!.lines.map((line) => line.source.id)).to.deep.equal([lbkSession.body.session.id]);
    // The LBC session stays for an LBC run: no statement line names it.
    const lbcLines = await queryRows(h.sequelize, `SELECT 1 FROM statement_lines WHERE source_id = $1`, [lbcSession.body.session.id]);
    expect(lbcLines).to.deep.equal([]);
  });

  it('when a centre holds no LBK accreditation, then it cannot register an LBK cheque, whatever its LBC accreditation', async () => {
    const citizen = await lbcCitizen(h);
    const claimed = await claim(citizen.actor, lbk.code);
    expect(claimed.status).to.equal(201);
    const cheque = await order(h, citizen.actor, claimed.body.id as string);
    expect((await payAsAdmin(h, lbk.author, cheque.code, '30.00')).status).to.equal(200);
    const lbcOnly = await lbcCentre(h);
    const refused = await register(h, lbcOnly, cheque.code, cheque.clientNumber);
    expect([refused.status, refused.body.code]).to.deep.equal([422, 'centre_not_accredited']);
    // An unknown code with the LBK prefix is refused the same way: the centre learns nothing by probing.
    const unknown = await register(h, lbcOnly, 'LBK-0000000000', cheque.clientNumber);
    expect([unknown.status, unknown.body.detail]).to.deep.equal([refused.status, refused.body.detail]);
  });

  it('when a Walloon citizen claims LBK, then 422 not_eligible from its own rule set, while the LBC rules are not asked', async () => {
    const citizen = await lbcCitizen(h, { residenceRegion: 'WAL', residenceCountry: 'BE', workRegion: 'WAL' });
    const res = await claim(citizen.actor, lbk.code);
    expect([res.status, res.body.code]).to.deep.equal([422, 'not_eligible']);
    expect(res.body.reasons.map((reason: { code: string }) => reason.code)).to.deep.equal(['not_flemish']);
  });
});
