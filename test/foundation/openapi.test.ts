import { expect } from 'chai';
import { isApiPath } from '../../server/portal/portal-paths.js';
import { harness } from '../support/harness.js';

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/** Every method + path express actually serves, walking nested routers. */
function servedRoutes(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map((method) => `${method} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`);
    }
    return layer.handle?.stack ? servedRoutes(layer.handle.stack) : [];
  });
}

describe('GET /openapi.json', () => {
  // The portal's pages and assets are served beside the API for people, not documented in it.
  it('when read, then it documents exactly the API routes the service serves', async () => {
    const h = harness();
    const doc = (await h.http.get('/openapi.json').expect(200)).body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).to.match(/^3\./);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    const served = servedRoutes((h.app as unknown as { router: { stack: Layer[] } }).router.stack).filter((route) =>
      isApiPath(route.split(' ')[1]!),
    );
    expect(served).to.include('post /v1/programmes');
    expect(documented.sort()).to.deep.equal([...new Set(served)].sort());
  });

  it('when a documented operation is called, then the route exists (never route_not_found)', async () => {
    const h = harness();
    const doc = (await h.http.get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    for (const [path, methods] of Object.entries(doc.paths)) {
      const concrete = path.replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000');
      for (const method of Object.keys(methods)) {
        const res = await h.http[method as 'get'](concrete);
        expect(res.body?.code, `${method} ${path}`).to.not.equal('route_not_found');
      }
    }
  });

  it('when an operation requires an Idempotency-Key or a role, then the document says so', async () => {
    const doc = (await harness().http.get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { security: unknown[]; 'x-roles': string[] }>>;
    };
    const token = doc.paths['/v1/auth/token']!.post!;
    expect(token.security).to.deep.equal([]);
    expect(doc.paths['/v1/audit']!.get!['x-roles']).to.deep.equal(['admin', 'auditor']);
  });

  it('when a body is optional (a provider claim) or required (a session), then requestBody.required says so', async () => {
    const doc = (await harness().http.get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { required: boolean } }>>;
    };
    expect(doc.paths['/v1/centres/{centreId}/applications/{reference}/claim']!.post!.requestBody?.required).to.equal(false);
    expect(doc.paths['/v1/centres/{centreId}/vouchers/{code}/sessions']!.post!.requestBody?.required).to.equal(true);
  });
});

