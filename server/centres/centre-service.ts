// Centres: registration by an administrator, the public list of centres accredited today, and
// one centre with its mandates for those allowed to see it.
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { inTransaction } from '../db/database.js';
import { findProgramme } from '../programmes/programmes.js';
import { toPage } from '../shared/pagination.js';
import type { Transaction } from 'sequelize';
import { cursorAfter } from './list-cursor.js';
import { byNearness, contactOf, type ContactChanges } from './centre-contact.js';
import {
  findCentreWithAccreditations,
  insertCentre,
  listAccreditedCentres,
  listRegisteredCentres,
  updateCentreContact,
  type Centre,
} from './centre-store.js';
import { isEnabledCentreAdmin } from './staff-store.js';

export async function registerCentre(
  app: AppContext,
  actor: Principal,
  input: { name: string; enterpriseNumber: string; email: string; requestId: string } & ContactChanges,
  transaction?: Transaction,
) {
  return inTransaction(app.sequelize, transaction, async (t) => {
    const centre = await insertCentre(app.sequelize, input, t);
    if (!centre) {
      throw conflict('centre_exists', `A centre with enterprise number ${input.enterpriseNumber} is already registered.`, {
        errors: [{ path: '/enterpriseNumber', message: 'is already registered' }],
      });
    }
    await recordAudit(app.sequelize, t, {
      actor,
      action: 'centre.register',
      entityType: 'centre',
      entityId: centre.id,
      before: null,
      after: centre,
      requestId: input.requestId,
    });
    return centre;
  });
}

export async function listCentres(app: AppContext, query: { programme?: string | undefined; limit: number; cursor?: string | undefined }) {
  const after = cursorAfter(query.cursor, 'text');
  if (query.programme !== undefined && !(await findProgramme(app.sequelize, query.programme)))
    throw notFound(`Programme ${query.programme}`);
  const rows = await listAccreditedCentres(app.sequelize, {
    onDate: app.clock.today(),
    programme: query.programme,
    after,
    limit: query.limit + 1,
  });
  return toPage(
    rows,
    query.limit,
    (row) => [row.name, row.id],
    (row) => row,
  );
}

/**
 * Changes a centre's contact details (PATCH /v1/centres/:id), audited with the details before and
 * after: by the service's administrators, or by the centre's own administrator (an enabled staff
 * login marked centre_admin; the router's `centreParam` has already kept other centres' staff out).
 * A change to what the centre already shows writes nothing and audits nothing.
 */
export async function changeCentreContact(
  app: AppContext,
  actor: Principal,
  input: { centreId: string; contact: ContactChanges; requestId: string },
  transaction?: Transaction,
): Promise<Centre> {
  return inTransaction(app.sequelize, transaction, async (t) => {
    if (
      actor.role !== 'admin' &&
      !(actor.role === 'centre' && (await isEnabledCentreAdmin(app.sequelize, { centreId: input.centreId, userId: actor.userId })))
    )
      throw forbidden("Only an administrator or the centre's own administrator may change its contact details.");
    const changed = await updateCentreContact(app.sequelize, input.centreId, input.contact, t);
    if (!changed) throw notFound('Centre');
    const [before, after] = [contactOf(changed.before), contactOf(changed.after)];
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAudit(app.sequelize, t, {
        actor,
        action: 'centre.contact',
        entityType: 'centre',
        entityId: input.centreId,
        before,
        after,
        requestId: input.requestId,
      });
    }
    return changed.after;
  });
}

/**
 * Every centre accredited today for the programme, nearest `postcode` first (the longest postcode
 * prefix shared, then by name; centre-contact.ts says why), or by name without one: the page from
 * `offset`, and how many there are. A programme accredits some hundreds of centres, not more: they
 * are ordered here, not in SQL, so the rule stays one small function.
 */
export async function centresNear(
  app: AppContext,
  query: { programme: string; postcode: string | undefined; offset: number; limit: number },
): Promise<{ items: ListedCentres; total: number }> {
  const all = await listAccreditedCentres(app.sequelize, {
    onDate: app.clock.today(),
    programme: query.programme,
    after: undefined,
    limit: null,
  });
  return { items: byNearness(all, query.postcode).slice(query.offset, query.offset + query.limit), total: all.length };
}

type ListedCentres = Awaited<ReturnType<typeof listAccreditedCentres>>;

/** Who may read it (staff of this centre only) is the route's `centreParam`, checked by the router. */
export async function describeCentre(app: AppContext, id: string) {
  const centre = await findCentreWithAccreditations(app.sequelize, id);
  if (!centre) throw notFound('Centre');
  return centre;
}

/**
 * Every registered centre by name, accredited or not, with how many accreditations it holds in
 * each status (the administrators' list): a page from `offset`, and how many there are. `search`
 * finds a part of the name or enterprise number, taken literally.
 */
export async function registeredCentres(app: AppContext, query: { search?: string | undefined; offset: number; limit: number }) {
  // No name or number holds a control character (PostgreSQL refuses NUL in text): such a search finds nothing.
  if (query.search !== undefined && /\p{Cc}/u.test(query.search)) return { items: [], total: 0 };
  const search = query.search?.trim() ? query.search.trim().replace(/[\\%_]/g, '\\$&') : undefined;
  return listRegisteredCentres(app.sequelize, { search, offset: query.offset, limit: query.limit });
}
