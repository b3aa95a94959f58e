import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditEntry } from '../../../server/audit/audit-log.js';
import { openAccount, postTransaction } from '../../../server/ledger/ledger.js';
import { lookUp } from '../../../server/portal/i18n.js';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../../server/portal/pages/admin/audit-view.js';
import { createActor, type Actor } from '../../support/actors.js';
import { createCentre } from '../../support/centre-factory.js';
import { lbcCitizen } from '../../support/voucher-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, page, signIn, textOf, type Agent } from '../../support/pages.js';

const signedInAs = async (h: Harness, actor: Actor): Promise<Agent> => {
  const agent = agentOf(h);
  expect((await signIn(agent, actor.principal.email, actor.password)).status).to.equal(303);
  return agent;
};

/** The log's rows: when, who, and what (the action, the record and what changed). */
const rowsOf = (html: string) =>
  page(html)
    .querySelectorAll('#entries tbody tr')
    .map((row) => ({
      id: row.getAttribute('id'),
      who: textOf(row.querySelectorAll('td')[0]),
      what: textOf(row.querySelectorAll('td')[1]),
    }));

/** Today's date (UTC, as the database stamps entries) as the filter's three fields for `from` and `to`. */
function todayFields(shiftYears = 0) {
  const [year, month, day] = new Date().toISOString().slice(0, 10).split('-');
  const shifted = String(Number(year) + shiftYears);
  return { 'from-day': day!, 'from-month': month!, 'from-year': shifted, 'to-day': day!, 'to-month': month!, 'to-year': shifted };
}

