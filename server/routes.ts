// Every endpoint of the service, by business component. The router and the OpenAPI document
// are both built from this list.
import { auditRoutes } from './audit/audit-routes.js';
import { authRoutes } from './auth/auth-routes.js';
import { citizenRoutes } from './citizens/citizen-routes.js';
import type { AnyRoute } from './http/route.js';

export const allRoutes: readonly AnyRoute[] = [
  ...authRoutes,
  ...auditRoutes,
  ...citizenRoutes,
];
