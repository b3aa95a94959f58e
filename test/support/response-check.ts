// Every JSON answer with a 2xx status that a test receives is checked against the schema its route
// declares for /openapi.json, so the document stays true: a test that receives an answer its
// route's schema does not describe fails (root-hooks.ts), naming the route and the mismatch. So does
// a 4xx problem whose code its operation does not list for that status, once it lists any.
// Ajv 8 compiles the schemas as the JSON Schema 2020-12 that OpenAPI 3.1 and z.toJSONSchema speak.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import express, { type Response } from 'express';
import { problemCodesOf, successSchema } from '../../server/http/openapi.js';
import { allRoutes } from '../../server/routes.js';

// Formats are documentation here: zod already writes a pattern beside each format it checks.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

/** By `<method> <path> <status>`; a route's `response` stands for every 2xx status it declares no other body for. */
const validators = new Map<string, ValidateFunction>();
for (const route of allRoutes) {
  const key = `${route.method} ${route.path}`;
  if (route.response) validators.set(key, ajv.compile(successSchema(route.response)));
  for (const [status, schema] of Object.entries(route.otherSuccesses ?? {})) {
    validators.set(`${key} ${status}`, ajv.compile(successSchema(schema)));
  }
}

const routesByKey = new Map(allRoutes.map((route) => [`${route.method} ${route.path}`, route]));

let mismatches: string[] = [];

/** The mismatches seen since the last call (the root hooks fail the test that received them). */
export function takeMismatches(): string[] {
  const found = mismatches;
  mismatches = [];
  return found;
}

/** Checks `body` as the route that answers `res` declares it, noting any mismatch. */
export function checkAnswer(res: Response, body: unknown) {
  const routePath: unknown = (res.req.route as { path?: unknown } | undefined)?.path;
  if (typeof routePath !== 'string') return;
  const key = `${res.req.method.toLowerCase()} ${routePath}`;
  if (res.statusCode >= 400 && res.statusCode <= 499) return checkProblemCode(key, res.statusCode, body);
  if (res.statusCode < 200 || res.statusCode > 299) return;
  const validate = validators.get(`${key} ${res.statusCode}`) ?? validators.get(key);
  // As the client will read it: dates and Decimals as the JSON text they are sent as.
  if (validate && !validate(JSON.parse(JSON.stringify(body ?? null)))) {
    mismatches.push(`${key} answered ${res.statusCode} with a body its schema does not describe: ${ajv.errorsText(validate.errors)}`);
  }
}

/**
 * A problem's `code` must be one its operation lists for that status, once the route lists any for
 * it: integrators branch on these lists, so a code the suite receives and the list lacks fails the test.
 */
function checkProblemCode(key: string, status: number, body: unknown) {
  const route = routesByKey.get(key);
  const code = typeof body === 'object' && body !== null && 'code' in body ? body.code : undefined;
  if (!route?.problemCodes?.[status] || typeof code !== 'string') return;
  if (!problemCodesOf(route, status).includes(code)) {
    mismatches.push(`${key} answered ${status} ${code}, a code its problemCodes do not list for ${status}`);
  }
}

const json = express.response.json;
express.response.json = function (this: Response, body: unknown) {
  checkAnswer(this, body);
  return json.call(this, body);
};