describe('Administration portal: the audit log, its CSV export and the ledger transactions, for administrators and auditors', () => {
  let h: Harness;
  let admin: Actor;
  let auditor: Actor;
  const record = (entry: Omit<AuditEntry, 'actor'> & { actor?: AuditEntry['actor'] }) =>
    h.sequelize.transaction((t) => recordAudit(h.sequelize, t, { actor: admin.principal, ...entry }));

  before(async () => {
    h = harness();
    admin = await createActor(h, 'admin');
    auditor = await createActor(h, 'auditor');
  });

  it('when an administrator filters the log by record, who, what and when, then the matching entries show newest first with their fields before and after, in English and Dutch', async () => {
    const entityId = `course-${randomUUID()}`;
    const other = await createActor(h, 'admin');
    await record({ action: 'course.propose', entityType: 'course', entityId, before: null, after: { title: 'Welding', price: '120.00' } });
    await record({
      actor: other.principal,
      action: 'course.approve',
      entityType: 'course',
      entityId,
      before: { status: 'pending', tags: ['a', 'b'], nested: { ok: false } },
      after: {
        status: 'approved',
        tags: ['a', 'b'],
        nested: { ok: true },
        fingerprint: `hmac-sha256:${'a'.repeat(64)}`,
        lines: [{ hours: 1.5 }],
        empty: {},
      },
    });
    const agent = await signedInAs(h, admin);
    const res = await agent.get('/admin/audit').query({ entityType: 'course', entityId }).expect(200);
    const shown = page(res.text);
    expect(shown.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(shown.querySelector('title'))).to.equal('Audit log – Learning Accounts');
    expect(shown.querySelector('.govuk-service-navigation a[href="/admin/audit"]')).to.not.equal(null);
    const rows = rowsOf(res.text);
    expect(rows.map((row) => row.who)).to.deep.equal([other.principal.email, admin.principal.email]);
    expect(rows[0]!.what).to.include('Course approved').and.include(`Course ${entityId}`);
    const changes = shown
      .querySelectorAll('#entries tbody tr')[0]!
      .querySelectorAll('.govuk-summary-list__row')
      .map((row) => textOf(row));
    expect(changes).to.deep.equal([
      'empty Before: none After: none',
      'fingerprint Before: none After: recorded as a fingerprint (not readable)',
      'lines.1.hours Before: none After: 1.5',
      'nested.ok Before: no After: yes',
      'status Before: pending After: approved',
      'tags Before: a, b After: a, b',
    ]);
    expect(res.text).to.not.include('{&quot;').and.not.include('{"status"');

    const byWho = await agent.get('/admin/audit').query({ entityId, who: other.principal.email.toUpperCase() }).expect(200);
    expect(rowsOf(byWho.text).map((row) => row.who)).to.deep.equal([other.principal.email]);
    const byId = await agent.get('/admin/audit').query({ entityId, who: admin.principal.userId }).expect(200);
    expect(rowsOf(byId.text).map((row) => row.who)).to.deep.equal([admin.principal.email]);
    const byWhat = await agent.get('/admin/audit').query({ entityId, action: 'course.propose' }).expect(200);
    expect(rowsOf(byWhat.text).map((row) => row.what.slice(0, 15))).to.deep.equal(['Course proposed']);
    expect(
      rowsOf(
        (
          await agent
            .get('/admin/audit')
            .query({ entityId, ...todayFields() })
            .expect(200)
        ).text,
      ),
    ).to.have.length(2);
    expect(
      rowsOf(
        (
          await agent
            .get('/admin/audit')
            .query({ entityId, ...todayFields(1) })
            .expect(200)
        ).text,
      ),
    ).to.have.length(0);
    expect(rowsOf((await agent.get('/admin/audit').query({ entityId, entityType: 'voucher' }).expect(200)).text)).to.have.length(0);

    const dutch = page((await agent.get('/admin/audit').query({ entityId }).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Auditlog');
    expect(textOf(dutch.querySelector('#entries')))
      .to.include('Opleiding goedgekeurd')
      .and.include('Voor: pending');
  });

  it('when the dates are not real or the wrong way round, or a choice is not on the list, then the error summary names each field and no entry is listed', async () => {
    const agent = await signedInAs(h, admin);
    const bad = page(
      (
        await agent
          .get('/admin/audit')
          .query({ ...todayFields(), 'from-day': '30', 'from-month': '2', 'to-year': '0000', action: 'drop.tables', entityType: 'secret' })
          .expect(400)
      ).text,
    );
    expect(bad.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal([
      '#action',
      '#from-day',
      '#to-day',
      '#entityType',
    ]);
    expect(bad.querySelectorAll('#entries')).to.have.length(0);
    expect(bad.querySelector('#from-day')?.getAttribute('value')).to.equal('30');
    const long = page(
      (
        await agent
          .get('/admin/audit')
          .query({ entityId: 'x'.repeat(101) })
          .expect(400)
      ).text,
    );
    expect(long.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal(['#entityId']);
    const backwards = page((await agent.get('/admin/audit').query(todayFields()).query({ 'from-year': '2999' }).expect(400)).text);
    expect(textOf(backwards.querySelector('.govuk-error-summary'))).to.include('To must be the same as or after From');
    const dutch = page(
      (
        await agent
          .get('/admin/audit')
          .query({ 'from-day': '99', 'from-month': '1', 'from-year': '2026' })
          .set('Cookie', 'lang=nl')
          .expect(400)
      ).text,
    );
    expect(textOf(dutch.querySelector('.govuk-error-summary'))).to.include('Vul bij Van een bestaande datum in');
    await agent.get('/admin/audit/export').query({ 'to-day': '1' }).expect(400);
  });

  it('when more entries match than fit a page, then older and newer pages follow each other without a gap or a repeat', async () => {
    const entityId = `paged-${randomUUID()}`;
    for (let n = 0; n < 27; n++)
      await record({ action: 'programme.opened', entityType: 'programme', entityId, before: null, after: { n } });
    const agent = await signedInAs(h, admin);
    const first = await agent.get('/admin/audit').query({ entityId }).expect(200);
    const firstRows = rowsOf(first.text);
    expect(firstRows).to.have.length(25);
    const nav = page(first.text).querySelector('.govuk-pagination');
    expect(nav?.querySelector('.govuk-pagination__prev')).to.equal(null);
    const older = await agent.get(nav!.querySelector('.govuk-pagination__next a')!.getAttribute('href')!).expect(200);
    const olderRows = rowsOf(older.text);
    expect(olderRows).to.have.length(2);
    expect(textOf(page(older.text).querySelector('.govuk-pagination__next'))).to.equal('');
    const ids = [...firstRows, ...olderRows].map((row) => Number(row.id!.slice('entry-'.length)));
    expect(ids).to.deep.equal([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).to.equal(27);
    const newer = await agent.get(page(older.text).querySelector('.govuk-pagination__prev a')!.getAttribute('href')!).expect(200);
    expect(rowsOf(newer.text).map((row) => row.id)).to.deep.equal(firstRows.map((row) => row.id));
  });

  it('when the filtered entries are exported, then the CSV is RFC 4180 with a header, every matching entry (one done for a citizen at the counter naming both), and cells a spreadsheet would run kept as text', async () => {
    const entityId = `=HYPERLINK("http://evil.example","x")-${randomUUID()}`;
    // An administrator at the counter, acting for a citizen who is present (assisted digital).
    const citizen = await lbcCitizen(h);
    await record({
      actor: {
        ...citizen.actor.principal,
        assistedBy: { userId: admin.principal.userId, email: admin.principal.email, sessionId: randomUUID() },
      },
      action: 'contest.open',
      entityType: 'course',
      entityId,
      before: null,
      after: null,
    });
    await record({
      action: 'course.edit',
      entityType: 'course',
      entityId,
      before: { title: 'A, "quoted" title' },
      after: { title: '+cmd|calc' },
    });
    await record({ action: 'course.edit', entityType: 'course', entityId: `other-${randomUUID()}`, before: null, after: null });
    const agent = await signedInAs(h, auditor);
    const list = page((await agent.get('/admin/audit').query({ entityId }).expect(200)).text);
    expect(list.querySelector('a[download]')?.getAttribute('href')).to.equal(
      `/admin/audit/export?${new URLSearchParams({ entityId }).toString()}`,
    );
    const res = await agent.get(list.querySelector('a[download]')!.getAttribute('href')!).expect(200);
    expect(res.headers['content-type']).to.equal('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="?audit-log-\d{4}-\d{2}-\d{2}\.csv"?$/);
    expect(res.text.startsWith('\uFEFF')).to.equal(true);
    const lines = res.text.slice(1).split('\r\n');
    expect(lines.at(-1)).to.equal('');
    expect(lines[0]).to.equal(
      'id,at,actor_role,actor_id,actor_email,on_behalf_of_id,on_behalf_of_email,action,entity_type,entity_id,before,after,request_id',
    );
    expect(lines).to.have.length(4);
    const line = lines[1]!;
    expect(line).to.match(/^\d+,\d{4}-\d{2}-\d{2}T[\d:.]+Z,admin,/);
    expect(line).to.include(`,${admin.principal.userId},${admin.principal.email},,,course.edit,course,`);
    expect(lines[2]).to.include(
      `,admin,${admin.principal.userId},${admin.principal.email},${citizen.actor.principal.userId},${citizen.actor.principal.email},contest.open,`,
    );
    const shown = page((await agent.get('/admin/audit').query({ entityId, action: 'contest.open' }).expect(200)).text);
    expect(textOf(shown.querySelector('#entries tbody td'))).to.equal(
      `${admin.principal.email} on behalf of ${citizen.actor.principal.email}`,
    );
    expect(line).to.include(`"'=HYPERLINK(""http://evil.example"",""x"")-`);
    expect(line).to.include('"{""title"":""A, \\""quoted\\"" title""}"');
    expect(line).to.include('"{""title"":""+cmd|calc""}"');
  });

  it('when an entry names a ledger transaction, then it links to the transaction, whose entries show debits and credits with their currency balancing, each account leading to its entries', async () => {
    const owner = randomUUID();
    const from = await openAccount(h.sequelize, {
      ownerType: 'audit_test_budget',
      ownerId: owner,
      programmeCode: null,
      unit: 'EUR',
      mayGoNegative: true,
    });
    const to = await openAccount(h.sequelize, {
      ownerType: 'audit_test_centre',
      ownerId: owner,
      programmeCode: null,
      unit: 'EUR',
      mayGoNegative: false,
    });
    const posted = await postTransaction(h.sequelize, {
      kind: 'settle',
      businessDate: '2026-12-04',
      metadata: { statementId: owner, note: 'audit page test' },
      entries: [
        { accountId: from, amount: new Decimal('-1234.50') },
        { accountId: to, amount: new Decimal('1234.50') },
      ],
    });
    const entityId = `statement-${randomUUID()}`;
    await record({
      action: 'statement.paid',
      entityType: 'statement',
      entityId,
      before: null,
      after: { transactionId: posted.transactionId },
    });
    const agent = await signedInAs(h, auditor);
    const log = page((await agent.get('/admin/audit').query({ entityId }).expect(200)).text);
    const link = log.querySelector(`#entries a[href="/admin/ledger/transactions/${posted.transactionId}"]`);
    expect(link).to.not.equal(null);

    const shown = page((await agent.get(link!.getAttribute('href')!).expect(200)).text);
    expect(shown.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(shown.querySelector('title'))).to.equal('Ledger transaction – Learning Accounts');
    expect(textOf(shown.querySelector('.govuk-summary-list')))
      .to.include('settle')
      .and.include('4 December 2026')
      .and.include('audit page test');
    const entries = shown.querySelectorAll('#entries tbody tr').map((row) => row.querySelectorAll('th, td').map((cell) => textOf(cell)));
    expect(entries).to.deep.equal([
      [`audit_test_budget ${owner}`, 'EUR 1,234.50', '', 'EUR -1,234.50'],
      [`audit_test_centre ${owner}`, '', 'EUR 1,234.50', 'EUR 1,234.50'],
    ]);
    expect(textOf(shown.querySelector('#total-EUR'))).to.equal('Total (EUR) EUR 1,234.50 EUR 1,234.50 Balanced');
    const dutch = page((await agent.get(link!.getAttribute('href')!).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('#total-EUR'))).to.equal('Totaal (EUR) EUR 1.234,50 EUR 1.234,50 In evenwicht');

    const account = page((await agent.get(`/admin/ledger/accounts/${to}`).expect(200)).text);
    expect(textOf(account.querySelector('.govuk-summary-list'))).to.include('EUR 1,234.50');
    expect(account.querySelector(`#entries a[href="/admin/ledger/transactions/${posted.transactionId}"]`)).to.not.equal(null);
    await agent.get(`/admin/ledger/transactions/${randomUUID()}`).expect(404);
    await agent.get('/admin/ledger/transactions/not-an-id').expect(404);
    await agent.get(`/admin/ledger/accounts/${randomUUID()}`).expect(404);
  });

  it('when an auditor reads the log and a transaction, then there is no form that changes anything; a citizen and centre staff get the portal 404', async () => {
    const auditorAgent = await signedInAs(h, auditor);
    for (const path of ['/admin/audit', `/admin/audit?entityType=course`]) {
      const shown = page((await auditorAgent.get(path).expect(200)).text);
      const posts = shown.querySelectorAll('form').filter((form) => (form.getAttribute('method') ?? 'get').toLowerCase() === 'post');
      expect(posts.map((form) => form.getAttribute('action'))).to.deep.equal(['/logout']);
    }
    const citizen = await lbcCitizen(h);
    const centre = await createCentre(h);
    for (const actor of [citizen.actor, centre.staff]) {
      const agent = await signedInAs(h, actor);
      for (const path of [
        '/admin/audit',
        '/admin/audit/export',
        `/admin/ledger/transactions/${randomUUID()}`,
        `/admin/ledger/accounts/${randomUUID()}`,
      ]) {
        const res = await agent.get(path).expect(404);
        expect(textOf(page(res.text).querySelector('h1'))).to.equal('Page not found');
      }
    }
  });

  it('when the filter offers an action or a kind of record, then both languages name it', () => {
    const missing = [
      ...AUDIT_ACTIONS.map((action) => `adminAudit.actions.${action.replace(/\./g, '_')}`),
      ...AUDIT_ENTITY_TYPES.map((type) => `adminAudit.entities.${type}`),
    ].filter((key) => !lookUp('en', key) || !lookUp('nl', key));
    expect(missing).to.deep.equal([]);
  });
});
