// What the audit trail pages share (the administrators' and auditors' log at /admin/audit and a
// centre administrator's own at /centre/audit): the filter form read from the query (who, what,
// when, entity), and each entry as people read it: when, who, what, to what, and the fields before
// and after the action side by side, never as raw JSON.
import type { AuditFilter, AuditView } from '../../../audit/audit-log.js';
import type { FormErrors } from '../../form-errors.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import { dateOf } from './admin-forms.js';

/** Entries per page. */
export const AUDIT_PAGE_SIZE = 25;

/** What the service records, for the "what" filter (the log takes any action; these are the ones written today). */
export const AUDIT_ACTIONS = [
  'accreditation.grant',
  'accreditation.suspend',
  'accreditation.revoke',
  'accreditation.reactivate',
  'account.topped_up',
  'application.verified',
  'application.claimed',
  'application.refused',
  'application.cancelled',
  'application.lapsed',
  'assisted_session.request',
  'assisted_session.start',
  'assisted_session.end',
  'centre.register',
  'centre.bank_account',
  'centre.staff.add',
  'centre.staff.disable',
  'centre.staff.enable',
  'centre.staff.admin_grant',
  'centre.staff.admin_revoke',
  'citizen.created',
  'citizen.facts.replaced',
  'contest.open',
  'contest.answer',
  'course.propose',
  'course.edit',
  'course.approve',
  'course.reject',
  'payment_file.created',
  'pending_change.requested',
  'pending_change.approved',
  'pending_change.rejected',
  'pending_change.withdrawn',
  'programme.opened',
  'programme.parameters.changed',
  'programme.budget.funded',
  'programme.debtor_account',
  'ruleset.drafted',
  'ruleset.edited',
  'ruleset.approved',
  'ruleset.superseded',
  'settlement.run',
  'signal_case.opened',
  'signal_case.closed',
  'statement.paid',
  'user.identity.link',
  'user.password.change',
  'user.sessions.end_others',
  'user.tokens.end',
  'voucher.registered',
  'voucher.session.recorded',
  'voucher.closed',
  'voucher.co_payment.confirmed',
  'voucher.dispute.upheld',
  'voucher.dispute.rejected',
] as const;

/** What a centre's own trail can hold: its staff's work and what administrators did to the centre. */
export const CENTRE_AUDIT_ACTIONS: readonly string[] = AUDIT_ACTIONS.filter((action) =>
  /^(accreditation|application\.(verified|claimed|refused)|centre\.|course\.|statement\.|user\.|voucher\.(registered|session|closed))/.test(
    action,
  ),
);

export const AUDIT_ENTITY_TYPES = [
  'accreditation',
  'account_top_up',
  'application',
  'assisted_session',
  'centre',
  'citizen',
  'contest',
  'course',
  'payment_file',
  'pending_change',
  'programme',
  'rule_set',
  'settlement_run',
  'signal_case',
  'statement',
  'user',
  'voucher',
  'voucher_dispute',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTRY_ID = /^\d{1,18}$/;
const DATE_PARTS = ['day', 'month', 'year'] as const;

export const AUDIT_FIELDS = [
  'who',
  'action',
  'entityType',
  'entityId',
  ...DATE_PARTS.map((p) => `from-${p}`),
  ...DATE_PARTS.map((p) => `to-${p}`),
];

/** The filter form's values as the query gave them (each a string, '' when absent). */
export function auditValues(query: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(AUDIT_FIELDS.map((name) => [name, typeof query[name] === 'string' ? query[name].trim().slice(0, 254) : '']));
}

export type AuditQuery = { filter: AuditFilter; before?: string; after?: string };

/**
 * The filter the form asks for, or its problems, each at the field it names. `staffIds`: on a
 * centre's trail "who" is one of its staff (a select); elsewhere an e-mail address or a user id.
 */
export function auditQueryOf(
  values: Record<string, string>,
  query: Record<string, unknown>,
  t: Translate,
  options: { actions: readonly string[]; staffIds?: readonly string[] },
): { ok: true; value: AuditQuery } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = { summary: [], fields: {} };
  const problem = (field: string, key: string) => {
    const text = t(key);
    errors.fields[field] = { text };
    errors.summary.push({ text, href: `#${field}` });
  };
  const filter: AuditFilter = {};
  const who = values.who ?? '';
  if (options.staffIds) {
    if (who && !options.staffIds.includes(who)) problem('who', 'adminAudit.errors.who');
    else if (who) filter.actorId = who;
  } else if (UUID.test(who)) filter.actorId = who.toLowerCase();
  else if (who) filter.actorEmail = who.toLowerCase();
  const action = values.action ?? '';
  if (action && !options.actions.includes(action)) problem('action', 'adminAudit.errors.action');
  else if (action) filter.action = action;
  const dates: Partial<Record<'from' | 'to', string>> = {};
  for (const end of ['from', 'to'] as const) {
    if (DATE_PARTS.every((part) => !values[`${end}-${part}`])) continue;
    const date = dateOf(values, end);
    // Year 0 and the like are dates to JavaScript, not to PostgreSQL: the log starts long after 1900 anyway.
    if (date && date >= '1900-01-01') dates[end] = date;
    else problem(`${end}-day`, `adminAudit.errors.${end}`);
  }
  if (dates.from && dates.to && dates.to < dates.from) problem('to-day', 'adminAudit.errors.order');
  filter.from = dates.from;
  filter.to = dates.to;
  const entityType = values.entityType ?? '';
  if (entityType && !(AUDIT_ENTITY_TYPES as readonly string[]).includes(entityType)) problem('entityType', 'adminAudit.errors.entityType');
  else if (entityType) filter.entityType = entityType;
  const entityId = values.entityId ?? '';
  if (entityId.length > 100) problem('entityId', 'adminAudit.errors.entityId');
  else if (entityId) filter.entityId = entityId;
  if (errors.summary.length) return { ok: false, errors };
  const cursor = (name: string) => (typeof query[name] === 'string' && ENTRY_ID.test(query[name]) ? query[name] : undefined);
  const before = cursor('before');
  const after = before ? undefined : cursor('after');
  return { ok: true, value: { filter, ...(before ? { before } : {}), ...(after ? { after } : {}) } };
}

