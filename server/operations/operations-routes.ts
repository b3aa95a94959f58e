// Health, metrics and the OpenAPI document: mounted outside /v1 and outside the route table
// because they describe the service rather than the domain.
import express from 'express';
import type { Registry } from 'prom-client';
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../http/problem.js';
import { metricsAccess } from './metrics-access.js';

export const OPERATIONS_ENDPOINTS = [
  { method: 'get', path: '/health', summary: 'Liveness and database check' },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (bearer METRICS_TOKEN when configured; absent in production without one)',
  },
  { method: 'get', path: '/openapi.json', summary: 'This document' },
];

export function operationsRouter(app: AppContext, registry: Registry, openApi: object) {
  const router = express.Router();
  router.get('/health', async (_req, res) => {
    try {
      await app.sequelize.query('SELECT 1');
      res.json({ status: 'ok', database: 'ok' });
    } catch {
      // As every route answers while the database is away (problem.ts): probes and clients back off alike.
      throw new AppError(503, 'database_unavailable', 'The database does not answer.', {
        database: 'unavailable',
        retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      });
    }
  });
  router.get('/metrics', metricsAccess(app.config), async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  router.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  return router;
}
