// No client mistake may produce a 500. Every route of the route table, called by each role it
// allows, gets generated junk (fast-check) in its path parameters, its query and its body: text
// that is not JSON, JSON of any shape, objects with the route's own field names holding values of
// the wrong kind, half surrogate pairs, NUL, huge numbers, broken percent-encoding; and junk in
// the headers a route reads (token, Idempotency-Key, content type, language, signature). Every answer
// must be below 500, and every refusal a problem+json with a code. A failure prints the smallest
// request that still fails.
import { expect } from 'chai';
import fc from 'fast-check';
import type { Role } from '../../server/auth/principal.js';
import type { AnyRoute } from '../../server/http/route.js';
import { allRoutes } from '../../server/routes.js';
import { createActor, idempotencyKey, type Actor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';

// 40 keeps the suite quick; HOSTILE_INPUT_RUNS=300 npm test searches harder (about a minute).
const RUNS_PER_CALLER = Number(process.env.HOSTILE_INPUT_RUNS ?? 40);

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    'null',
    '-1',
    '0',
    '1e400',
    '99999999999999999999999',
    '2026-02-30',
    '00000000-0000-4000-8000-000000000000',
    'LBC-0000000000',
    'ITA-0000000000',
    'LBC',
    'ITA',
  ),
);
// Values that pass one field's check now and then, so junk in the others reaches deeper.
const plausible = fc.constantFrom(
  '2026-12-01',
  '1990-01-01',
  '2099-12-31',
  '40.00',
  '0.25',
  '1.00',
  '-1.00',
  '0.001',
  'guidance',
  'preparation',
  'upheld',
  'rejected',
  'approved',
  'active',
  'suspended',
  'EUR',
  'GBP',
  'HOUR',
  'BE',
  'GB',
  'VLG',
  'SCT',
  '12345678',
  'someone@test.example',
  'a long enough password',
  ['goal'],
  { summary: 'plan', goals: ['goal'] },
  { amount: '10.00', currency: 'EUR' },
  1,
  0,
  -1,
  2026,
  true,
);
const jsonValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), text, plausible);

/** A path segment as a client could send it: any text percent-encoded, or broken encodings. */
const segment = fc.oneof(
  fc.string({ maxLength: 30, unit: 'grapheme' }).map(encodeURIComponent),
  fc.constantFrom(
    '%00',
    '%FF',
    '%E0%A4%A',
    '%',
    '%2F',
    '..',
    '%20',
    'x'.repeat(300),
    '00000000-0000-4000-8000-000000000000',
    'LBC-0000000000',
    'ITA-0000000000',
    'LBC',
    'ITA',
  ),
);

const QUERY_NAMES = ['cursor', 'limit', 'programme', 'status', 'entityType', 'entityId', 'from', 'to', 'since', 'actor', 'unit'];
const queryString = fc
  .dictionary(
    fc.constantFrom(...QUERY_NAMES),
    fc.oneof(fc.string({ maxLength: 30, unit: 'grapheme' }).map(encodeURIComponent), fc.constantFrom('%00', '%ZZ', '-1', '1e400', '')),
    { maxKeys: 3 },
  )
  .map((query) =>
    Object.entries(query)
      .map(([name, value]) => `${name}=${value}`)
      .join('&'),
  );

