// Every route group of api.md against every role and no token. The expected roles are written
// here from the contract, not read from the route table, so a route declared with the wrong
// roles fails this test. Allowed callers may still get 404/400/409/422 (the ids are made up);
// what they must never get is 401 or 403.
import { expect } from 'chai';
import type { Role } from '../../server/auth/principal.js';
import { createActor, type Actor } from '../support/actors.js';
import { createCentre } from '../support/centre-factory.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';

const ID = '00000000-0000-4000-8000-000000000000';
type Row = [method: 'get' | 'post' | 'put' | 'patch', path: string, allowed: readonly Role[] | 'public'];

const CONTRACT: Row[] = [
  ['get', '/v1/programmes', 'public'],
  ['get', '/v1/programmes/LBC', 'public'],
  ['patch', '/v1/programmes/LBC/parameters', ['admin']],
  ['post', '/v1/programmes/LBC/budget', ['admin']],
  ['post', '/v1/citizens', ['admin']],
  ['get', `/v1/citizens/${ID}`, ['admin', 'auditor']],
  ['put', `/v1/citizens/${ID}/facts`, ['admin']],
  ['get', '/v1/me', ['citizen']],
  ['get', '/v1/centres?programme=LBC', 'public'],
  ['post', '/v1/centres', ['admin']],
  ['post', `/v1/centres/${ID}/staff`, ['admin']],
  ['post', `/v1/centres/${ID}/accreditations`, ['admin']],
  ['patch', `/v1/accreditations/${ID}`, ['admin']],
  ['get', `/v1/centres/${ID}/courses`, 'public'],
  ['post', `/v1/centres/${ID}/courses`, ['centre', 'admin']],
  ['post', `/v1/courses/${ID}/approval`, ['admin']],
  ['post', '/v1/programmes/LBC/eligibility', ['citizen', 'admin']],
  ['get', `/v1/decisions/${ID}`, ['citizen', 'admin', 'auditor']],
  ['get', '/v1/programmes/LBC/rulesets', ['admin', 'auditor']],
  ['post', '/v1/programmes/LBC/rulesets', ['admin']],
  ['get', `/v1/rulesets/${ID}`, ['admin', 'auditor']],
  ['put', `/v1/rulesets/${ID}`, ['admin']],
  ['post', `/v1/rulesets/${ID}/simulate`, ['admin']],
  ['post', `/v1/rulesets/${ID}/approve`, ['admin']],
  ['post', '/v1/programmes/LBC/claims', ['citizen']],
  ['get', '/v1/me/entitlements', ['citizen']],
  ['get', `/v1/entitlements/${ID}/ledger`, ['citizen', 'admin', 'auditor']],
  ['post', `/v1/entitlements/${ID}/vouchers`, ['citizen']],
  ['post', '/v1/vouchers/LBC-0000000000/payments', ['admin']],
  ['post', '/v1/vouchers/LBC-0000000000/cancel', ['citizen']],
  ['post', '/v1/vouchers/LBC-0000000000/disputes', ['citizen']],
  ['post', `/v1/centres/${ID}/vouchers/LBC-0000000000/registration`, ['centre']],
  ['post', `/v1/centres/${ID}/vouchers/LBC-0000000000/sessions`, ['centre']],
  ['post', `/v1/centres/${ID}/vouchers/LBC-0000000000/close`, ['centre']],
  ['post', `/v1/centres/${ID}/applications/ITA-0000000000/verify`, ['centre']],
  ['post', `/v1/centres/${ID}/applications/ITA-0000000000/claim`, ['centre']],
  ['post', '/v1/applications/ITA-0000000000/cancel', ['citizen']],
  ['post', '/v1/settlements', ['admin']],
  ['get', `/v1/centres/${ID}/statements`, ['centre', 'admin', 'auditor']],
  ['post', `/v1/statements/${ID}/payment`, ['admin']],
  ['get', '/v1/audit', ['admin', 'auditor']],
];

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

  for (const [method, path, allowed] of CONTRACT) {
    it(`${method.toUpperCase()} ${path}: ${allowed === 'public' ? 'public' : allowed.join(', ')}`, async () => {
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
