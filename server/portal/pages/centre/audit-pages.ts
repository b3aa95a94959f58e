// A centre administrator's own audit trail (issue 17, journey 6): everything recorded for their
// centre, by its staff (cheques registered, sessions, closes, applications verified, claimed or
// refused, courses, staff added or disabled) and by the service's administrators on it (its
// accreditations, courses, staff logins, statements), newest first, filtered by who, what and
// when. Only the centre's administrator reads it; other staff get the portal's 404, and no other
// centre's entry can match (the audit service scopes the query to the centre). Entries name
// cheques by their id, never by code or client number; an administrator is shown by role only.
import { auditTrailPage } from '../../../audit/audit-log.js';
import { centreStaff, isCentreAdministrator } from '../../../centres/centres.js';
import { notFound } from '../../../errors.js';
import { definePage } from '../../page.js';
import {
  AUDIT_PAGE_SIZE,
  CENTRE_AUDIT_ACTIONS,
  actionLabel,
  auditQueryOf,
  auditValues,
  filterQuery,
  shownEntry,
} from '../admin/audit-view.js';

export const centreAuditPages = [
  definePage({
    method: 'get',
    path: '/centre/audit',
    access: ['centre'],
    handle: async ({ app, user, query, t, format, render }) => {
      if (!user.centreId || !(await isCentreAdministrator(app, user))) throw notFound('Page');
      const centreId = user.centreId;
      const staff = await centreStaff(app, centreId);
      const values = auditValues(query);
      const view = {
        titleKey: 'provider.audit.title',
        leadKey: 'provider.audit.lead',
        formAction: '/centre/audit',
        values,
        staff: staff.map((member) => ({ id: member.id, email: member.email })),
        actions: CENTRE_AUDIT_ACTIONS.map((action) => ({ value: action, text: actionLabel(t, action) })).sort((a, b) =>
          a.text.localeCompare(b.text),
        ),
      };
      const asked = auditQueryOf(values, query, t, { actions: CENTRE_AUDIT_ACTIONS, staffIds: staff.map((member) => member.id) });
      if (!asked.ok) return render('pages/admin/audit/log.njk', { ...view, errors: asked.errors, entries: [] }, 400);
      const found = await auditTrailPage(
        app.sequelize,
        { ...asked.value.filter, centreId },
        { limit: AUDIT_PAGE_SIZE, before: asked.value.before, after: asked.value.after },
      );
      const first = found.items[0];
      const last = found.items.at(-1);
      render('pages/admin/audit/log.njk', {
        ...view,
        entries: found.items.map((entry) => shownEntry(entry, t, format, { staffOnly: true })),
        pagination: {
          previous: found.newer && first ? { href: `/centre/audit?${filterQuery(values, { after: first.id })}` } : undefined,
          next: found.older && last ? { href: `/centre/audit?${filterQuery(values, { before: last.id })}` } : undefined,
        },
      });
    },
  }),
];
