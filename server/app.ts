// Builds the express app from a context; main.ts and the tests both call createApp().
import { randomUUID } from 'node:crypto';
import express, { type Request } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './app-context.js';
import { createAuthenticator } from './auth/passport-setup.js';
import { buildOpenApi } from './http/openapi.js';
import { problemHandler, unknownRoute } from './http/problem.js';
import { buildRouter } from './http/router.js';
import { createMetrics } from './operations/metrics.js';
import { OPERATIONS_ENDPOINTS, operationsRouter } from './operations/operations-routes.js';
import { allRoutes } from './routes.js';

const REQUEST_ID = /^[\w.-]{1,100}$/;

export function createApp(context: AppContext) {
  const app = express();
  const metrics = createMetrics();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: context.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      // Request logs carry method, path, status and time; never tokens or bodies.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
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
  app.use(operationsRouter(context, metrics.registry, buildOpenApi(allRoutes, OPERATIONS_ENDPOINTS)));
  app.use(buildRouter(context, createAuthenticator(context.config, context.sequelize), allRoutes));
  app.use(unknownRoute);
  app.use(problemHandler);
  return app;
}
