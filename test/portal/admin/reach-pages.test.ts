import { expect } from 'chai';
import { harness, type Harness } from '../../support/harness.js';
import { setToday } from '../../support/voucher-factory.js';
import { page, textOf } from '../../support/pages.js';
import {
  buildMonitoringWorld,
  buildReachWorld,
  PERIOD,
  type MonitoringWorld,
  type ReachWorld,
} from '../../oversight/oversight-fixtures.js';
import { changeForms, outsiders, staffOf, type Staff } from './admin-pages-support.js';

const TODAY = '2026-12-01';

const periodQuery = (from: string, to: string, programme?: string) => {
  const [fy, fm, fd] = from.split('-');
  const [ty, tm, td] = to.split('-');
  return {
    ...(programme ? { programme } : {}),
    'from-day': fd,
    'from-month': fm,
    'from-year': fy,
    'to-day': td,
    'to-month': tm,
    'to-year': ty,
  };
};

/** A table's body rows as [row header, ...cells] texts. */
const rowsOf = (html: string, selector: string) =>
  page(html)
    .querySelectorAll(`${selector} tbody tr`)
    .map((row) => [textOf(row.querySelector('th')), ...row.querySelectorAll('td').map((cell) => textOf(cell))]);

describe('Administration portal: reach and centre monitoring, for administrators and auditors', () => {
  let h: Harness;
  let reach: ReachWorld;
  let monitoring: MonitoringWorld;
  let admin: Staff;
  let auditor: Staff;

  // Sessions are timed on the service's clock: every test runs on the day its agents signed in.
  beforeEach(() => setToday(h, TODAY));

  before(async function () {
    this.timeout(180_000);
    h = harness();
    reach = await buildReachWorld(h);
    monitoring = await buildMonitoringWorld(h);
    setToday(h, TODAY);
    admin = await staffOf(h, 'admin');
    auditor = await staffOf(h, 'auditor');
  });

  it('when an administrator asks for the reach of a programme in a period, then each table shows the counts with small groups withheld, in English and Dutch', async () => {
    const query = periodQuery(PERIOD.from, PERIOD.to, reach.programme.code);
    const res = await admin.agent.get('/admin/reach').query(query).expect(200);
    const html = page(res.text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('title'))).to.include('Who a programme reaches');
    expect(textOf(html.querySelector('#reach-sex caption'))).to.equal('Sex');
    expect(html.querySelectorAll('#reach-sex th[scope="col"]')).to.have.length(6);
    const sex = rowsOf(res.text, '#reach-sex');
    // Women: 10 eligible, all claimed (100%), 2 used; men: 19 eligible, 2 claimed (fewer than 10) so women's claims are hidden.
    expect(sex.find((row) => row[0] === 'Female')).to.deep.equal(['Female', '10', 'hidden', 'n/a', 'fewer than 10', 'n/a']);
    expect(sex.find((row) => row[0] === 'Male')).to.deep.equal(['Male', '19', 'fewer than 10', 'n/a', 'fewer than 10', 'n/a']);
    expect(sex.find((row) => row[0] === 'Total')).to.deep.equal(['Total', '29', '12', '41%', 'fewer than 10', 'n/a']);
    const region = rowsOf(res.text, '#reach-region');
    expect(region.find((row) => row[0] === 'Brussels')?.[1]).to.equal('fewer than 10');
    expect(region.find((row) => row[0] === 'Flanders')?.[1]).to.equal('hidden');
    expect(textOf(html.querySelector('main'))).to.include('fewer than 10 people is never shown');

    const dutch = await admin.agent.get('/admin/reach').query(query).set('Cookie', 'lang=nl').expect(200);
    const dutchSex = rowsOf(dutch.text, '#reach-sex');
    expect(dutchSex.find((row) => row[0] === 'Vrouw')).to.deep.equal(['Vrouw', '10', 'verborgen', 'n.v.t.', 'minder dan 10', 'n.v.t.']);
    expect(textOf(page(dutch.text).querySelector('h1'))).to.equal('Wie een programma bereikt');
  });

  it('when an administrator asks for centre monitoring, then each centre of the period shows its hours, disputes, closed cheques and times', async () => {
    const query = periodQuery('2026-03-01', '2026-03-31', monitoring.programme.code);
    const res = await admin.agent.get('/admin/monitoring').query(query).expect(200);
    const html = page(res.text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('#centres caption'))).to.equal(
      'Centres with sessions or closed cheques from 1 March 2026 to 31 March 2026',
    );
    const rows = rowsOf(res.text, '#centres');
    expect(rows).to.deep.equal([
      [monitoring.centres[0]!.name, '5.5', '5', '1', '20%', '2', '2.25', '7.5'],
      [monitoring.centres[1]!.name, '1', '1', '0', '0%', '0', 'n/a', 'n/a'],
    ]);
    const dutch = await admin.agent.get('/admin/monitoring').query(query).set('Cookie', 'lang=nl').expect(200);
    expect(rowsOf(dutch.text, '#centres')[0]).to.deep.equal([monitoring.centres[0]!.name, '5,5', '5', '1', '20%', '2', '2,25', '7,5']);
    // A day with a close and no session: no share of disputes to give.
    const closeOnly = await admin.agent
      .get('/admin/monitoring')
      .query(periodQuery('2026-03-13', '2026-03-13', monitoring.programme.code))
      .expect(200);
    expect(rowsOf(closeOnly.text, '#centres')).to.deep.equal([[monitoring.centres[0]!.name, '0', '0', '0', 'n/a', '1', '2.5', '11']]);
    // The second page of the API's cursor, with a way back to the first.
    const firstPage = await h.http
      .get('/v1/monitoring/centres')
      .query({ from: '2026-03-01', to: '2026-03-31', programme: monitoring.programme.code, limit: 1 })
      .set(admin.actor.auth);
    const second = await admin.agent
      .get('/admin/monitoring')
      .query({ ...query, cursor: firstPage.body.nextCursor as string })
      .expect(200);
    expect(rowsOf(second.text, '#centres').map((row) => row[0])).to.deep.equal([monitoring.centres[1]!.name]);
    expect(page(second.text).querySelector('.govuk-pagination__prev a')?.getAttribute('href')).to.not.include('cursor');
    const none = await admin.agent
      .get('/admin/monitoring')
      .query(periodQuery('2026-01-01', '2026-01-31', monitoring.programme.code))
      .expect(200);
    expect(textOf(page(none.text).querySelector('#no-centres'))).to.include('No centre recorded a session');
  });

  it('when the period is not a real date or ends before it starts, then the error summary names the field, and nothing is counted', async () => {
    const bad = await admin.agent
      .get('/admin/reach')
      .query({ ...periodQuery(PERIOD.from, PERIOD.to, reach.programme.code), 'from-day': '31', 'from-month': '2' })
      .expect(400);
    const html = page(bad.text);
    expect(textOf(html.querySelector('title'))).to.match(/^Error:/);
    expect(html.querySelector('.govuk-error-summary a[href="#from-day"]')).to.not.equal(null);
    expect(html.querySelector('#reach-sex')).to.equal(null);
    const backwards = await admin.agent.get('/admin/monitoring').query(periodQuery('2026-03-31', '2026-03-01')).expect(400);
    expect(textOf(page(backwards.text).querySelector('.govuk-error-summary a[href="#to-day"]'))).to.equal(
      'The last day must be the same as or after the first day',
    );
    const unknown = await admin.agent
      .get('/admin/reach')
      .query(periodQuery(PERIOD.from, PERIOD.to, 'QNOSUCHX'))
      .set('Cookie', 'lang=nl')
      .expect(400);
    expect(textOf(page(unknown.text).querySelector('.govuk-error-summary a[href="#programme"]'))).to.equal('Kies een programma');
    const tooLong = await admin.agent
      .get('/admin/reach')
      .query(periodQuery('2000-01-01', '2026-01-01', reach.programme.code))
      .expect(400);
    expect(textOf(page(tooLong.text).querySelector('.govuk-error-summary a[href="#to-day"]'))).to.equal(
      'The period must be 10 years or shorter',
    );
    // A page cursor the list never issued: no such page.
    expect((await admin.agent.get('/admin/monitoring').query({ cursor: 'not-a-cursor' })).status).to.equal(404);
  });

  it('when no period is given, then this year up to today is shown', async () => {
    const res = await admin.agent.get('/admin/monitoring').expect(200);
    const html = page(res.text);
    expect(html.querySelector('input[name="from-day"]')?.getAttribute('value')).to.equal('1');
    expect(html.querySelector('input[name="from-year"]')?.getAttribute('value')).to.equal('2026');
    expect((await admin.agent.get('/admin/reach').expect(200)).status).to.equal(200);
  });

  it('when an auditor reads both pages, then they show the same and no form that changes anything; a citizen and centre staff get the portal 404', async () => {
    for (const path of ['/admin/reach', '/admin/monitoring']) {
      const res = await auditor.agent
        .get(path)
        .query(periodQuery(PERIOD.from, PERIOD.to, reach.programme.code))
        .expect(200);
      expect(changeForms(page(res.text))).to.have.length(0);
      expect(page(res.text).querySelector(`nav a[href="${path}"]`)).to.not.equal(null);
    }
    for (const agent of await outsiders(h)) {
      for (const path of ['/admin/reach', '/admin/monitoring']) expect((await agent.get(path)).status).to.equal(404);
    }
  });
});
