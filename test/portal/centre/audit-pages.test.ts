import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createActor, type Actor } from '../../support/actors.js';
import { recordAudit } from '../../../server/audit/audit-log.js';
import { queryRows } from '../../../server/db/database.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import { submit } from './centre-pages-support.js';
import {
  guidance,
  lbcCitizen,
  openVoucherProgramme,
  recordSession,
  setToday,
  type VoucherProgramme,
} from '../../support/voucher-factory.js';

const TODAY = '2091-04-02';

const signedInAs = async (h: Harness, actor: Actor): Promise<Agent> => {
  const agent = agentOf(h);
  expect((await signIn(agent, actor.principal.email, actor.password)).status).to.equal(303);
  return agent;
};

/** The rows of the trail: who, and what (the action with the record it touched and what changed). */
const rowsOf = (html: string) =>
  page(html)
    .querySelectorAll('#entries tbody tr')
    .map((row) => ({ who: textOf(row.querySelectorAll('td')[0]), what: textOf(row.querySelectorAll('td')[1]) }));

describe("Centre portal: a centre administrator's own audit trail", () => {
  let h: Harness;
  let programme: VoucherProgramme;
  let admin: Actor;

  /** A centre with a cheque registered and a session recorded there, its factory-made login marked its administrator. */
  async function busyCentre() {
    const { centre, cheque } = await programme.chequeInUse();
    expect((await recordSession(h, centre, cheque.code, guidance(TODAY))).status).to.equal(201);
    await h.http
      .put(`/v1/centres/${centre.id}/staff/${centre.staff.principal.userId}/centre-admin`)
      .set(admin.auth)
      .send({ centreAdmin: true })
      .expect(200);
    return { centre, cheque };
  }

  /** The centre's administrator adds a staff member through the portal (the API lets only the service's administrators). */
  const addStaff = async (agent: Agent) => {
    const email = `staff-${randomUUID().slice(0, 8)}@centre.example`;
    const res = await submit(agent, '/centre/staff/new', '/centre/staff/new', { name: 'Noor', email, password: 'a long enough password' });
    expect(res.status).to.equal(303);
    const [user] = await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM users WHERE email = $1`, [email]);
    return { id: user!.id, email };
  };

  before(async () => {
    h = harness();
    programme = await openVoucherProgramme(h, TODAY);
    admin = programme.admin;
  });
  beforeEach(() => setToday(h, TODAY));
  after(() => h.clock.set(new Date()));

  it("when a centre's administrator opens the trail, then it shows every action for the centre, by whom, newest first, never another centre's, nor a cheque's code or client number", async () => {
    const { centre, cheque } = await busyCentre();
    const other = await busyCentre();
    const agent = await signedInAs(h, centre.staff);
    const otherAdded = await addStaff(await signedInAs(h, other.centre.staff));
    const added = await addStaff(agent);
    const res = await agent.get('/centre/audit').expect(200);
    const shown = page(res.text);
    expect(shown.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(shown.querySelector('title'))).to.equal('Audit trail – Learning Accounts');
    expect(shown.querySelector('.govuk-service-navigation a[href="/centre/audit"]')).to.not.equal(null);
    const rows = rowsOf(res.text);
    const actions = ['Staff member added', 'Made centre administrator', 'Session recorded', 'Cheque registered'];
    expect(rows).to.have.length(actions.length);
    rows.forEach((row, index) => expect(row.what.startsWith(actions[index]!), row.what).to.equal(true));
    expect(rows[0]).to.deep.include({ who: centre.staff.principal.email });
    expect(rows[0]!.what).to.include(added.id).and.include(added.email);
    // The service's administrator is named by role, not by e-mail.
    expect(rows[1]!.who).to.equal('A service administrator');
    expect(rows[2]!.what).to.include('sessionDate').and.include(TODAY).and.not.include('An Peeters');
    const text = textOf(shown.querySelector('main'));
    for (const secret of [cheque.code, cheque.clientNumber, otherAdded.email, otherAdded.id, other.centre.staff.principal.email]) {
      expect(text).to.not.include(secret);
    }
    // The centre page links no ledger transaction (those pages are the administrators').
    expect(shown.querySelectorAll('a[href^="/admin/"]')).to.have.length(0);

    const dutch = page((await agent.get('/centre/audit').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Audittrail');
    expect(textOf(dutch.querySelector('#entries tbody')))
      .to.include('Medewerker toegevoegd')
      .and.include('Sessie geregistreerd');
  });

  it('when the administrator filters by who, what and when, then only the matching entries are shown, and a bad date or a stranger is named in the error summary', async () => {
    const { centre } = await busyCentre();
    const agent = await signedInAs(h, centre.staff);
    await addStaff(agent);
    const stranger = await createActor(h, 'centre', { centreId: (await programme.centre()).id });

    const byWhat = rowsOf((await agent.get('/centre/audit').query({ action: 'voucher.session.recorded' }).expect(200)).text);
    expect(byWhat).to.have.length(1);
    expect(byWhat[0]!.what).to.include('Session recorded');
    const byWho = rowsOf((await agent.get('/centre/audit').query({ who: centre.staff.principal.userId }).expect(200)).text);
    expect(byWho.map((row) => row.who)).to.deep.equal(Array(byWho.length).fill(centre.staff.principal.email));
    expect(byWho.length).to.equal(3);
    const [year, month, day] = new Date().toISOString().slice(0, 10).split('-');
    const today = { 'from-day': day!, 'from-month': month!, 'from-year': year!, 'to-day': day!, 'to-month': month!, 'to-year': year! };
    expect(rowsOf((await agent.get('/centre/audit').query(today).expect(200)).text)).to.have.length(4);
    const later = { ...today, 'from-year': String(Number(year) + 1), 'to-year': String(Number(year) + 1) };
    const none = page((await agent.get('/centre/audit').query(later).expect(200)).text);
    expect(none.querySelectorAll('#entries')).to.have.length(0);
    expect(textOf(none.querySelector('main'))).to.include('No entries match this filter.');

    const bad = page(
      (
        await agent
          .get('/centre/audit')
          .query({ ...today, 'from-day': '31', 'from-month': '2', who: stranger.principal.userId })
          .expect(400)
      ).text,
    );
    expect(bad.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal(['#who', '#from-day']);
    expect(textOf(bad.querySelector('title'))).to.match(/^Error:/);
    const backwards = page(
      (
        await agent
          .get('/centre/audit')
          .query({ ...today, 'to-year': String(Number(year) - 1) })
          .expect(400)
      ).text,
    );
    expect(textOf(backwards.querySelector('.govuk-error-summary'))).to.include('To must be the same as or after From');
  });

  it('when staff who are not its administrator, a citizen or a service administrator ask for the trail, then it is no page for them, and the navigation has no link', async () => {
    const { centre } = await busyCentre();
    const plain = await createActor(h, 'centre', { centreId: centre.id });
    const agent = await signedInAs(h, plain);
    const home = page((await agent.get('/centre').expect(200)).text);
    expect(home.querySelector('.govuk-service-navigation a[href="/centre/staff"]')).to.not.equal(null);
    expect(home.querySelector('a[href="/centre/audit"]')).to.equal(null);
    expect(textOf(page((await agent.get('/centre/audit').expect(404)).text).querySelector('h1'))).to.equal('Page not found');
    await (await signedInAs(h, admin)).get('/centre/audit').expect(404);
  });

  it('when a service administrator acted on the centre for a citizen at the counter, then the trail names the administrator by role and never the citizen', async () => {
    const { centre } = await busyCentre();
    const citizen = await lbcCitizen(h);
    await h.sequelize.transaction((t) =>
      recordAudit(h.sequelize, t, {
        actor: {
          ...citizen.actor.principal,
          assistedBy: { userId: admin.principal.userId, email: admin.principal.email, sessionId: randomUUID() },
        },
        action: 'centre.bank_account',
        entityType: 'centre',
        entityId: centre.id,
        before: null,
        after: null,
      }),
    );
    const shown = page(
      (await (await signedInAs(h, centre.staff)).get('/centre/audit').query({ action: 'centre.bank_account' }).expect(200)).text,
    );
    expect(rowsOf(shown.toString()).map((row) => row.who)).to.deep.equal(['A service administrator']);
    expect(textOf(shown.querySelector('main')))
      .to.not.include(citizen.actor.principal.email)
      .and.not.include(admin.principal.email);
  });
});
