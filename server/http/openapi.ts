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

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

/** The 2xx content a route declares: its JSON body's schema, or the file types it answers. */
function successContent(route: AnyRoute) {
  if (route.fileTypes) return Object.fromEntries(route.fileTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
  const schema = route.response ? successSchema(route.response) : {};
  const example = route.example?.response === undefined ? {} : { example: route.example.response };
  return { 'application/json': { schema, ...example, ...namedExamples(route, 'response', route.status ?? 200) } };
}

/**
 * The route's named examples of a request body (`status` undefined) or of the answer at `status`,
 * as an OpenAPI `examples` map; nothing when it has none.
 */
function namedExamples(route: AnyRoute, part: 'request' | 'response', status?: number) {
  const shown = (route.examples ?? []).filter(
    (example) => example[part] !== undefined && (part === 'request' || (example.status ?? route.status ?? 200) === status),
  );
  if (shown.length === 0) return {};
  return { examples: Object.fromEntries(shown.map((example) => [example.name, { summary: example.summary, value: example[part] }])) };
}

/** The JSON schema of a route's success body, as the tests check answers against it. */
export function successSchema(response: z.ZodType) {
  const { $schema: _dialect, ...schema } = jsonSchema(response, 'output');
  return schema;
}

/** The codes the router itself answers for a route, whatever its handler does. */
function routerCodes(route: AnyRoute, status: number): string[] {
  if (status === 400) {
    return [
      ...(route.params || route.query || route.body ? ['validation_failed'] : []),
      ...(route.body ? ['malformed_json', 'body_too_deep'] : []),
      ...(route.multipart ? ['malformed_multipart'] : []),
      ...(route.idempotent ? ['idempotency_key_missing'] : []),
    ];
  }
  if (status === 422 && route.idempotent) return ['idempotency_key_reused'];
  // A bearer token that does not verify is refused on a public route too.
  if (status === 401) return ['unauthenticated'];
  if (route.auth === 'public') return [];
  if (status === 403) return ['forbidden'];
  if (status === 404 && route.centreParam) return ['not_found'];
  return [];
}

/** The problem codes an operation may answer with `status`: the ones its handler declares and the router's own. */
export function problemCodesOf(route: AnyRoute, status: number): string[] {
  return [...new Set([...(route.problemCodes?.[status] ?? []), ...routerCodes(route, status)])];
}

function problemDescription(route: AnyRoute, status: number) {
  const codes = problemCodesOf(route, status);
  return codes.length > 0 ? `Problem; its \`code\` is one of: ${codes.map((code) => `\`${code}\``).join(', ')}` : 'Problem';
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
    [success]: success === 204 ? { description: 'Done' } : { description: 'Success', content: successContent(route) },
  };
  for (const [status, schema] of Object.entries(route.otherSuccesses ?? {})) {
    const description = status === '202' ? 'Accepted: waits for a second administrator or a draw' : 'Success';
    result[status] = {
      description,
      content: { 'application/json': { schema: successSchema(schema), ...namedExamples(route, 'response', Number(status)) } },
    };
  }
  const errors = new Set<number>([400, ...(route.auth === 'public' ? [] : [401, 403]), ...(route.errors ?? [])]);
  if (route.idempotent) errors.add(422);
  for (const status of [...errors].sort()) {
    result[status] = {
      description: problemDescription(route, status),
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

/** An endpoint outside the route table (health, metrics, this document, its reference page). */
export type ExtraEndpoint = {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  /** Media type of the answer, and its schema when it is JSON. */
  content: { type: string; schema?: object };
  /** Who may call: everyone unless given (the metrics may want a bearer token). */
  security?: object[];
};

export function buildOpenApi(routes: readonly AnyRoute[], extra: readonly ExtraEndpoint[]) {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
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
          : {
              'application/json': {
                schema: jsonSchema(route.body),
                ...(route.example?.request === undefined ? {} : { example: route.example.request }),
                ...namedExamples(route, 'request'),
              },
            },
      };
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }
  for (const endpoint of extra) {
    (paths[endpoint.path] ??= {})[endpoint.method] = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      tags: ['Operations'],
      security: endpoint.security ?? [],
      responses: {
        200: { description: 'Success', content: { [endpoint.content.type]: { schema: endpoint.content.schema ?? { type: 'string' } } } },
      },
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
    // Relative: the document is served by the service it describes, at whatever address it is reached.
    servers: [{ url: '/' }],
    tags: [...new Set([...routes.map((route) => route.tag), 'Operations'])].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: PROBLEM },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