describe('the API contract in /openapi.json (what integrators generate clients from)', () => {
  type Operation = {
    operationId?: string;
    security?: unknown[];
    'x-roles'?: string[];
    responses: Record<
      string,
      { description: string; content?: Record<string, { schema?: Record<string, unknown>; example?: unknown; examples?: object }> }
    >;
    requestBody?: { content: Record<string, { example?: unknown; examples?: object }> };
  };
  type Document = { servers?: { url: string }[]; paths: Record<string, Record<string, Operation>> };
  const read = async () => (await harness().http.get('/openapi.json').expect(200)).body as Document;
  const operations = (doc: Document) =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ at: `${method} ${path}`, operation })),
    );

  it('when read, then every operation has a unique camelCase operationId and servers is set', async () => {
    const doc = await read();
    const ids = operations(doc).map(({ at, operation }) => operation.operationId ?? `missing at ${at}`);
    for (const id of ids) expect(id).to.match(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(doc.servers).to.deep.equal([{ url: '/' }]);
  });

  it('when an API operation answers JSON on success, then its schema describes the body (never a bare object)', async () => {
    const bare: string[] = [];
    for (const { at, operation } of operations(await read())) {
      if (!at.includes(' /v1/')) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        const schema = response.content?.['application/json']?.schema;
        if (!status.startsWith('2') || status === '204' || (response.content && !response.content['application/json'])) continue;
        if (!schema || Object.keys(schema).length === 0 || (schema.type === 'object' && !schema.properties)) bare.push(`${at} ${status}`);
      }
    }
    expect(bare).to.deep.equal([]);
  });

  it('when an operation is public, then it says security: []; otherwise it names the bearer scheme', async () => {
    for (const { at, operation } of operations(await read())) {
      if (operation['x-roles']?.includes('public') === false) expect(operation.security, at).to.deep.equal([{ bearer: [] }]);
      else if (operation['x-roles']) expect(operation.security, at).to.deep.equal([]);
    }
  });

  it('when a centre records a session or a citizen signs in, then the document lists the problem codes and shows examples', async () => {
    const doc = await read();
    const session = doc.paths['/v1/centres/{centreId}/vouchers/{code}/sessions']!.post!;
    expect(session.responses['409']!.description).to.include('`voucher_not_in_use`');
    expect(session.requestBody?.content['application/json']?.example).to.have.property('date');
    const token = doc.paths['/v1/auth/token']!.post!;
    expect(token.responses['401']!.description).to.include('`invalid_credentials`');
    expect(token.responses['200']!.content!['application/json']!.example).to.have.property('accessToken');
    expect(doc.paths['/v1/programmes/{code}/budget']!.post!.responses).to.have.keys('201', '202', '400', '401', '403', '404', '422');
  });

  it('when an operation may answer 409 or 422, then it lists the problem codes it answers with each', async () => {
    const unlisted = operations(await read()).flatMap(({ at, operation }) =>
      ['409', '422']
        .filter((status) => operation.responses[status] && !operation.responses[status].description.includes('`code` is one of'))
        .map((status) => `${at} ${status}`),
    );
    expect(unlisted).to.deep.equal([]);
  });

  it('when an operation needs a role, an Idempotency-Key or a body, then the codes the router answers are listed too', async () => {
    const doc = await read();
    const session = doc.paths['/v1/centres/{centreId}/vouchers/{code}/sessions']!.post!.responses;
    expect(session['400']!.description).to.include('`validation_failed`').and.include('`idempotency_key_missing`');
    expect(session['401']!.description).to.include('`unauthenticated`');
    expect(session['403']!.description).to.include('`forbidden`');
    expect(session['422']!.description).to.include('`idempotency_key_reused`').and.include('`non_billable_session`');
  });

  it('when an integrator reads the main calls, then each shows an example answer (and the request where it takes a body)', async () => {
    const doc = await read();
    const byId = new Map(operations(doc).map(({ operation }) => [operation.operationId, operation]));
    const missing: string[] = [];
    for (const [id, withRequest] of [
      ['listProgrammes', false],
      ['getProgramme', false],
      ['decideEligibility', true],
      ['claimRight', true],
      ['listMyEntitlements', false],
      ['orderVoucher', false],
      ['confirmVoucherPayment', true],
      ['registerVoucher', true],
      ['recordSession', true],
      ['closeVoucher', true],
      ['runSettlement', true],
      ['listStatements', false],
      ['verifyApplication', false],
      ['claimApplicationFunding', true],
      ['getStatement', false],
      ['approvePendingChange', false],
    ] as const) {
      const operation = byId.get(id)!;
      const shows = (content: { example?: unknown; examples?: object } | undefined) =>
        content?.example !== undefined || content?.examples !== undefined;
      if (!Object.values(operation.responses).some((response) => shows(response.content?.['application/json'])))
        missing.push(`${id} answer`);
      if (withRequest && !shows(operation.requestBody?.content['application/json'])) missing.push(`${id} request`);
    }
    expect(missing).to.deep.equal([]);
  });

  it('when a route answers a file, then the document names its media types', async () => {
    const doc = await read();
    const evidence = doc.paths['/v1/contests/{id}/evidence/{evidenceId}']!.get!.responses['200']!;
    expect(Object.keys(evidence.content!)).to.deep.equal(['application/pdf', 'image/jpeg', 'image/png']);
  });
});

describe('the examples in /openapi.json', () => {
  type Content = { schema: object; example?: unknown; examples?: Record<string, { summary: string; value: unknown }> };
  type Operation = {
    operationId: string;
    requestBody?: { content: Record<string, Content> };
    responses: Record<string, { content?: Record<string, Content> }>;
  };
  const readDocument = async () =>
    (await harness().http.get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
  /** Each example a media type shows, named, with its value. */
  const shownIn = (content: Content | undefined): [string, unknown][] => [
    ...(content?.example === undefined ? [] : [['example', content.example] as [string, unknown]]),
    ...Object.entries(content?.examples ?? {}).map(([name, example]): [string, unknown] => [name, example.value]),
  ];

  it('when an operation shows an example request or answer, then its own schema describes it', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const doc = await readDocument();
    const wrong: string[] = [];
    let shown = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const contents = [
          ['request', operation.requestBody?.content['application/json']] as const,
          ...Object.entries(operation.responses).map(([status, response]) => [status, response.content?.['application/json']] as const),
        ];
        for (const [where, content] of contents) {
          for (const [name, value] of shownIn(content)) {
            shown += 1;
            const validate = ajv.compile(content!.schema);
            if (!validate(value)) wrong.push(`${method} ${path} ${where} ${name}: ${ajv.errorsText(validate.errors)}`);
          }
        }
      }
    }
    expect(wrong).to.deep.equal([]);
    expect(shown).to.be.at.least(20);
  });

  it('when an integrator reads the claim, then it shows the body and answer of each kind of programme and the 202 of a draw', async () => {
    const claim = (await readDocument()).paths['/v1/programmes/{code}/claims']!.post!;
    const created = Object.keys(claim.responses['201']!.content!['application/json']!.examples ?? {});
    expect(created).to.deep.equal(['hoursVoucher', 'courseGrant', 'creditLots', 'accruingAccount']);
    expect(Object.keys(claim.responses['202']!.content!['application/json']!.examples ?? {})).to.deep.equal(['enteredIntoDraw']);
    const requests = claim.requestBody!.content['application/json']!.examples!;
    expect(requests.hoursVoucher!.value).to.deep.equal({});
    expect(requests.courseGrant!.value).to.have.property('courseId');
  });
});