/** The query string of the filter, for the pages' links (pagination, the CSV export). */
export const filterQuery = (values: Record<string, string>, extra: Record<string, string> = {}) =>
  new URLSearchParams(Object.entries({ ...values, ...extra }).filter(([, value]) => value !== '')).toString();

/** The catalogue's text at `key`, or `recorded` (an action, type or role the catalogue does not know yet is shown as recorded). */
function labelOr(t: Translate, key: string, recorded: string) {
  const label = t(key);
  return label === key ? recorded : label;
}

export const actionLabel = (t: Translate, action: string) => labelOr(t, `adminAudit.actions.${action.replace(/\./g, '_')}`, action);

export type ShownValue = { text: string; transactionId?: string };
export type ShownChange = { field: string; before: ShownValue; after: ShownValue };

const FINGERPRINT = /^hmac-sha256:[0-9a-f]{64}$/;

/** A JSON value as "path -> text" pairs: nested objects by dotted path, lists of plain values joined. */
function flatten(value: unknown, path: string, into: Map<string, unknown>) {
  const isPlainList = Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object');
  if (value !== null && typeof value === 'object' && !isPlainList) {
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index + 1), item] as const) : Object.entries(value);
    if (entries.length === 0) into.set(path, null);
    for (const [key, item] of entries) flatten(item, path ? `${path}.${key}` : key, into);
  } else into.set(path, value);
}

function shownValue(t: Translate, field: string, value: unknown): ShownValue {
  if (value === undefined || value === null) return { text: t('adminAudit.none') };
  if (typeof value === 'boolean') return { text: t(value ? 'adminAudit.yes' : 'adminAudit.no') };
  if (Array.isArray(value)) return { text: value.map((item) => String(item)).join(', ') };
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (FINGERPRINT.test(text)) return { text: t('adminAudit.fingerprint') };
  // A ledger transaction an action posted: the auditor follows it to its entries.
  if (/transactionid$/i.test(field) && UUID.test(text)) return { text, transactionId: text };
  return { text };
}

/** The fields the action set or changed, each with its value before and after. */
export function changesOf(t: Translate, before: unknown, after: unknown): ShownChange[] {
  const was = new Map<string, unknown>();
  const is = new Map<string, unknown>();
  flatten(before ?? {}, '', was);
  flatten(after ?? {}, '', is);
  const fields = [...new Set([...was.keys(), ...is.keys()])].filter((field) => field !== '').sort();
  return fields.map((field) => ({ field, before: shownValue(t, field, was.get(field)), after: shownValue(t, field, is.get(field)) }));
}

export type ShownEntry = {
  id: string;
  at: string;
  who: string;
  /** Assisted digital: the citizen's login the administrator acted for at the counter. */
  onBehalfOf?: string;
  action: string;
  entity: string;
  changes: ShownChange[];
};

/** `staffOnly`: only a user's e-mail is shown (a centre sees "the service" for everyone else). */
export function shownEntry(entry: AuditView, t: Translate, format: Formats, options: { staffOnly?: boolean } = {}): ShownEntry {
  const staff = entry.actor.role === 'centre' || !options.staffOnly;
  return {
    id: entry.id,
    at: `${format.date(entry.at)} ${entry.at.slice(11, 16)} UTC`,
    who: staff && entry.actor.email ? entry.actor.email : labelOr(t, `adminAudit.roles.${entry.actor.role}`, entry.actor.role),
    // A centre never learns which citizen was helped at the counter.
    ...(entry.onBehalfOf && !options.staffOnly ? { onBehalfOf: entry.onBehalfOf.email ?? entry.onBehalfOf.id } : {}),
    action: actionLabel(t, entry.action),
    entity: `${labelOr(t, `adminAudit.entities.${entry.entity.type}`, entry.entity.type)} ${entry.entity.id}`,
    changes: changesOf(t, entry.before, entry.after),
  };
}
