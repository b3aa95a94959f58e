// The audit log for administrators and auditors (issue 18, Auditor): every recorded action,
// newest first, filtered by who (an e-mail address or a user id), what, when and the entity it
// touched, each with its fields before and after; and the filtered rows as a CSV file (RFC 4180,
// written with the centre statement's field writer, so a cell a spreadsheet would run as a
// formula stays text). Read only: the same service as GET /v1/audit.
import type { Response } from 'express';
import { auditEntries, auditTrailPage, type AuditView } from '../../../audit/audit-log.js';
import { STAFF_READERS } from '../../../auth/principal.js';
import type { Translate } from '../../i18n.js';
import { definePage } from '../../page.js';
import { csvField } from '../centre/statement-files.js';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  AUDIT_PAGE_SIZE,
  actionLabel,
  auditQueryOf,
  auditValues,
  filterQuery,
  shownEntry,
} from './audit-view.js';

/** The export's columns: stable names a bookkeeper's or an investigator's tools can rely on. */
const CSV_COLUMNS = [
  'id',
  'at',
  'actor_role',
  'actor_id',
  'actor_email',
  'on_behalf_of_id',
  'on_behalf_of_email',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'request_id',
];

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

export function auditCsvLine(entry: AuditView): string {
  return [
    entry.id,
    entry.at,
    csvField(entry.actor.role),
    entry.actor.id ?? '',
    csvField(entry.actor.email ?? ''),
    entry.onBehalfOf?.id ?? '',
    csvField(entry.onBehalfOf?.email ?? ''),
    csvField(entry.action),
    csvField(entry.entity.type),
    csvField(entry.entity.id),
    csvField(json(entry.before)),
    csvField(json(entry.after)),
    csvField(entry.requestId ?? ''),
  ].join(',');
}

async function writeCsv(res: Response, entries: AsyncGenerator<AuditView>, today: string) {
  res.status(200).type('text/csv; charset=utf-8').attachment(`audit-log-${today}.csv`);
  // A byte order mark, so a spreadsheet reads the file as UTF-8 (as the statement's CSV does).
  res.write(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  for await (const entry of entries) res.write(`${auditCsvLine(entry)}\r\n`);
  res.end();
}

/** The filter form, as the query filled it in. */
const filterView = (t: Translate, values: Record<string, string>) => ({
  formAction: '/admin/audit',
  values,
  actions: AUDIT_ACTIONS.map((action) => ({ value: action, text: actionLabel(t, action) })).sort((a, b) => a.text.localeCompare(b.text)),
  entityTypes: AUDIT_ENTITY_TYPES.map((type) => ({ value: type, text: t(`adminAudit.entities.${type}`) })),
});

export const auditPages = [
  definePage({
    method: 'get',
    path: '/admin/audit',
    access: STAFF_READERS,
    handle: async ({ app, query, t, format, render }) => {
      const values = auditValues(query);
      const asked = auditQueryOf(values, query, t, { actions: AUDIT_ACTIONS });
      const view = { ...filterView(t, values), linkTransactions: true };
      if (!asked.ok) return render('pages/admin/audit/log.njk', { ...view, errors: asked.errors, entries: [] }, 400);
      const found = await auditTrailPage(app.sequelize, asked.value.filter, {
        limit: AUDIT_PAGE_SIZE,
        before: asked.value.before,
        after: asked.value.after,
      });
      const first = found.items[0];
      const last = found.items.at(-1);
      render('pages/admin/audit/log.njk', {
        ...view,
        entries: found.items.map((entry) => shownEntry(entry, t, format)),
        exportHref: `/admin/audit/export?${filterQuery(values)}`,
        pagination: {
          previous: found.newer && first ? { href: `/admin/audit?${filterQuery(values, { after: first.id })}` } : undefined,
          next: found.older && last ? { href: `/admin/audit?${filterQuery(values, { before: last.id })}` } : undefined,
        },
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/admin/audit/export',
    access: STAFF_READERS,
    handle: async ({ app, query, t, res, render }) => {
      const values = auditValues(query);
      const asked = auditQueryOf(values, query, t, { actions: AUDIT_ACTIONS });
      if (!asked.ok) {
        return render('pages/admin/audit/log.njk', { ...filterView(t, values), errors: asked.errors, entries: [] }, 400);
      }
      await writeCsv(res, auditEntries(app.sequelize, asked.value.filter), app.clock.today());
    },
  }),
];
