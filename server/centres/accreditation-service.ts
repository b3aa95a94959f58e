// Mandates of centres per programme: granting one, suspending, reactivating or revoking it, and
// reading them. Every change is audited with the state before and after, and every status change
// carries its reason (a suspension must be explainable later; docs/design/domain.md, the STAP lesson).
import type { Transaction } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { auditLogPage, recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction } from '../db/database.js';
import { findProgramme } from '../programmes/programmes.js';
import { conflict, invalidField, notFound, RuleViolation } from '../errors.js';
import { toPage } from '../shared/pagination.js';
import {
  findAccreditation,
  insertAccreditation,
  latestReapplyDate,
  listAccreditations,
  overlappingAccreditations,
  updateAccreditationStatus,
} from './accreditation-store.js';
import { cursorAfter } from './list-cursor.js';
import type { AccreditationStatus } from './accreditation-model.js';
import { findCentre } from './centre-store.js';

type Grant = { centreId: string; programme: string; validFrom: string; validTo: string; requestId: string };

export async function grantAccreditation(app: AppContext, actor: Principal, grant: Grant, transaction?: Transaction) {
  return inTransaction(app.sequelize, transaction, async (t) => {
    // Locking the centre serialises grants for it, so two overlapping mandates cannot both pass.
    if (!(await findCentre(app.sequelize, grant.centreId, { transaction: t, lock: true }))) throw notFound('Centre');
    if (!(await findProgramme(app.sequelize, grant.programme, t))) {
      throw new RuleViolation('unknown_programme', `There is no programme ${grant.programme}.`, {
        errors: [{ path: '/programme', message: 'is not a programme of this service' }],
      });
    }
    const reapplyAfter = await latestReapplyDate(app.sequelize, grant.centreId, grant.programme, t);
    // A backdated mandate may not cover the waiting period either.
    if (reapplyAfter !== undefined && (app.clock.today() < reapplyAfter || grant.validFrom < reapplyAfter)) {
      throw conflict(
        'reapply_too_early',
        `This centre's ${grant.programme} accreditation was revoked; it may apply again from ${reapplyAfter}.`,
        { reapplyAfter },
      );
    }
    const [overlap] = await overlappingAccreditations(app.sequelize, grant, t);
    if (overlap) {
      throw conflict(
        'accreditation_overlaps',
        `The centre already has a ${overlap.status} ${grant.programme} accreditation from ${overlap.validFrom} to ${overlap.validTo}.`,
        {
          accreditationId: overlap.id,
        },
      );
    }
    const accreditation = await insertAccreditation(app.sequelize, { ...grant, at: app.clock.now() }, t);
    await recordAudit(app.sequelize, t, {
      actor,
      action: 'accreditation.grant',
      entityType: 'accreditation',
      entityId: accreditation.id,
      before: null,
      after: accreditation,
      requestId: grant.requestId,
    });
    return accreditation;
  });
}

type StatusChange = { id: string; status: AccreditationStatus; reason: string; reapplyAfter?: string | undefined; requestId: string };

export async function changeAccreditationStatus(app: AppContext, actor: Principal, change: StatusChange, transaction?: Transaction) {
  const today = app.clock.today();
  if (change.reapplyAfter !== undefined && change.reapplyAfter <= today)
    throw invalidField('/reapplyAfter', `must be a date after today (${today})`);
  return inTransaction(app.sequelize, transaction, async (t) => {
    const before = await findAccreditation(app.sequelize, change.id, { transaction: t, lock: true });
    if (!before) throw notFound('Accreditation');
    if (before.status === 'revoked')
      throw conflict('accreditation_revoked', 'A revoked accreditation is final; the centre must apply for a new one.');
    if (before.status === change.status) throw conflict('status_unchanged', `The accreditation is already ${change.status}.`);
    const after = await updateAccreditationStatus(
      app.sequelize,
      { id: change.id, status: change.status, reason: change.reason, reapplyAfter: change.reapplyAfter ?? null, at: app.clock.now() },
      t,
    );
    await recordAudit(app.sequelize, t, {
      actor,
      action: `accreditation.${change.status === 'active' ? 'reactivate' : change.status === 'suspended' ? 'suspend' : 'revoke'}`,
      entityType: 'accreditation',
      entityId: after.id,
      before,
      after,
      requestId: change.requestId,
    });
    return after;
  });
}

export async function listCentreAccreditations(app: AppContext, centreId: string, page: { limit: number; cursor?: string | undefined }) {
  const after = cursorAfter(page.cursor, 'date');
  if (!(await findCentre(app.sequelize, centreId))) throw notFound('Centre');
  const rows = await listAccreditations(app.sequelize, centreId, { after, limit: page.limit + 1 });
  return toPage(
    rows,
    page.limit,
    (row) => [row.validFrom, row.id],
    (row) => row,
  );
}

/** How many changes of one accreditation its history shows: a grant and a few status changes in practice. */
const HISTORY_LIMIT = 50;

export type AccreditationEvent = { at: string; action: string; actorId: string | null; reason: string | null; reapplyAfter: string | null };

/**
 * The recorded changes of each of the centre's accreditations (grant, suspend, reactivate,
 * revoke), newest first, by accreditation id: the audit log is where they are kept, each with
 * who made it and the reason given.
 */
export async function accreditationHistory(app: AppContext, accreditationIds: readonly string[]) {
  const history = new Map<string, AccreditationEvent[]>();
  for (const id of accreditationIds) {
    const page = await auditLogPage(app.sequelize, { entityType: 'accreditation', entityId: id }, { limit: HISTORY_LIMIT });
    history.set(
      id,
      page.items.map((entry) => {
        const after = (entry.after ?? {}) as { reason?: unknown; reapplyAfter?: unknown };
        return {
          at: entry.at,
          action: entry.action,
          actorId: entry.actor.id,
          reason: typeof after.reason === 'string' ? after.reason : null,
          reapplyAfter: typeof after.reapplyAfter === 'string' ? after.reapplyAfter : null,
        };
      }),
    );
  }
  return history;
}
