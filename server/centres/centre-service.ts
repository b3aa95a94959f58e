// Centres: registration by an administrator, the public list of centres accredited today, and
// one centre with its mandates for those allowed to see it.
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { conflict, notFound } from '../errors.js';
import { inTransaction } from '../db/database.js';
import { findProgramme } from '../programmes/programmes.js';
import { toPage } from '../shared/pagination.js';
import type { Transaction } from 'sequelize';
import { cursorAfter } from './list-cursor.js';
import { findCentreWithAccreditations, insertCentre, listAccreditedCentres, listRegisteredCentres } from './centre-store.js';

export async function registerCentre(
  app: AppContext,
  actor: Principal,
  input: { name: string; enterpriseNumber: string; email: string; requestId: string },
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
