// Builds the express app from a context; main.ts and the tests both call createApp().
import express, { type Request } from 'express';
import helmet from 'helmet';
import type { AppContext } from './app-context.js';
import { createAuthenticator } from './auth/passport-setup.js';
import { refuseDeepBodies } from './http/body-depth.js';
import { buildOpenApi } from './http/openapi.js';
import { problemHandler, unknownRoute } from './http/problem.js';
import { requestLog } from './http/request-log.js';
import { buildRouter } from './http/router.js';
import { registerOutboxMetrics } from './notifications/notifications.js';
import { createMetrics } from './operations/metrics.js';
import { OPERATIONS_ENDPOINTS, operationsRouter } from './operations/operations-routes.js';
import { createPortal } from './portal/portal-app.js';
import { allRoutes } from './routes.js';

export function createApp(context: AppContext) {
  const app = express();
  const metrics = createMetrics();
  registerOutboxMetrics(metrics.registry, context.sequelize);
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  app.use(requestLog(context.logger));
  app.use(metrics.measure);
  app.use(
    express.json({
      limit: '64kb',
      // Kept for HMAC-signed callbacks, whose signature covers the exact bytes sent.
      verify: (req, _res, buffer) => {
        (req as Request & { rawBody?: Buffer }).rawBody = buffer;
      },
    }),
  );
  app.use(refuseDeepBodies);
  app.use(operationsRouter(context, metrics.registry, buildOpenApi(allRoutes, OPERATIONS_ENDPOINTS)));
  app.use(buildRouter(context, createAuthenticator(context.config, context.sequelize, context.clock), allRoutes));
  // The pages for people (server/portal): every path the API and operations endpoints leave.
  const portal = createPortal(context);
  app.use(portal.pages);
  app.use(unknownRoute);
  app.use(portal.errors);
  app.use(problemHandler(context.logger));
  return app;
}
