import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../server/audit/audit-log.js';
import { queryRows } from '../../../server/db/database.js';
import { createCitizen, validNrn } from '../../support/citizen-factory.js';
import { createActor } from '../../support/actors.js';
import { buildHarness, harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf, type Agent } from '../../support/pages.js';
import { outsiders, signedIn, staffOf } from './admin-pages-support.js';

type AuditRow = {
  action: string;
  actor_id: string;
  actor_role: string;
  on_behalf_of: string | null;
  entity_id: string;
  after: Record<string, unknown>;
};

const sessionsOf = (h: Harness, staffUserId: string) =>
  queryRows<{ id: string; citizen_id: string; consent: string; ended_at: Date | null }>(
    h.sequelize,
    `SELECT id, citizen_id, consent, ended_at FROM assisted_sessions WHERE staff_user_id = $1 ORDER BY started_at`,
    [staffUserId],
  );

const auditOf = (h: Harness, sessionId: string) =>
  queryRows<AuditRow>(
    h.sequelize,
    `SELECT action, actor_id, actor_role, on_behalf_of, entity_id, after FROM audit_log
      WHERE entity_type = 'assisted_session' AND entity_id = $1 ORDER BY id`,
    [sessionId],
  );

/** Posts the start form with its CSRF token; answers the response, checked to have `status`. */
async function start(agent: Agent, form: Record<string, string>, status: number) {
  const blank = await agent.get('/admin/assisted').expect(200);
  return agent
    .post('/admin/assisted')
    .type('form')
    .send({ _csrf: csrfOf(blank.text), ...form })
    .expect(status);
}

const CONSENT = { consent: 'in_person_identity_checked', consentNote: 'Identity card checked at the Ghent counter.' };

