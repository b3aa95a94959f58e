// One sweep over every page of the administrators and the auditor (issue 18: "axe on every page
// with no serious or critical violation", "the auditor never sees a form that changes anything").
// Each GET page under /admin (and the auditor's home) has an entry in SWEEP that builds its
// address from records made here; a page without an entry fails the first test by name, so a page
// added later joins the sweep. Every address is visited in Chromium with JavaScript at 360 px by an
// administrator and by an auditor: a page the role may see must answer 200 and pass axe (WCAG 2.2
// AA) without sideways scrolling, and for the auditor show no form that posts but the sign-out; a
// page the role may not see must be the portal's 404. Every problem is collected and reported at once.
import { expect } from 'chai';
import type { Page as BrowserPage } from 'playwright-core';
import { queryRows } from '../../../server/db/database.js';
import type { Page } from '../../../server/portal/page.js';
import { portalPages } from '../../../server/portal/portal-pages.js';
import { newVoucherCode, prefixOfCode } from '../../../server/vouchers/voucher-codes.js';
import { createActor, idempotencyKey, type Actor } from '../../support/actors.js';
import { payStatementWithFourEyes } from '../../support/approvals.js';
import { expectUsable, signInThrough, startBrowsing, type Browsing } from '../../support/browser.js';
import { createCentre, createCourse, type TestCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { programmeCode } from '../../support/programme-factory.js';
import { openLbcLike, referenceRules, referenceValues } from '../../support/reference-like-programmes.js';
import { openVoucherProgramme, register } from '../../support/voucher-factory.js';
import { addDays } from '../../../server/shared/calendar.js';
import { PDF, refusedCitizen, sendContest } from '../../contests/contest-fixtures.js';
import { setCentreAccount, setDebtorAccount } from '../../settlement/support/bank-accounts.js';
import { chequeInUse, sessionToday } from '../../settlement/support/lbc-fixture.js';
import { casesOf, detect } from '../../signals/signal-fixtures.js';
import { disputedSession } from './dispute-support.js';

type Role = 'admin' | 'auditor';
const HOMES: Record<Role, string> = { admin: '/admin', auditor: '/auditor' };
// The signal case is opened on a day of this file's own, so detection meets no other file's tries.
const SIGNAL_DAY = '2061-08-23';

/** The records the addresses are built from. */
type Records = {
  programme: string;
  centre: string;
  activeAccreditation: string;
  suspendedCentre: string;
  suspendedAccreditation: string;
  course: string;
  pendingChange: string;
  dispute: string;
  contest: string;
  evidence: string;
  approvedRuleSet: string;
  /** A draft the sweep's administrator wrote (only its author edits it). */
  ownDraft: string;
  /** A draft another administrator wrote (only someone else approves it). */
  othersDraft: string;
  run: string;
  unpaidStatement: string;
  paymentFile: string;
  signalCase: string;
  transaction: string;
  account: string;
};

/** `file`: a download (CSV, PDF, XML), checked for its answer and type instead of axe. */
type Entry = { urls: (records: Records) => string[]; file?: true };

const one = (url: (records: Records) => string) => (records: Records) => [url(records)];

/** Every GET page of the administrators and the auditor, by its declared path, with the addresses to visit. */
const SWEEP: Record<string, Entry> = {
  '/admin': { urls: one(() => '/admin') },
  '/auditor': { urls: one(() => '/auditor') },
  '/admin/assisted': { urls: one(() => '/admin/assisted') },
  '/admin/dashboards': { urls: one(() => '/admin/dashboards') },
  '/admin/programmes/:code/dashboard': { urls: one((r) => `/admin/programmes/${r.programme}/dashboard`) },
  '/admin/programmes': { urls: one(() => '/admin/programmes') },
  '/admin/programmes/new': { urls: one(() => '/admin/programmes/new') },
  '/admin/programmes/new/:kind': {
    urls: () => ['hours-voucher', 'course-grant', 'accruing-account', 'credit-lots'].map((kind) => `/admin/programmes/new/${kind}`),
  },
  '/admin/programmes/:code': { urls: one((r) => `/admin/programmes/${r.programme}`) },
  '/admin/programmes/:code/parameters/new': { urls: one((r) => `/admin/programmes/${r.programme}/parameters/new`) },
  '/admin/pending-changes': { urls: one(() => '/admin/pending-changes') },
  '/admin/pending-changes/:id': { urls: one((r) => `/admin/pending-changes/${r.pendingChange}`) },
  '/admin/pending-changes/:id/reject': { urls: one((r) => `/admin/pending-changes/${r.pendingChange}/reject`) },
  '/admin/rule-sets': { urls: one(() => '/admin/rule-sets') },
  '/admin/rule-sets/programmes/:code': { urls: one((r) => `/admin/rule-sets/programmes/${r.programme}`) },
  '/admin/rule-sets/:id': { urls: (r) => [`/admin/rule-sets/${r.approvedRuleSet}`, `/admin/rule-sets/${r.ownDraft}`] },
  '/admin/rule-sets/:id/edit': { urls: one((r) => `/admin/rule-sets/${r.ownDraft}/edit`) },
  '/admin/rule-sets/:id/simulation': { urls: one((r) => `/admin/rule-sets/${r.ownDraft}/simulation`) },
  '/admin/rule-sets/:id/approve': { urls: one((r) => `/admin/rule-sets/${r.othersDraft}/approve`) },
  '/admin/rule-sets/:id/compare': { urls: one((r) => `/admin/rule-sets/${r.ownDraft}/compare`) },
  '/admin/centres': { urls: one(() => '/admin/centres') },
  '/admin/centres/new': { urls: one(() => '/admin/centres/new') },
  '/admin/centres/:id': { urls: (r) => [`/admin/centres/${r.centre}`, `/admin/centres/${r.suspendedCentre}`] },
  '/admin/centres/:id/staff/new': { urls: one((r) => `/admin/centres/${r.centre}/staff/new`) },
  '/admin/centres/:id/contact': { urls: one((r) => `/admin/centres/${r.centre}/contact`) },
  '/admin/centres/:id/accreditations/new': { urls: one((r) => `/admin/centres/${r.centre}/accreditations/new`) },
  // One centre with a bank account, one without.
  '/admin/centres/:id/bank-account': {
    urls: (r) => [`/admin/centres/${r.centre}/bank-account`, `/admin/centres/${r.suspendedCentre}/bank-account`],
  },
  '/admin/programmes/:code/debtor-account': { urls: one((r) => `/admin/programmes/${r.programme}/debtor-account`) },
  '/admin/programmes/:code/debtor-account/change': { urls: one((r) => `/admin/programmes/${r.programme}/debtor-account/change`) },
  '/admin/centres/:id/accreditations/:accreditationId/:change': {
    urls: (r) => [
      `/admin/centres/${r.centre}/accreditations/${r.activeAccreditation}/suspend`,
      `/admin/centres/${r.centre}/accreditations/${r.activeAccreditation}/revoke`,
      `/admin/centres/${r.suspendedCentre}/accreditations/${r.suspendedAccreditation}/restore`,
    ],
  },
  '/admin/courses': { urls: one(() => '/admin/courses') },
  '/admin/courses/:id': { urls: one((r) => `/admin/courses/${r.course}`) },
  '/admin/disputes': { urls: one(() => '/admin/disputes') },
  '/admin/disputes/:id': { urls: one((r) => `/admin/disputes/${r.dispute}`) },
  '/admin/contests': { urls: one(() => '/admin/contests') },
  '/admin/contests/:id': { urls: one((r) => `/admin/contests/${r.contest}`) },
  '/admin/contests/:id/evidence/:evidenceId': { urls: one((r) => `/admin/contests/${r.contest}/evidence/${r.evidence}`), file: true },
  '/admin/settlement': { urls: one(() => '/admin/settlement') },
  '/admin/settlement/new': { urls: one(() => '/admin/settlement/new') },
  '/admin/settlement/runs/:id': { urls: one((r) => `/admin/settlement/runs/${r.run}`) },
  '/admin/settlement/statements/:id': { urls: one((r) => `/admin/settlement/statements/${r.unpaidStatement}`) },
  '/admin/settlement/statements/:id/pay': { urls: one((r) => `/admin/settlement/statements/${r.unpaidStatement}/pay`) },
  '/admin/settlement/centres/:id': { urls: one((r) => `/admin/settlement/centres/${r.centre}`) },
  '/admin/settlement/payment-files/:id': { urls: one((r) => `/admin/settlement/payment-files/${r.paymentFile}`), file: true },
  '/admin/reach': { urls: (r) => ['/admin/reach', `/admin/reach?programme=${r.programme}`] },
  '/admin/monitoring': { urls: (r) => ['/admin/monitoring', `/admin/monitoring?programme=${r.programme}`] },
  '/admin/signals': { urls: () => ['/admin/signals', '/admin/signals?status=closed'] },
  '/admin/signals/:id': { urls: one((r) => `/admin/signals/${r.signalCase}`) },
  '/admin/audit': { urls: one(() => '/admin/audit') },
  '/admin/audit/export': { urls: one(() => '/admin/audit/export'), file: true },
  '/admin/ledger/transactions/:id': { urls: one((r) => `/admin/ledger/transactions/${r.transaction}`) },
  '/admin/ledger/accounts/:id': { urls: one((r) => `/admin/ledger/accounts/${r.account}`) },
};

const staffPages = (): Page[] =>
  portalPages.filter((page) => page.method === 'get' && (page.path.startsWith('/admin') || page.path === '/auditor'));

const mayRead = (page: Page, role: Role) => page.access !== 'public' && page.access.includes(role);

/** A case of a fresh centre's refused registration tries on SIGNAL_DAY (as the signals' page tests open one). */
async function openSignalCase(h: Harness): Promise<string> {
  const programme = await openVoucherProgramme(h, SIGNAL_DAY);
  const centre = await createCentre(h, { programme: programme.code });
  const cheque = await chequeInUse(h, programme.admin, programme.code, centre);
  for (let n = 0; n < 2; n += 1)
    expect((await register(h, centre, newVoucherCode(prefixOfCode(cheque.code)), '12345678')).status).to.equal(404);
  await detect(h, ['wrong_client_numbers'], { wrongTriesPerHour: 2 });
  const [found] = await casesOf(h, 'wrong_client_numbers', centre.id);
  return found!.id;
}

async function expectStatus(request: PromiseLike<{ status: number; body: unknown }>, status: number) {
  const res = await request;
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  return res.body as Record<string, unknown>;
}

/** The records every address needs, made through the API and the test factories. */
async function makeRecords(h: Harness, sweeper: Actor): Promise<Records> {
  const signalCase = await openSignalCase(h);
  h.clock.set(new Date());
  const today = h.clock.today();

  const { code: programme, author, approver } = await openLbcLike(h, { values: { hourlyFee: '100.000' }, budget: '100000.00' });
  const centreWithHours = async (hours: string): Promise<TestCentre> => {
    const centre = await createCentre(h, { programme });
    await sessionToday(h, await chequeInUse(h, author, programme, centre), hours);
    await setCentreAccount(h, author.auth, centre.id);
    return centre;
  };
  const unpaid = await centreWithHours('1.50');
  const paid = await centreWithHours('0.75');
  const { disputeId } = await disputedSession(h, { code: programme, admin: author });

  await setDebtorAccount(h, author.auth, programme);
  const run = await expectStatus(
    h.http.post('/v1/settlements').set(author.auth).set('Idempotency-Key', idempotencyKey()).send({ programme, periodEnd: today }),
    201,
  );
  const statements = run.statements as { id: string; centreId: string }[];
  const statementOf = (centre: TestCentre) => statements.find((statement) => statement.centreId === centre.id)!.id;
  await payStatementWithFourEyes(h, author.auth, approver.auth, statementOf(paid));
  const file = await expectStatus(
    h.http
      .post(`/v1/settlements/${String(run.id)}/payment-files`)
      // Not the administrator who set the centres' bank accounts: four eyes on where money goes.
      .set(approver.auth)
      .set('Idempotency-Key', idempotencyKey()),
    201,
  );

  const suspended = await createCentre(h, { programme, accreditation: 'suspended' });
  const course = await createCourse(h, unpaid.id, { approved: false });

  const refusal = await refusedCitizen(h);
  const contest = await expectStatus(
    sendContest(h, refusal.citizen.actor.auth, refusal.decisionId, 'I moved to Flanders in March.').attach('files', PDF, {
      filename: 'lease.pdf',
      contentType: 'application/pdf',
    }),
    201,
  );

  const versions = await expectStatus(h.http.get(`/v1/programmes/${programme}/rulesets`).set(author.auth), 200);
  const approvedRuleSet = (versions.items as { id: string; state: string }[]).find((version) => version.state === 'approved')!.id;
  const draftBy = async (actor: Actor, effectiveFrom: string) =>
    String(
      (
        await expectStatus(
          h.http
            .post(`/v1/programmes/${programme}/rulesets`)
            .set(actor.auth)
            .send({ parameters: {}, ...referenceRules('LBC'), effectiveFrom }),
          201,
        )
      ).id,
    );

  // A programme asked for and left waiting for a second administrator.
  const pendingChange = await expectStatus(
    h.http
      .post('/v1/programmes')
      .set(author.auth)
      .send({
        code: programmeCode(),
        kind: 'hours_voucher',
        names: { en: 'A programme waiting for approval', nl: 'Een programma dat op goedkeuring wacht' },
        currency: 'EUR',
        effectiveFrom: today,
        values: referenceValues('LBC'),
      }),
    202,
  );

  const [entry] = await queryRows<{ transaction_id: string; account_id: string }>(
    h.sequelize,
    `SELECT e.transaction_id, e.account_id FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
      WHERE a.programme_code = $1 ORDER BY e.id DESC LIMIT 1`,
    [programme],
  );

  return {
    programme,
    centre: unpaid.id,
    activeAccreditation: unpaid.accreditationId!,
    suspendedCentre: suspended.id,
    suspendedAccreditation: suspended.accreditationId!,
    course: course.id,
    pendingChange: String(pendingChange.id),
    dispute: disputeId,
    contest: String(contest.id),
    evidence: (contest.evidence as { id: string }[])[0]!.id,
    approvedRuleSet,
    ownDraft: await draftBy(sweeper, addDays(today, 1)),
    othersDraft: await draftBy(author, addDays(today, 2)),
    run: String(run.id),
    unpaidStatement: statementOf(unpaid),
    paymentFile: String(file.id),
    signalCase,
    transaction: entry!.transaction_id,
    account: entry!.account_id,
  };
}

/** Forms (and buttons) that post anywhere but the header's sign-out: their actions. */
const changeForms = (page: BrowserPage) =>
  page.evaluate(() => {
    const posting = [
      ...Array.from(document.querySelectorAll('form')).filter((form) => form.method === 'post'),
      ...Array.from(document.querySelectorAll('button[formmethod], input[formmethod]')).filter(
        (button) => button.getAttribute('formmethod')?.toLowerCase() === 'post',
      ),
    ];
    return posting
      .map((element) => element.getAttribute('action') ?? element.getAttribute('formaction') ?? '(no action)')
      .filter((action) => new URL(action, location.href).pathname !== '/logout');
  });

/** What went wrong; for a failed list assertion (axe's violations) the list itself: each rule, its help and its nodes. */
function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const actual = (error as Error & { actual?: unknown }).actual;
  const said = Array.isArray(actual) ? `${error.message.replace(/: expected .*$/s, '')}: ${actual.map(String).join('; ')}` : error.message;
  return said.replace(/\s+/g, ' ');
}

