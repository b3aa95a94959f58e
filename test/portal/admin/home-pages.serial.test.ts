// The administrator's home (issue 18): the open work of each area, counted through its
// component's public module (here the disputes of the vouchers component), with a link to the
// area; the auditor's home reads the same. Serial: the home counts every open dispute, which
// other files open too when they run beside it.
import { expect } from 'chai';
import { harness, type Harness } from '../../support/harness.js';
import { page, textOf } from '../../support/pages.js';
import { openVoucherProgramme, setToday, type VoucherProgramme } from '../../support/voucher-factory.js';
import { oneSession } from '../centre/centre-pages-support.js';
import { staffOf, type Staff } from './admin-pages-support.js';

const TODAY = '2026-12-01';

/** The number the home says after "Open disputes: " (0 when it does not say), and whether it links to the area. */
function disputesOn(html: string) {
  const link = page(html)
    .querySelectorAll('main a[href="/admin/disputes"]')
    .find((candidate) => textOf(candidate).startsWith('Open disputes'));
  const said = /Open disputes: (\d+)(\+?)/.exec(textOf(link));
  return { count: Number(said?.[1] ?? 0), more: said?.[2] === '+' };
}

describe('Admin portal: the home counts the open work of each area', () => {
  let h: Harness;
  let programme: VoucherProgramme;
  let admin: Staff;
  let auditor: Staff;
  before(async () => {
    h = harness();
    programme = await openVoucherProgramme(h, TODAY);
    admin = await staffOf(h, 'admin');
    auditor = await staffOf(h, 'auditor');
  });
  beforeEach(() => setToday(h, TODAY));

  it('when a citizen disputes a session, then the open disputes on the administrator’s and the auditor’s homes grow by one, linked to the disputes', async () => {
    const before = disputesOn((await admin.agent.get('/admin').expect(200)).text);
    const { citizen, cheque, centre } = await programme.chequeInUse();
    const sessionId = await oneSession(h, centre, cheque.code, TODAY);
    const dispute = await h.http
      .post(`/v1/vouchers/${cheque.code}/disputes`)
      .set(citizen.actor.auth)
      .send({ sessionId, reason: 'I was not there.' });
    expect(dispute.status, JSON.stringify(dispute.body)).to.equal(201);

    const after = disputesOn((await admin.agent.get('/admin').expect(200)).text);
    // Counted up to 100: beyond it the home says 100+ (other files' disputes share the database).
    if (before.more) expect(after).to.deep.equal(before);
    else expect(after.count).to.equal(before.count + 1);
    const reader = (await auditor.agent.get('/auditor').expect(200)).text;
    expect(disputesOn(reader).count).to.be.at.least(1);
    const dutch = page((await admin.agent.get('/admin').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('main')))
      .to.include('Open betwistingen:')
      .and.include('Wijzigingen die op u wachten');
  });
});
