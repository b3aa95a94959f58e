import { z } from 'zod';
import { STAFF_READERS } from '../auth/principal.js';
import { ValidationError } from '../errors.js';
import { decodeCursor, pageQuery, toPage } from '../shared/pagination.js';
import { defineRoute } from '../http/route.js';
import { idParams, lineSchema } from '../http/schemas.js';
import { citizenFactsSchema, futureFactErrors, type CitizenFacts } from './citizen-facts.js';
import { getCitizen, getOwnProfile, listCitizens, registerCitizen, replaceCitizenFacts } from './citizen-service.js';
import { nationalIdSchema } from './national-id.js';
import { citizenPage, citizenResponse } from './citizen-response-schemas.js';

const registrationBody = z
  .object({
    email: z.email('must be an e-mail address').max(254),
    password: z.string().min(8, 'must be at least 8 characters').max(200),
    name: lineSchema(200),
    nationalId: nationalIdSchema,
    facts: citizenFactsSchema,
  })
  .strict();

/** Dates in the future depend on the service date, so they are checked after the schema. */
function refuseFutureFacts(facts: CitizenFacts, today: string, prefix: string) {
  const errors = futureFactErrors(facts, today, prefix);
  if (errors.length > 0) throw new ValidationError(errors);
}

/** The cursor carries the last id; anything else would reach SQL as a bad uuid (a 500). */
function afterIdOf(cursor: string | undefined): string | undefined {
  const [afterId] = decodeCursor(cursor, 1) ?? [];
  if (afterId === undefined) return undefined;
  if (typeof afterId === 'string' && z.guid().safeParse(afterId).success) return afterId;
  throw new ValidationError([{ path: '/query/cursor', message: 'is not a cursor this service issued' }]);
}

export const citizenRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/citizens',
    operationId: 'registerCitizen',
    problemCodes: { 409: ['citizen_exists', 'email_taken'] },
    response: citizenResponse,
    tag: 'Citizens',
    summary: 'Register a citizen: a login (role citizen) and the facts known of them',
    auth: ['admin'],
    body: registrationBody,
    status: 201,
    errors: [409],
    handle: async ({ app, body, principal, requestId }) => {
      refuseFutureFacts(body.facts, app.clock.today(), '/facts');
      return registerCitizen(app, principal, body, { requestId });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/citizens',
    operationId: 'listCitizens',
    response: citizenPage,
    tag: 'Citizens',
    summary: 'Every citizen, in pages (administrators and auditors only; never centres)',
    auth: STAFF_READERS,
    query: z.object(pageQuery).strict(),
    handle: async ({ app, query }) => {
      const citizens = await listCitizens(app, { afterId: afterIdOf(query.cursor), limit: query.limit + 1 });
      return toPage(
        citizens,
        query.limit,
        (citizen) => [citizen.id],
        (citizen) => citizen,
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/citizens/:id',
    operationId: 'getCitizen',
    response: citizenResponse,
    tag: 'Citizens',
    summary: 'One citizen with their facts and the date each was recorded',
    auth: STAFF_READERS,
    params: idParams,
    errors: [404],
    handle: async ({ app, params }) => getCitizen(app, params.id),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/citizens/:id/facts',
    operationId: 'replaceCitizenFacts',
    response: citizenResponse,
    tag: 'Citizens',
    summary: 'Replace the facts of a citizen; unchanged facts keep their recorded date',
    auth: ['admin'],
    params: idParams,
    body: citizenFactsSchema,
    errors: [404],
    handle: async ({ app, params, body, principal, requestId }) => {
      refuseFutureFacts(body, app.clock.today(), '');
      return replaceCitizenFacts(app, principal, params.id, body, { requestId });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me',
    operationId: 'getMyProfile',
    response: citizenResponse,
    tag: 'Citizens',
    summary: 'The calling citizen: own profile and facts',
    auth: ['citizen'],
    errors: [404],
    handle: async ({ app, principal }) => getOwnProfile(app, principal.userId),
  }),
];
