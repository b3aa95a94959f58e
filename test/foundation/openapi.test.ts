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
