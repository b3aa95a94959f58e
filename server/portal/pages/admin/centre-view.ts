// A centre's staff and accreditations as the administrators' centre page shows them: dates in the
// reader's language, and for each accreditation what may be done with it and its history.
import type { AccreditationEvent, centreStaff, describeCentre } from '../../../centres/centres.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';

type Staff = Awaited<ReturnType<typeof centreStaff>>;
type Accreditation = Awaited<ReturnType<typeof describeCentre>>['accreditations'][number];

/** What may be done to an accreditation in each status; a revoked one is final (the centre applies again). */
export const CHANGES = {
  suspend: { from: ['active'], to: 'suspended' },
  restore: { from: ['suspended'], to: 'active' },
  revoke: { from: ['active', 'suspended'], to: 'revoked' },
} as const;
export type ChangeName = keyof typeof CHANGES;

export const staffRows = (staff: Staff, format: Formats) =>
  staff.map((member) => ({
    id: member.id,
    name: member.name,
    email: member.email,
    admin: member.centreAdmin,
    disabledOn: member.disabledAt ? format.date(member.disabledAt) : undefined,
  }));

export const accreditationRows = (
  accreditations: readonly Accreditation[],
  history: ReadonlyMap<string, readonly AccreditationEvent[]>,
  format: Formats,
  t: Translate,
) =>
  accreditations.map((accreditation) => ({
    id: accreditation.id,
    programme: accreditation.programme,
    window: t('adminCentres.accreditations.window', { from: format.date(accreditation.validFrom), to: format.date(accreditation.validTo) }),
    status: accreditation.status,
    reason: accreditation.reason,
    reapplyAfter: accreditation.reapplyAfter ? format.date(accreditation.reapplyAfter) : undefined,
    changes: (Object.keys(CHANGES) as ChangeName[]).filter((name) =>
      (CHANGES[name].from as readonly string[]).includes(accreditation.status),
    ),
    history: (history.get(accreditation.id) ?? []).map((event) => ({
      on: format.date(event.at),
      what: t(`adminCentres.history.${event.action.replace(/^accreditation\./, '')}`),
      reason: event.reason,
      reapplyAfter: event.reapplyAfter ? format.date(event.reapplyAfter) : undefined,
    })),
  }));