describe('Admin portal: assisted digital, acting for a citizen at the counter', () => {
  it('when an administrator sends the form empty, with a malformed or an unknown number, then the error summary names the field and no session starts', async () => {
    const h = harness();
    const admin = await staffOf(h, 'admin');
    const empty = page((await start(admin.agent, {}, 400)).text);
    expect(empty.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal([
      '#nationalId',
      '#consent',
      '#consentNote',
    ]);
    expect(textOf(empty.querySelector('title'))).to.match(/^Error: /);
    const malformed = page((await start(admin.agent, { nationalId: '12345', ...CONSENT }, 400)).text);
    expect(textOf(malformed.querySelector('.govuk-error-summary'))).to.include(
      'Enter the national number as it is on the identity document',
    );
    const unknown = page((await start(admin.agent, { nationalId: validNrn(), ...CONSENT }, 422)).text);
    expect(textOf(unknown.querySelector('#nationalId-error'))).to.include('No citizen is registered with this national number');
    expect(await sessionsOf(h, admin.actor.principal.userId)).to.deep.equal([]);
  });

  it('when an administrator starts with the consent recorded, then they act as the citizen under a banner, each page is audited on behalf of the citizen, and ending it makes them themselves again', async () => {
    const h = harness();
    const admin = await staffOf(h, 'admin');
    const citizen = await createCitizen(h, { name: 'Mieke Janssens' });
    const started = await start(admin.agent, { nationalId: citizen.nationalId, ...CONSENT }, 303);
    expect(started.headers.location).to.equal('/citizen');
    const [session] = await sessionsOf(h, admin.actor.principal.userId);
    expect(session).to.include({ citizen_id: citizen.id, consent: 'in_person_identity_checked', ended_at: null });

    const home = page((await admin.agent.get('/citizen').expect(200)).text);
    expect(textOf(home.querySelector('.govuk-notification-banner'))).to.include('You are acting for Mieke Janssens');
    expect(textOf(home.querySelector('main'))).to.include(citizen.email);
    await admin.agent.get('/citizen/eligibility').expect(200);
    // Acting as the citizen, the administrator's own pages do not exist.
    await admin.agent.get('/admin/assisted').expect(404);

    const rows = await auditOf(h, session!.id);
    expect(rows.map((row) => [row.action, row.after.page ?? null])).to.deep.equal([
      ['assisted_session.start', null],
      ['assisted_session.request', '/citizen'],
      ['assisted_session.request', '/citizen/eligibility'],
    ]);
    expect(rows[0]).to.include({ actor_id: admin.actor.principal.userId, on_behalf_of: null });
    expect(rows[0]!.after).to.deep.equal({
      citizenId: citizen.id,
      consent: 'in_person_identity_checked',
      expiresAt: rows[0]!.after.expiresAt,
    });
    for (const row of rows.slice(1))
      expect(row).to.include({ actor_id: admin.actor.principal.userId, actor_role: 'admin', on_behalf_of: citizen.actor.principal.userId });

    const citizenHome = await admin.agent.get('/citizen').expect(200);
    const ended = await admin.agent
      .post('/assisted/end')
      .type('form')
      .send({ _csrf: csrfOf(citizenHome.text) })
      .expect(303);
    expect(ended.headers.location).to.equal('/admin/assisted?ended=1');
    const back = page((await admin.agent.get('/admin/assisted?ended=1').expect(200)).text);
    expect(textOf(back.querySelector('.govuk-notification-banner'))).to.include('You are no longer acting for the citizen.');
    await admin.agent.get('/citizen').expect(404);
    expect((await sessionsOf(h, admin.actor.principal.userId))[0]!.ended_at).to.be.instanceOf(Date);
    expect((await auditOf(h, session!.id)).map((row) => row.action)).to.include('assisted_session.end');
  });

  it('when the session runs past its time, then the administrator is themselves again; signing out while acting ends the session', async () => {
    const h = buildHarness({ ASSISTED_SESSION_MINUTES: '5' });
    h.clock.set('2026-12-05T09:00:00Z');
    const admin = await staffOf(h, 'admin');
    const citizen = await createCitizen(h);
    await start(admin.agent, { nationalId: citizen.nationalId, ...CONSENT }, 303);
    const banner = page((await admin.agent.get('/citizen').expect(200)).text);
    expect(textOf(banner.querySelector('.govuk-notification-banner'))).to.include('ends at 09:05 (UTC) at the latest');
    h.clock.set('2026-12-05T09:05:01Z');
    await admin.agent.get('/citizen').expect(404);
    await admin.agent.get('/admin/assisted').expect(200);

    await start(admin.agent, { nationalId: citizen.nationalId, ...CONSENT }, 303);
    const acting = await admin.agent.get('/citizen').expect(200);
    await admin.agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf(acting.text) })
      .expect(303);
    const sessions = await sessionsOf(h, admin.actor.principal.userId);
    expect(sessions.map((session) => session.ended_at === null)).to.deep.equal([true, false]);
  });

  it('when acting for a citizen, then their sign-in history is read but their other sessions cannot be ended', async () => {
    const h = harness();
    const admin = await staffOf(h, 'admin');
    const citizen = await createCitizen(h);
    const own = await signedIn(h, { email: citizen.email, password: citizen.actor.password });
    await start(admin.agent, { nationalId: citizen.nationalId, ...CONSENT }, 303);
    const history = await admin.agent.get('/citizen/sign-ins').expect(200);
    expect(page(history.text).querySelector('form[action="/citizen/sign-ins/end-others"]')).to.equal(null);
    await admin.agent
      .post('/citizen/sign-ins/end-others')
      .type('form')
      .send({ _csrf: csrfOf(history.text) })
      .expect(404);
    await own.get('/citizen').expect(200);
    await admin.agent.get('/citizen').expect(200);
  });

  it('when an auditor, a citizen or a centre asks, then the page does not exist for them; a POST without its CSRF token is refused; it speaks Dutch', async () => {
    const h = harness();
    const auditor = await staffOf(h, 'auditor');
    await auditor.agent.get('/admin/assisted').expect(404);
    for (const agent of await outsiders(h)) await agent.get('/admin/assisted').expect(404);
    const admin = await staffOf(h, 'admin');
    const citizen = await createCitizen(h);
    await admin.agent
      .post('/admin/assisted')
      .type('form')
      .send({ nationalId: citizen.nationalId, ...CONSENT })
      .expect(403);
    expect(await sessionsOf(h, admin.actor.principal.userId)).to.deep.equal([]);
    const form = await admin.agent.get('/admin/assisted').expect(200);
    await admin.agent
      .post('/assisted/end')
      .type('form')
      .send({ _csrf: csrfOf(form.text) })
      .expect(404);
    const dutch = page((await admin.agent.get('/admin/assisted').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Een burger aan het loket helpen');
  });

  it('when a service audits what an administrator did for the citizen, then the entry names the administrator, on behalf of the citizen, also in GET /v1/audit', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const citizen = await createCitizen(h);
    const entityId = randomUUID();
    const acting = {
      ...citizen.actor.principal,
      assistedBy: { userId: admin.principal.userId, email: admin.principal.email, sessionId: randomUUID() },
    };
    await h.sequelize.transaction((transaction) =>
      recordAudit(h.sequelize, transaction, {
        actor: acting,
        action: 'application.cancelled',
        entityType: 'application',
        entityId,
        before: null,
        after: null,
      }),
    );
    const auditor = await createActor(h, 'auditor');
    const [entry] = (await h.http.get(`/v1/audit?entityType=application&entityId=${entityId}`).set(auditor.auth).expect(200)).body.items;
    expect(entry.actor).to.deep.equal({ id: admin.principal.userId, role: 'admin', email: admin.principal.email });
    expect(entry.onBehalfOf).to.deep.equal({ id: citizen.actor.principal.userId, email: citizen.email });
  });
});
