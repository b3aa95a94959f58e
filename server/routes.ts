// Every endpoint of the service, by business component. The router and the OpenAPI document
// are both built from this list.
import { topUpRoutes } from './accounts/top-up-routes.js';
import { applicationRoutes } from './applications/application-routes.js';
import { windowRoutes } from './applications/windows/window-routes.js';
import { approvalRoutes } from './approvals/approval-routes.js';
import { auditRoutes } from './audit/audit-routes.js';
import { accountRoutes } from './auth/account-routes.js';
import { authRoutes } from './auth/auth-routes.js';
import { changeAppliers } from './change-appliers.js';
import { accreditationRoutes } from './centres/accreditation-routes.js';
import { centreRoutes } from './centres/centre-routes.js';
import { courseEditRoutes } from './centres/course-edit-routes.js';
import { courseRoutes } from './centres/course-routes.js';
import { staffAdminRoutes } from './centres/staff-admin-routes.js';
import { citizenRoutes } from './citizens/citizen-routes.js';
import { contestRoutes } from './contests/contest-routes.js';
import { signalRoutes } from './signals/signal-routes.js';
import { eligibilityRoutes } from './eligibility/eligibility-routes.js';
import { ruleSetRoutes } from './eligibility/ruleset-routes.js';
import type { AnyRoute } from './http/route.js';
import { claimRoutes } from './claims/claim-routes.js';
import { entitlementRoutes } from './vouchers/rights-routes.js';
import { centreVoucherRoutes } from './vouchers/centre-voucher-routes.js';
import { disputeRoutes } from './vouchers/dispute-routes.js';
import { voucherRoutes } from './vouchers/voucher-routes.js';
import { ledgerRoutes } from './ledger/ledger-routes.js';
import { notificationRoutes } from './notifications/notification-routes.js';
import { budgetRoutes } from './programmes/budget-routes.js';
import { dashboardRoutes } from './dashboards/dashboard-routes.js';
import { programmeRoutes } from './programmes/programme-routes.js';
import { settlementRoutes } from './settlement/settlement-routes.js';
import { paymentFileRoutes } from './settlement/payment-file-routes.js';
import { oversightRoutes } from './oversight/oversight-routes.js';

export const allRoutes: readonly AnyRoute[] = [
  ...authRoutes,
  ...accountRoutes,
  ...auditRoutes,
  // Approvals apply an approved change through its owner's applier (server/change-appliers.ts), so they import no owner.
  ...approvalRoutes(changeAppliers),
  ...programmeRoutes,
  ...budgetRoutes,
  ...dashboardRoutes,
  ...topUpRoutes,
  ...ledgerRoutes,
  ...centreRoutes,
  ...accreditationRoutes,
  ...courseRoutes,
  ...courseEditRoutes,
  ...staffAdminRoutes,
  ...citizenRoutes,
  ...applicationRoutes,
  ...windowRoutes,
  ...notificationRoutes,
  ...settlementRoutes,
  ...paymentFileRoutes,
  ...oversightRoutes,
  ...eligibilityRoutes,
  ...contestRoutes,
  ...signalRoutes,
  ...ruleSetRoutes,
  ...claimRoutes,
  ...entitlementRoutes,
  ...voucherRoutes,
  ...centreVoucherRoutes,
  ...disputeRoutes,
];
