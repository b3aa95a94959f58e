// The OpenAPI 3.1 document, generated from the same route declarations that express serves.
import { z } from 'zod';
import type { AnyRoute } from './route.js';

const PROBLEM = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
};

export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function jsonSchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

function parameters(route: AnyRoute) {
  const list: object[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const properties = (jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] }).properties ?? {};
    const required = (jsonSchema(schema) as { required?: string[] }).required ?? [];
    for (const [name, property] of Object.entries(properties)) {
      list.push({ name, in: where, required: where === 'path' || required.includes(name), schema: property });
    }
  }
  if (route.idempotent) {
    list.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 1, maxLength: 255 } });
  }
  return list;
}

function responses(route: AnyRoute) {
  const success = route.status ?? 200;
  const result: Record<string, object> = {
    [success]:
      success === 204
        ? { description: 'Done' }
        : { description: 'Success', content: { 'application/json': { schema: { type: 'object' } } } },
  };
  const errors = new Set<number>([400, ...(route.auth === 'public' ? [] : [401, 403]), ...(route.errors ?? [])]);
  if (route.idempotent) errors.add(422);
  for (const status of [...errors].sort()) {
    result[status] = {
      description: 'Problem',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return result;
}

/** A form with files: its text fields from the body schema, and up to `maxFiles` binary `files`. */
function multipartContent(body: NonNullable<AnyRoute['body']>, maxFiles: number) {
  const fields = jsonSchema(body) as { properties?: Record<string, object> };
  const files = { type: 'array', maxItems: maxFiles, items: { type: 'string', contentMediaType: 'application/octet-stream' } };
  return { 'multipart/form-data': { schema: { ...fields, properties: { ...fields.properties, files } } } };
}

export function buildOpenApi(routes: readonly AnyRoute[], extra: { method: string; path: string; summary: string }[]) {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      parameters: parameters(route),
      responses: responses(route),
      security: route.auth === 'public' ? [] : [{ bearer: [] }],
      'x-roles': route.auth === 'public' ? ['public'] : route.auth,
    };
    if (route.body)
      operation.requestBody = {
        required: !route.body.safeParse(undefined).success,
        content: route.multipart
          ? multipartContent(route.body, route.multipart.maxFiles)
          : { 'application/json': { schema: jsonSchema(route.body) } },
      };
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }
  for (const endpoint of extra) {
    (paths[endpoint.path] ??= {})[endpoint.method] = {
      summary: endpoint.summary,
      tags: ['Operations'],
      responses: { 200: { description: 'Success' } },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Learning Accounts',
      version: '1.0.0',
      description:
        'Learning-account and career-voucher programmes: eligibility, entitlements, vouchers, applications, centres, settlement.',
    },
    paths,
    components: {
      schemas: { Problem: PROBLEM },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
