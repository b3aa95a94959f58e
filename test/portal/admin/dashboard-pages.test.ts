import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { formatMoney } from '../../../server/portal/formats.js';
import { harness, type Harness } from '../../support/harness.js';
import { page, textOf } from '../../support/pages.js';
import { setToday } from '../../support/voucher-factory.js';
import {
  CLAIM_DAYS,
  dashboardHistory,
  FUNDING,
  PLACES_TARGET,
  TODAY,
  upTo,
  type DashboardHistory,
} from '../../dashboards/dashboard-fixture.js';
import { changeForms, outsiders, staffOf, type Staff } from './admin-pages-support.js';

const periodQuery = (from: string, to: string, interval = 'month') => {
  const [fy, fm, fd] = from.split('-');
  const [ty, tm, td] = to.split('-');
  return { 'from-day': fd, 'from-month': fm, 'from-year': fy, 'to-day': td, 'to-month': tm, 'to-year': ty, interval };
};

/** A table's body rows as [row header, ...cells] texts. */
const rowsOf = (html: string, selector: string) =>
  page(html)
    .querySelectorAll(`${selector} tbody tr`)
    .map((row) => [textOf(row.querySelector('th')), ...row.querySelectorAll('td').map((cell) => textOf(cell))]);

describe('Administration portal: a programme dashboard, for administrators and auditors', () => {
  let h: Harness;
  let history: DashboardHistory;
  let admin: Staff;
  let auditor: Staff;
  const path = () => `/admin/programmes/${history.code}/dashboard`;

  // Sessions are timed on the service's clock: every test runs on the day its agents signed in.
  beforeEach(() => setToday(h, TODAY));

  before(async function () {
    this.timeout(120_000);
    h = harness();
    history = await dashboardHistory(h);
    admin = await staffOf(h, 'admin');
    auditor = await staffOf(h, 'auditor');
  });
  after(() => h.clock.set(new Date()));

  it('when an administrator opens a dashboard for a period, then the budget table, the claims per day and the funnel show the figures counted in the test, beside their charts', async () => {
    const res = await admin.agent.get(path()).query(periodQuery('2091-01-01', '2091-03-31')).expect(200);
    const html = page(res.text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('title'))).to.contain('dashboard');
    const money = (amount: Decimal) => formatMoney(amount, 'EUR', 'en');
    const funded = new Decimal(FUNDING);
    expect(rowsOf(res.text, '#budget-table')).to.deep.equal(
      [
        ['2091-01-31', '31 January 2091'],
        ['2091-02-28', '28 February 2091'],
        ['2091-03-31', '31 March 2091'],
      ].map(([day, label]) => {
        const committed = upTo(history.grants, day!);
        return [label, money(funded), money(committed), money(upTo(history.paid, day!)), money(funded.minus(committed))];
      }),
    );
    expect(rowsOf(res.text, '#claims-table')).to.deep.equal([
      ['20 January 2091', String(CLAIM_DAYS['2091-01-20'])],
      ['3 February 2091', String(CLAIM_DAYS['2091-02-03'])],
    ]);
    const claimed = Object.values(CLAIM_DAYS).reduce((sum, claims) => sum + claims, 0);
    const share = (count: number) => `${new Decimal(count * 100).dividedBy(claimed).toFixed(1)}%`;
    expect(rowsOf(res.text, '#funnel-table')).to.deep.equal([
      ['Rights claimed', String(claimed), '100%'],
      ['A cheque registered at a centre', String(history.used), share(history.used)],
      ['A cheque closed with a development plan', String(history.closed), share(history.closed)],
    ]);
    // Each chart is a picture of its table: hidden from screen readers, one bar per day with claims.
    const charts = html.querySelectorAll('svg.portal-chart');
    expect(charts.map((chart) => chart.getAttribute('aria-hidden'))).to.deep.equal(['true', 'true']);
    expect(charts[0]!.querySelectorAll('polyline')).to.have.length(4);
    expect(charts[1]!.querySelectorAll('rect')).to.have.length(Object.keys(CLAIM_DAYS).length);
    const text = textOf(html.querySelector('main'));
    expect(text).to.contain(`${PLACES_TARGET - history.grants.length} of ${PLACES_TARGET}`);
    expect(text).to.contain('Less than 5% of the budget is left (95% committed).');
    expect(changeForms(html)).to.have.length(0);
  });

  it('when the page is read in Dutch, then its figures and words are Dutch', async () => {
    const res = await admin.agent.get(path()).query(periodQuery('2091-01-01', '2091-03-31')).set('Cookie', 'lang=nl').expect(200);
    const html = page(res.text);
    expect(html.querySelector('html')?.getAttribute('lang')).to.equal('nl');
    expect(textOf(html.querySelector('h1'))).to.equal('Dashboard');
    expect(rowsOf(res.text, '#claims-table')[0]).to.deep.equal(['20 januari 2091', '3']);
    expect(rowsOf(res.text, '#funnel-table')[1]![0]).to.equal('Een cheque geregistreerd bij een centrum');
    expect(textOf(html.querySelector('main'))).to.contain(formatMoney(FUNDING, 'EUR', 'nl'));
  });

  it('when no period is given, then the last twelve months are shown by month, and the week steps are offered', async () => {
    const res = await auditor.agent.get(path()).expect(200);
    expect(rowsOf(res.text, '#budget-table')).to.have.length(13);
    const html = page(res.text);
    expect(html.querySelector('#from-year')?.getAttribute('value')).to.equal('2090');
    expect(html.querySelector('input[name="interval"][value="month"]')?.getAttribute('checked')).to.not.equal(undefined);
    const weekly = await auditor.agent
      .get(path())
      .query(periodQuery('2091-01-15', '2091-02-04', 'week'))
      .expect(200);
    expect(rowsOf(weekly.text, '#budget-table').map((row) => row[0])).to.deep.equal([
      '21 January 2091',
      '28 January 2091',
      '4 February 2091',
    ]);
  });

  it('when the auditor reads the list and a dashboard, then both answer with no form that changes anything', async () => {
    const list = await auditor.agent.get('/admin/dashboards').expect(200);
    const listed = page(list.text);
    expect(listed.querySelectorAll('h1')).to.have.length(1);
    expect(listed.querySelector(`a[href="${path()}"]`)).to.not.equal(null);
    expect(changeForms(listed)).to.have.length(0);
    expect(listed.querySelector('.govuk-service-navigation a[href="/admin/dashboards"]')).to.not.equal(null);
    const dashboard = await auditor.agent.get(path()).query(periodQuery('2091-01-01', '2091-03-31')).expect(200);
    expect(changeForms(page(dashboard.text))).to.have.length(0);
  });

  it('when the period is not one, then the error summary names the field and no figures are shown', async () => {
    for (const [query, field, message] of [
      [
        { ...periodQuery('2091-01-01', '2091-03-31'), 'from-day': '31', 'from-month': '2' },
        'from-day',
        'Enter the first day of the period as a real date',
      ],
      [periodQuery('2091-03-01', '2091-01-31'), 'from-day', 'The first day must be on or before the last day'],
      [periodQuery('2088-01-01', '2091-01-31'), 'from-day', 'The period can be at most 2 years'],
      [{ ...periodQuery('2091-01-01', '2091-03-31'), 'to-year': 'soon' }, 'to-day', 'Enter the last day of the period as a real date'],
      [periodQuery('2091-01-01', '2091-03-31', 'day'), 'interval', 'Choose month or week'],
    ] as const) {
      const res = await admin.agent.get(path()).query(query).expect(400);
      const html = page(res.text);
      expect(textOf(html.querySelector('title'))).to.match(/^Error:/);
      const links = html.querySelectorAll('.govuk-error-summary a');
      expect(links.map((link) => [link.getAttribute('href'), textOf(link)])).to.deep.equal([[`#${field}`, message]]);
      expect(html.querySelector('#budget-table')).to.equal(null);
    }
  });

  it('when a citizen or a centre asks, or the programme does not exist, then it is the portal 404', async () => {
    for (const agent of await outsiders(h)) {
      expect((await agent.get(path())).status).to.equal(404);
      expect((await agent.get('/admin/dashboards')).status).to.equal(404);
    }
    expect((await admin.agent.get('/admin/programmes/QZZZZZZZ/dashboard')).status).to.equal(404);
    expect((await admin.agent.get('/admin/programmes/not-a-code/dashboard')).status).to.equal(404);
    expect((await admin.agent.get('/admin/dashboards?cursor=nonsense')).status).to.equal(404);
  });
});
