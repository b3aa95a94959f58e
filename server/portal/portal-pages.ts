// Every page of the portal, as the API's server/routes.ts lists every endpoint. The portals of
// each role add their pages here.
import { ruleSetPages } from './pages/admin/rule-sets-pages.js';
import { adminHomePages } from './pages/admin/home-pages.js';
import { pendingChangePages } from './pages/admin/pending-change-pages.js';
import { programmeOpeningPages } from './pages/admin/programme-opening-pages.js';
import { programmePages } from './pages/admin/programme-pages.js';
import { adminAccreditationPages } from './pages/admin/accreditation-pages.js';
import { adminCentrePages } from './pages/admin/centre-pages.js';
import { adminCoursePages } from './pages/admin/course-approval-pages.js';
import { adminContestPages } from './pages/admin/contest-pages.js';
import { adminDisputePages } from './pages/admin/dispute-pages.js';
import { auditPages } from './pages/admin/audit-pages.js';
import { settlementPages } from './pages/admin/settlement-pages.js';
import { bankAccountPages } from './pages/admin/bank-account-pages.js';
import { reachPages } from './pages/admin/reach-pages.js';
import { ledgerPages } from './pages/admin/ledger-pages.js';
import { signalPages } from './pages/admin/signals-pages.js';
import { assistedPages } from './pages/admin/assisted-pages.js';
import { dashboardPages } from './pages/admin/dashboard-pages.js';
import { centreApplicationPages } from './pages/centre/application-pages.js';
import { centreAuditPages } from './pages/centre/audit-pages.js';
import { centreContactPages } from './pages/centre/contact-pages.js';
import { centreCoursePages } from './pages/centre/course-pages.js';
import { centreStaffPages } from './pages/centre/staff-pages.js';
import { centreStatementPages } from './pages/centre/statement-pages.js';
import { accountPages } from './pages/citizen/account-pages.js';
import { applicationPages } from './pages/citizen/application-pages.js';
import { chequePages } from './pages/citizen/cheque-pages.js';
import { claimPages } from './pages/citizen/claim-pages.js';
import { contestPages } from './pages/citizen/contest-pages.js';
import { coursePages } from './pages/citizen/course-pages.js';
import { noticePages } from './pages/citizen/notice-pages.js';
import { eligibilityPages } from './pages/citizen/eligibility-pages.js';
import { paymentPages } from './pages/citizen/payment-pages.js';
import { signInHistoryPages } from './pages/citizen/signin-pages.js';
import { centreChequePages } from './pages/centre/cheque-pages.js';
import { centreHomePages } from './pages/centre/home-pages.js';
import { centreSessionPages } from './pages/centre/session-pages.js';
import { homePages } from './pages/home-pages.js';
import { languagePages } from './pages/language-pages.js';
import { oidcPages } from './pages/oidc-pages.js';
import { signInPages } from './pages/sign-in-pages.js';
import { startPages } from './pages/start-page.js';
import type { Page } from './page.js';

export const portalPages: readonly Page[] = [
  ...ruleSetPages,
  ...startPages,
  ...languagePages,
  ...signInPages,
  ...oidcPages,
  ...homePages,
  ...adminHomePages,
  // Opening a programme (/admin/programmes/new) before a programme's page (/admin/programmes/:code).
  ...programmeOpeningPages,
  ...programmePages,
  ...pendingChangePages,
  ...accountPages,
  ...coursePages,
  ...applicationPages,
  ...eligibilityPages,
  ...claimPages,
  ...chequePages,
  ...paymentPages,
  ...contestPages,
  ...noticePages,
  ...signInHistoryPages,
  ...centreHomePages,
  ...centreChequePages,
  ...centreSessionPages,
  ...centreApplicationPages,
  ...centreCoursePages,
  ...centreStaffPages,
  ...centreContactPages,
  ...centreStatementPages,
  ...centreAuditPages,
  ...auditPages,
  ...reachPages,
  ...ledgerPages,
  ...signalPages,
  ...adminCentrePages,
  ...adminAccreditationPages,
  ...adminCoursePages,
  ...adminDisputePages,
  ...adminContestPages,
  ...settlementPages,
  ...bankAccountPages,
  ...assistedPages,
  ...dashboardPages,
];
