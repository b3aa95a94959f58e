// Health, metrics and the OpenAPI document: mounted outside /v1 and outside the route table
// because they describe the service rather than the domain.
import express from 'express';
import type { Registry } from 'prom-client';
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import type { ExtraEndpoint } from '../http/openapi.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../http/problem.js';
import { API_REFERENCE_PATH, API_REFERENCE_SCRIPT_PATH, apiReferencePage, apiReferenceScript } from './api-reference.js';
import { metricsAccess } from './metrics-access.js';

export const OPERATIONS_ENDPOINTS: readonly ExtraEndpoint[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Liveness and database check',
    content: {
      type: 'application/json',
      schema: {
        type: 'object',
        required: ['status', 'database'],
        properties: { status: { const: 'ok' }, database: { const: 'ok' } },
      },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (bearer METRICS_TOKEN when configured; absent in production without one)',
    content: { type: 'text/plain' },
    security: [{}, { bearer: [] }],
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    content: { type: 'application/json', schema: { type: 'object' } },
  },
  {
    method: 'get',
    path: API_REFERENCE_PATH,
    operationId: 'getApiReference',
    summary: 'This document as a reference page for people (rendered in the browser by Scalar)',
    content: { type: 'text/html' },
  },
  {
    method: 'get',
    path: API_REFERENCE_SCRIPT_PATH,
    operationId: 'getApiReferenceScript',
    summary: "The reference page's renderer: Scalar's standalone bundle, served from its package",
    content: { type: 'text/javascript' },
  },
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
  router.get(API_REFERENCE_PATH, apiReferencePage);
  router.get(API_REFERENCE_SCRIPT_PATH, apiReferenceScript);
  return router;
}