describe('Administration portal in a real browser: every administrator and auditor page passes axe, and the auditor changes nothing', function () {
  this.timeout(600_000);
  let h: Harness;
  let browsing: Browsing;
  before(async () => {
    h = harness();
    browsing = await startBrowsing(h.app);
  });
  after(async () => {
    await browsing?.stop();
  });

  it('when a GET page is declared under /admin (or is the auditor home), then the sweep has an entry for it, and every entry names a declared page', () => {
    const declared = staffPages().map((page) => page.path);
    expect(
      declared.filter((path) => !(path in SWEEP)),
      'GET pages with no entry in SWEEP (add one, with the records it needs)',
    ).to.deep.equal([]);
    expect(
      Object.keys(SWEEP).filter((path) => !declared.includes(path)),
      'SWEEP entries naming no declared GET page',
    ).to.deep.equal([]);
  });

  it('when an administrator and an auditor open every page at 360 px with JavaScript, then each page they may read passes axe without sideways scrolling, the auditor sees no form that changes anything, and the others are the portal 404', async () => {
    const sweeper = await createActor(h, 'admin');
    const auditor = await createActor(h, 'auditor');
    const records = await makeRecords(h, sweeper);
    const problems: string[] = [];
    const javaScript = true;

    for (const [role, actor] of [
      ['admin', sweeper],
      ['auditor', auditor],
    ] as const) {
      const page = await signInThrough(browsing, { email: actor.principal.email, password: actor.password }, HOMES[role], { javaScript });
      for (const declared of staffPages()) {
        const entry = SWEEP[declared.path];
        if (!entry) continue; // Named by the test above.
        for (const url of entry.urls(records)) {
          const where = `${role} ${url}`;
          try {
            if (!mayRead(declared, role)) {
              const status = (await page.request.get(url)).status();
              if (status !== 404) problems.push(`${where}: answered ${status} where the portal's 404 was expected`);
              continue;
            }
            if (entry.file) {
              const answer = await page.request.get(url);
              const type = answer.headers()['content-type'] ?? '';
              if (answer.status() !== 200 || type.startsWith('text/html')) problems.push(`${where}: answered ${answer.status()} ${type}`);
              continue;
            }
            const answer = await page.goto(url);
            const reached = new URL(page.url());
            if (answer?.status() !== 200 || `${reached.pathname}${reached.search}` !== url) {
              problems.push(`${where}: answered ${String(answer?.status())} at ${reached.pathname}${reached.search}`);
              continue;
            }
            await expectUsable(page, { javaScript }).catch((error: unknown) => problems.push(`${where}: ${messageOf(error)}`));
            if (role === 'auditor') {
              const forms = await changeForms(page);
              if (forms.length > 0) problems.push(`${where}: the auditor sees forms that post to ${forms.join(', ')}`);
            }
          } catch (error) {
            problems.push(`${where}: ${messageOf(error)}`);
          }
        }
      }
      await page.context().close();
    }
    expect(problems, `problems on ${problems.length} visits:\n${problems.join('\n')}\n`).to.deep.equal([]);
  });
});
