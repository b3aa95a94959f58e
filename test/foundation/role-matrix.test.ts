// Every route of the route table against every role and no token. The expected roles are written
// here from the contract (docs/design/api.md), not read from the route table, so a route declared with the
// wrong roles fails this test, and so does a route added without a row here. Allowed callers may
// still get 404/400/409/422 (the ids are made up); what they must never get is 401 or 403.
import { expect } from 'chai';
import type { Role } from '../../server/auth/principal.js';
import { allRoutes } from '../../server/routes.js';
import { createActor, type Actor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';
import { samplePath } from '../support/route-samples.js';

type Allowed = readonly Role[] | 'public';

/** One row per route, keyed `<method> <path as declared>`. */
const CONTRACT: Record<string, Allowed> = {
  'post /v1/auth/token': 'public',
  'get /v1/audit': ['admin', 'auditor'],
  'get /v1/programmes': 'public',
  'get /v1/programmes/:code': 'public',
  'get /v1/programmes/:code/reach': ['admin', 'auditor'],
  'get /v1/programmes/:code/dashboard': ['admin', 'auditor'],
  'get /v1/monitoring/centres': ['admin', 'auditor'],
  'get /v1/programmes/:code/parameters': 'public',
  'post /v1/programmes': ['admin'],
  'patch /v1/programmes/:code/parameters': ['admin'],
  'post /v1/programmes/:code/budget': ['admin'],
  'post /v1/programmes/:code/top-ups': ['admin'],
  'get /v1/accounts/:id': ['admin', 'auditor'],
  'get /v1/accounts/:id/entries': ['admin', 'auditor'],
  'post /v1/centres': ['admin'],
  'get /v1/centres': 'public',
  'get /v1/centres/:id': ['centre', 'admin', 'auditor'],
  'patch /v1/centres/:id': ['centre', 'admin'],
  'post /v1/centres/:id/staff': ['admin'],
  'post /v1/centres/:id/staff/:userId/disable': ['admin'],
  'post /v1/centres/:id/staff/:userId/enable': ['admin'],
  'post /v1/me/password': ['citizen', 'centre', 'admin', 'auditor'],
  'post /v1/me/identities': ['citizen', 'centre', 'admin', 'auditor'],
  'post /v1/users/:id/tokens/end': ['admin'],
  'post /v1/centres/:id/accreditations': ['admin'],
  'get /v1/centres/:id/accreditations': ['centre', 'admin', 'auditor'],
  'patch /v1/accreditations/:id': ['admin'],
  'post /v1/centres/:centreId/courses': ['centre', 'admin'],
  'get /v1/centres/:centreId/courses': 'public',
  'post /v1/courses/:id/approval': ['admin'],
  'put /v1/centres/:centreId/courses/:id': ['centre', 'admin'],
  'put /v1/centres/:id/staff/:userId/centre-admin': ['admin'],
  'post /v1/citizens': ['admin'],
  'get /v1/citizens': ['admin', 'auditor'],
  'get /v1/citizens/:id': ['admin', 'auditor'],
  'put /v1/citizens/:id/facts': ['admin'],
  'get /v1/me': ['citizen'],
  'get /v1/applications/:reference': ['citizen', 'centre', 'admin', 'auditor'],
  'post /v1/programmes/:code/windows/:window/draw': ['admin'],
  'get /v1/programmes/:code/windows/:window/draw': ['admin', 'auditor'],
  'post /v1/applications/:reference/cancel': ['citizen'],
  'post /v1/centres/:centreId/applications/:reference/verify': ['centre'],
  'post /v1/centres/:centreId/applications/:reference/claim': ['centre'],
  'post /v1/centres/:centreId/applications/:reference/refuse': ['centre'],
  'get /v1/me/notifications': ['citizen', 'centre', 'admin', 'auditor'],
  'post /v1/me/notifications/:id/read': ['citizen', 'centre', 'admin', 'auditor'],
  'post /v1/settlements': ['admin'],
  'get /v1/centres/:id/statements': ['centre', 'admin', 'auditor'],
  'get /v1/statements/:id': ['centre', 'admin', 'auditor'],
  'post /v1/statements/:id/payment': ['admin'],
  'get /v1/settlements': ['admin', 'auditor'],
  'get /v1/settlements/:id': ['admin', 'auditor'],
  'post /v1/settlements/:id/payment-files': ['admin'],
  'get /v1/payment-files/:id/pain001': ['admin', 'auditor'],
  'put /v1/programmes/:code/debtor-account': ['admin'],
  'put /v1/centres/:id/bank-account': ['admin'],
  'post /v1/programmes/:code/eligibility': ['citizen', 'admin'],
  'get /v1/decisions/:id': ['citizen', 'admin', 'auditor'],
  'post /v1/decisions/:id/contests': ['citizen'],
  'get /v1/contests': ['admin', 'auditor'],
  'get /v1/contests/:id': ['citizen', 'admin', 'auditor'],
  'get /v1/contests/:id/evidence/:evidenceId': ['citizen', 'admin', 'auditor'],
  'post /v1/contests/:id/answer': ['admin'],
  'get /v1/signal-cases': ['admin', 'auditor'],
  'get /v1/signal-cases/:id': ['admin', 'auditor'],
  'post /v1/signal-cases/:id/close': ['admin'],
  'post /v1/signal-cases/detect': ['admin'],
  'get /v1/programmes/:code/rulesets': ['admin', 'auditor'],
  'post /v1/programmes/:code/rulesets': ['admin'],
  'get /v1/rulesets/:id': ['admin', 'auditor'],
  'get /v1/rulesets/:id/diff': ['admin', 'auditor'],
  'put /v1/rulesets/:id': ['admin'],
  'post /v1/rulesets/:id/simulate': ['admin'],
  'post /v1/rulesets/:id/approve': ['admin'],
  'post /v1/programmes/:code/claims': ['citizen'],
  'get /v1/me/entitlements': ['citizen'],
  'get /v1/entitlements/:id/ledger': ['citizen', 'admin', 'auditor'],
  'post /v1/entitlements/:id/vouchers': ['citizen'],
  'post /v1/vouchers/:code/payments': ['admin'],
  'post /v1/vouchers/:code/cancel': ['citizen'],
  'get /v1/vouchers/:code': ['citizen', 'admin', 'auditor'],
  'post /v1/vouchers/:code/disputes': ['citizen'],
  'post /v1/centres/:centreId/vouchers/:code/registration': ['centre'],
  'post /v1/centres/:centreId/vouchers/:code/sessions': ['centre'],
  'post /v1/centres/:centreId/vouchers/:code/close': ['centre'],
  'get /v1/disputes': ['admin', 'auditor'],
  'get /v1/disputes/:id': ['admin', 'auditor'],
  'post /v1/disputes/:id/resolution': ['admin'],
  'get /v1/pending-changes': ['admin', 'auditor'],
  'get /v1/pending-changes/:id': ['admin', 'auditor'],
  'post /v1/pending-changes/:id/approve': ['admin'],
  'post /v1/pending-changes/:id/reject': ['admin'],
  'post /v1/pending-changes/:id/withdraw': ['admin'],
};

const keyOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

describe('role matrix of the API contract', () => {
  const actors = new Map<Role, Actor>();

  before(async () => {
    const h = harness();
    const centre = await createCentre(h, { programme: 'LBC' });
    actors.set('centre', centre.staff);
    actors.set('citizen', (await createCitizen(h)).actor);
    actors.set('admin', await createActor(h, 'admin'));
    actors.set('auditor', await createActor(h, 'auditor'));
  });

  it('when a route is in the route table, then it has a row of expected roles here', () => {
    const missing = allRoutes.map(keyOf).filter((key) => !(key in CONTRACT));
    expect(missing, 'add a row to CONTRACT for each').to.deep.equal([]);
  });

  it('when a row is here, then its route is served', () => {
    const served = new Set(allRoutes.map(keyOf));
    expect(Object.keys(CONTRACT).filter((key) => !served.has(key))).to.deep.equal([]);
  });

  for (const route of allRoutes) {
    const allowed = CONTRACT[keyOf(route)];
    if (!allowed) continue;
    const { method } = route;
    const path = samplePath(route.path);
    it(`${method.toUpperCase()} ${route.path}: ${allowed === 'public' ? 'public' : allowed.join(', ')}`, async () => {
      const h = harness();
      const call = (actor?: Actor) => {
        const request = h.http[method](path).set('Idempotency-Key', `matrix-${Math.random()}`);
        return actor ? request.set(actor.auth) : request;
      };
      const anonymous = await call();
      if (allowed === 'public') {
        expect(anonymous.status).to.not.be.oneOf([401, 403]);
        expect(anonymous.status, 'no token').to.be.below(500);
      } else expect(anonymous.status, 'no token').to.equal(401);
      for (const [role, actor] of actors) {
        const res = await call(actor);
        if (allowed === 'public' || allowed.includes(role)) {
          // Past the role check the request may still be refused (404, 400, 422), but never break.
          expect(res.status, role).to.not.be.oneOf([401, 403]);
          expect(res.status, `${role}: ${JSON.stringify(res.body)}`).to.be.below(500);
        } else expect([res.status, res.body.code], role).to.deep.equal([403, 'forbidden']);
      }
    });
  }
});
