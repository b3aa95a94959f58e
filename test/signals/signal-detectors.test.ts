// Each signal with data that raises it and data just under its threshold that must not. The
// detectors read every row of the shared database, but they only ever insert cases (never change
// another file's records), and each assertion is scoped to this test's own centre, cheque, course,
// programme or file: so this file runs in parallel with the others (see README: signals).
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { newVoucherCode, prefixOfCode } from '../../server/vouchers/voucher-codes.js';
import { claimOn, openStap, providerOf } from '../applications/course-grant-fixtures.js';
import { itaCitizen } from '../applications/ita-fixtures.js';
import { PNG, refusedCitizen, sendContest } from '../contests/contest-fixtures.js';
import { idempotencyKey } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { harness, type Harness } from '../support/harness.js';
import { openVoucherProgramme, register, setToday } from '../support/voucher-factory.js';
import { chequeInUse } from '../settlement/support/lbc-fixture.js';
import { casesOf, detect, sessionBy } from './signal-fixtures.js';

describe('signals: each detector raises on its pattern and not just under its threshold', () => {
  let h: Harness;
  before(() => {
    h = harness();
  });

  /** A programme like LBC opened on `today` and a centre accredited for it. */
  async function voucherScene(today: string) {
    const programme = await openVoucherProgramme(h, today);
    const centre = await createCentre(h, { programme: programme.code });
    const cheque = () => chequeInUse(h, programme.admin, programme.code, centre);
    return { programme, centre, cheque };
  }

  it('when one counsellor is booked for more hours in a day than a working day holds (8), then one case opens with the sessions, however often detection runs', async () => {
    const { centre, cheque } = await voucherScene('2031-03-03');
    const [first, second, third] = [await cheque(), await cheque(), await cheque()];
    await sessionBy(h, first, '4.00', 'Jan Peeters');
    await sessionBy(h, second, '4.00', 'Jan Peeters');
    // Another counsellor the same day, and 8 hours exactly: a full working day, not more.
    await sessionBy(h, third, '1.00', 'Els Maes');
    await detect(h, ['counsellor_overbooked']);
    expect(await casesOf(h, 'counsellor_overbooked', centre.id)).to.have.length(0);

    const last = await sessionBy(h, third, '0.25', ' jan  PEETERS ');
    await detect(h, ['counsellor_overbooked']);
    await detect(h, ['counsellor_overbooked']);
    const cases = await casesOf(h, 'counsellor_overbooked', centre.id);
    expect(cases).to.have.length(1);
    expect(cases[0]!.subject).to.equal(`${centre.id}:2031-03-03:jan peeters`);
    expect(cases[0]!.facts).to.include({ hours: '8.25', maxHoursPerDay: 8, date: '2031-03-03' });
    expect(cases[0]!.rows.map((row) => row.hours)).to.deep.equal(['4.00', '4.00', '0.25']);
    expect(cases[0]!.rows[2]).to.include({ session: last, cheque: third.code });
  });

  it('when a session is recorded on a cheque untouched for the dormant period (60 days), then a case opens; at 59 days it does not', async () => {
    const { centre, cheque } = await voucherScene('2031-01-05');
    const early = await cheque();
    const woken = await cheque();
    setToday(h, '2031-03-05'); // 59 days after the cheques were issued
    await sessionBy(h, early, '1.00');
    await detect(h, ['dormant_cheque']);
    const idOf = async (code: string) =>
      (await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM vouchers WHERE code = $1`, [code]))[0]!.id;
    expect(await casesOf(h, 'dormant_cheque', await idOf(early.code))).to.deep.equal([]);

    setToday(h, '2031-03-06'); // 60 days
    const session = await sessionBy(h, woken, '2.00');
    await sessionBy(h, early, '1.00'); // a day after its last session: awake
    await detect(h, ['dormant_cheque']);
    const cases = await casesOf(h, 'dormant_cheque', await idOf(woken.code));
    expect(cases).to.have.length(1);
    expect(cases[0]!.facts).to.include({ cheque: woken.code, lastActive: '2031-01-05', wokeOn: '2031-03-06', idleDays: 60 });
    expect(cases[0]!.rows.map((row) => row.session)).to.deep.equal([session]);
    expect(await casesOf(h, 'dormant_cheque', await idOf(early.code))).to.have.length(0);
    expect(centre.id).to.equal(woken.centre.id);
  });

  it("when a centre's hours this month pass the factor times its monthly average of the 3 months before, then a case opens; at the factor exactly it does not", async () => {
    const { centre, cheque } = await voucherScene('2031-05-20');
    const used = await cheque();
    await sessionBy(h, used, '1.50'); // May: the history, a monthly average of 0.5 over February to April... and May
    setToday(h, '2031-06-10');
    await sessionBy(h, used, '1.50'); // June: 1.5 = 3 x (1.5 / 3)
    const thresholds = { volumeFactor: 3, volumeMinHours: 1 };
    await detect(h, ['centre_volume_jump'], thresholds);
    expect(await casesOf(h, 'centre_volume_jump', centre.id)).to.have.length(0);

    await sessionBy(h, used, '0.25');
    await detect(h, ['centre_volume_jump'], { ...thresholds, volumeMinHours: 2 });
    expect(await casesOf(h, 'centre_volume_jump', centre.id), 'under the minimum hours').to.have.length(0);
    await detect(h, ['centre_volume_jump'], thresholds);
    const cases = await casesOf(h, 'centre_volume_jump', centre.id);
    expect(cases.map((found) => found.subject)).to.deep.equal([`${centre.id}:2031-06`]);
    expect(cases[0]!.facts).to.include({ hours: '1.75', historyHours: '1.50', historyMonths: 3 });
    expect(cases[0]!.rows).to.deep.equal([
      { month: '2031-03', hours: '0', sessions: 0 },
      { month: '2031-04', hours: '0', sessions: 0 },
      { month: '2031-05', hours: '1.50', sessions: 1 },
      { month: '2031-06', hours: '1.75', sessions: 2 },
    ]);
  });

  it('when a centre makes the threshold of refused registration tries in one hour, then a case opens; one try fewer does not', async () => {
    const { centre, cheque } = await voucherScene('2031-07-01');
    const prefix = prefixOfCode((await cheque()).code);
    const wrongTry = async () => {
      const res = await register(h, centre, newVoucherCode(prefix), '12345678');
      expect(res.status, JSON.stringify(res.body)).to.equal(404);
    };
    for (let n = 0; n < 5; n += 1) await wrongTry();
    await detect(h, ['wrong_client_numbers'], { wrongTriesPerHour: 6 });
    expect(await casesOf(h, 'wrong_client_numbers', centre.id)).to.have.length(0);
    await wrongTry();
    await detect(h, ['wrong_client_numbers'], { wrongTriesPerHour: 6 });
    const cases = await casesOf(h, 'wrong_client_numbers', centre.id);
    expect(cases.map((found) => found.subject)).to.deep.equal([`${centre.id}:2031-07-01T09:00:00.000Z`]);
    expect(cases[0]!.facts).to.include({ tries: 6, triesPerHour: 6 });
  });

  it("when a course's claims in a month pass the factor times the median of its programme's other courses, then a case opens; at the factor exactly it does not", async () => {
    setToday(h, '2031-09-08');
    const stap = await openStap(h);
    const peers = [await providerOf(h, stap), await providerOf(h, stap), await providerOf(h, stap)];
    const outlier = await providerOf(h, stap);
    const claim = async (courseId: string) => {
      const citizen = await itaCitizen(h);
      const res = await claimOn(h, stap.code, citizen.actor, courseId, idempotencyKey());
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    };
    for (const peer of peers) await claim(peer.course.id);
    await claim(outlier.course.id);
    await claim(outlier.course.id);
    const thresholds = { courseFactor: 2, courseMinClaims: 2 };
    await detect(h, ['course_claims_outlier'], thresholds);
    expect(await casesOf(h, 'course_claims_outlier', outlier.course.id)).to.have.length(0);

    await claim(outlier.course.id);
    await detect(h, ['course_claims_outlier'], thresholds);
    const cases = await casesOf(h, 'course_claims_outlier', outlier.course.id);
    expect(cases.map((found) => found.subject)).to.deep.equal([`${outlier.course.id}:2031-09`]);
    expect(cases[0]!.facts).to.include({ claims: 3, peerMedian: '1', peers: 3, programme: stap.code });
    expect(cases[0]!.rows).to.have.length(3);
    for (const peer of peers) expect(await casesOf(h, 'course_claims_outlier', peer.course.id)).to.have.length(0);
  });

  it('when the same evidence file is sent by two citizens, then a case opens with both contests; sent twice by one citizen it does not', async () => {
    const file = Buffer.concat([PNG, randomBytes(32)]);
    const alone = Buffer.concat([PNG, randomBytes(32)]);
    const first = await refusedCitizen(h);
    const second = await refusedCitizen(h);
    const sent = async (refusal: typeof first, files: [string, Buffer][]) => {
      const res = await sendContest(h, refusal.citizen.actor.auth, refusal.decisionId, 'I do live in Flanders.', files);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body as { reference: string; evidence: { sha256: string }[] };
    };
    const one = await sent(first, [
      ['payslip.png', file],
      ['again.png', alone],
      ['once-more.png', alone],
    ]);
    await detect(h, ['shared_evidence']);
    const aloneSha = one.evidence[1]!.sha256;
    const sharedSha = one.evidence[0]!.sha256;
    expect(await casesOf(h, 'shared_evidence', sharedSha)).to.have.length(0);

    const two = await sent(second, [['my-payslip.png', file]]);
    await detect(h, ['shared_evidence']);
    const cases = await casesOf(h, 'shared_evidence', sharedSha);
    expect(cases).to.have.length(1);
    expect(cases[0]!.facts).to.include({ citizens: 2, minCitizens: 2 });
    expect(cases[0]!.rows.map((row) => row.contest)).to.deep.equal([one.reference, two.reference]);
    expect(await casesOf(h, 'shared_evidence', aloneSha)).to.have.length(0);
  });
});
