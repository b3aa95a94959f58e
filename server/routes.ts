// Every endpoint of the service, by business component. The router and the OpenAPI document
// are both built from this list.
import { auditRoutes } from './audit/audit-routes.js';
import { authRoutes } from './auth/auth-routes.js';
import { accreditationRoutes } from './centres/accreditation-routes.js';
import { centreRoutes } from './centres/centre-routes.js';
import { courseRoutes } from './centres/course-routes.js';
import { citizenRoutes } from './citizens/citizen-routes.js';
import { eligibilityRoutes } from './eligibility/eligibility-routes.js';
import { ruleSetRoutes } from './eligibility/ruleset-routes.js';
import type { AnyRoute } from './http/route.js';
import { ledgerRoutes } from './ledger/ledger-routes.js';
import { budgetRoutes } from './programmes/budget-routes.js';
import { programmeRoutes } from './programmes/programme-routes.js';

export const allRoutes: readonly AnyRoute[] = [
  ...authRoutes,
  ...auditRoutes,
  ...programmeRoutes,
  ...budgetRoutes,
  ...ledgerRoutes,
  ...centreRoutes,
  ...accreditationRoutes,
  ...courseRoutes,
  ...citizenRoutes,
  ...eligibilityRoutes,
  ...ruleSetRoutes,
];