/** The field names of a route's body schema (an object schema has a shape), to aim junk at them. */
function fieldNames(route: AnyRoute): string[] {
  const shape = (route.body as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function bodyOf(route: AnyRoute): fc.Arbitrary<string> {
  const fields = fieldNames(route);
  const aimed =
    fields.length > 0
      ? [fc.dictionary(fc.constantFrom(...fields), jsonValue, { maxKeys: fields.length }).map((body) => JSON.stringify(body))]
      : [];
  return fc.oneof(
    fc.string({ maxLength: 40 }),
    jsonValue.map((value) => JSON.stringify(value)),
    ...aimed,
  );
}

// What a client can put in a header: visible ASCII, spaces and tabs (node refuses anything else).
const headerText = fc.oneof(
  fc.string({ maxLength: 60, unit: fc.constantFrom(...' \t!"#$%&\'()*+,-./0123456789:;<=>?@ABCXYZabcxyz[\\]^_`{|}~'.split('')) }),
  fc.constantFrom(
    '',
    ' ',
    'Bearer',
    'Bearer ',
    'Bearer a.b.c',
    'Basic YTpi',
    'x'.repeat(2000),
    'sha256=00',
    '1e400',
    '-1',
    'application/json; charset=latin1',
    'text/plain',
    'multipart/form-data; boundary=x',
    'nl;q=abc, *;q=2',
  ),
);
const junkHeaders = fc.record(
  {
    authorization: headerText,
    'idempotency-key': headerText,
    'content-type': headerText,
    'accept-language': headerText,
    'x-request-id': headerText,
    'x-signature': headerText,
    'x-signature-timestamp': headerText,
  },
  { requiredKeys: [] },
);

const pathOf = (route: AnyRoute, segments: string[]) => {
  let i = 0;
  return route.path.replace(/:(\w+)/g, () => segments[i++] ?? 'x');
};

describe('hostile input: no client mistake is a 500', () => {
  const callers = new Map<Role, Actor>();

  before(async () => {
    const h = harness();
    callers.set('centre', (await createCentre(h, { programme: 'LBC' })).staff);
    callers.set('citizen', (await createCitizen(h)).actor);
    callers.set('admin', await createActor(h, 'admin'));
    callers.set('auditor', await createActor(h, 'auditor'));
  });

  for (const route of allRoutes) {
    const roles = route.auth === 'public' ? (['anonymous'] as const) : route.auth;
    it(`${route.method.toUpperCase()} ${route.path}, as ${roles.join(', ')}`, async function () {
      this.timeout(120_000);
      const h = harness();
      const parameters = (route.path.match(/:\w+/g) ?? []).length;
      for (const role of roles) {
        const caller = role === 'anonymous' ? undefined : callers.get(role);
        await fc.assert(
          fc.asyncProperty(
            fc.array(segment, { minLength: parameters, maxLength: parameters }),
            queryString,
            bodyOf(route),
            async (segments, query, body) => {
              const url = `${pathOf(route, segments)}${query ? `?${query}` : ''}`;
              let request = h.http[route.method](url).set('Idempotency-Key', idempotencyKey());
              if (caller) request = request.set(caller.auth);
              const res = route.method === 'get' ? await request : await request.set('Content-Type', 'application/json').send(body);
              const said = `${route.method.toUpperCase()} ${url} ${body} -> ${res.status} ${JSON.stringify(res.body)}`;
              expectNoServerError(res, said);
            },
          ),
          { numRuns: RUNS_PER_CALLER },
        );
      }
    });
  }

  for (const route of allRoutes) {
    it(`${route.method.toUpperCase()} ${route.path}, with junk headers`, async function () {
      this.timeout(120_000);
      const h = harness();
      const caller = route.auth === 'public' ? undefined : callers.get(route.auth[0]!);
      const url = pathOf(
        route,
        (route.path.match(/:\w+/g) ?? []).map(() => '00000000-0000-4000-8000-000000000000'),
      );
      await fc.assert(
        fc.asyncProperty(junkHeaders, fc.boolean(), bodyOf(route), async (headers, authorised, body) => {
          let request = h.http[route.method](url);
          if (caller && authorised) request = request.set(caller.auth);
          request = request.set(headers);
          const res = route.method === 'get' ? await request : await request.send(body);
          expectNoServerError(
            res,
            `${route.method.toUpperCase()} ${url} ${JSON.stringify(headers)} ${body} -> ${res.status} ${JSON.stringify(res.body)}`,
          );
        }),
        { numRuns: Math.ceil(RUNS_PER_CALLER / 2) },
      );
    });
  }
});

function expectNoServerError(res: { status: number; headers: Record<string, string>; body: { code?: unknown } }, said: string) {
  expect(res.status, said).to.be.below(500);
  if (res.status >= 400) {
    expect(res.headers['content-type'], said).to.match(/^application\/problem\+json/);
    expect(res.body.code, said).to.be.a('string');
  }
}
