// A pending change as the administrator's pages show it: its kind, who proposed it and when,
// and what it would change (before and after). A programme's parameters read through the
// programme's kind (money with its currency, hours, dates); a kind of change the pages do not
// know yet shows its payload's values as they are.
import type { AppContext } from '../../../app-context.js';
import type { PendingChange } from '../../../approvals/approvals.js';
import { userNames } from '../../../auth/account-service.js';
import type { Principal } from '../../../auth/principal.js';
import { describeProgramme, parametersOn, PROGRAMME_KINDS } from '../../../programmes/programmes.js';
import { lookUp } from '../../i18n.js';
import { differences, type Difference, type Shown } from './programme-view.js';

export type ChangeShown = {
  id: string;
  kind: string;
  kindCode: string;
  target: string;
  /** Where the change's object is read, when the portal has a page for it. */
  targetHref?: string;
  proposedBy: string;
  mine: boolean;
  proposedOn: string;
  status: string;
  statusCode: PendingChange['status'];
  decidedBy?: string;
  decidedOn?: string;
  reason: string | null;
  differences: Difference[];
  /** Whether `differences` holds a before (a change of existing values) or only the new values. */
  hasBefore: boolean;
};

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

async function whatOf(app: AppContext, change: PendingChange, shown: Shown): Promise<{ differences: Difference[]; hasBefore: boolean }> {
  const payload = change.payload;
  const plain = (entries: [string, unknown][]) =>
    entries.map(([name, value]) => ({ name, label: labelOf(shown, name), before: '', after: text(value) }));
  if (change.kind === 'programme_parameters') {
    // A programme is never deleted: the one a parameter change names is there.
    const programme = await describeProgramme(app, change.targetId);
    const values = record(payload.values);
    // Before: the version the change would follow, with the amounts in force when it was proposed.
    const follows =
      typeof payload.effectiveFrom === 'string' ? await parametersOn(app.sequelize, programme.code, payload.effectiveFrom) : {};
    const before = { ...(follows ?? {}), ...record(payload.inForce) };
    return { differences: differences(shown, programme.kind, programme.currency, before, { ...before, ...values }), hasBefore: true };
  }
  if (change.kind === 'programme_opening') {
    const kind = PROGRAMME_KINDS.find((candidate) => candidate === payload.kind);
    const currency = typeof payload.currency === 'string' ? payload.currency : '';
    const names = record(payload.names);
    const own = plain([
      ['kind', kind ? shown.t(`adminProgrammes.kind.${kind}`) : payload.kind],
      ['nameEn', names.en],
      ['nameNl', names.nl],
      ['currency', currency],
      ['effectiveFrom', typeof payload.effectiveFrom === 'string' ? shown.format.date(payload.effectiveFrom) : payload.effectiveFrom],
    ]);
    const values = kind
      ? differences(shown, kind, currency, undefined, record(payload.values))
      : plain(Object.entries(record(payload.values)));
    return { differences: [...own, ...values], hasBefore: false };
  }
  const amount = record(payload.amount ?? payload.total);
  const funder = record(payload.funder);
  const entries = Object.entries(payload).map(([name, value]): [string, unknown] => {
    if ((name === 'amount' || name === 'total') && typeof amount.amount === 'string' && typeof amount.currency === 'string')
      return [name, shown.format.money(amount.amount, amount.currency)];
    // A top-up's funder as people name it: "Région Sud (region)".
    if (name === 'funder' && typeof funder.name === 'string' && typeof funder.type === 'string')
      return [name, `${funder.name} (${funder.type})`];
    return [name, value];
  });
  return { differences: plain(entries.filter(([, value]) => value !== null && value !== undefined)), hasBefore: false };
}

const labelOf = ({ t, language }: Shown, name: string) =>
  lookUp(language, `adminProgrammes.changes.field.${name}`) === undefined ? name : t(`adminProgrammes.changes.field.${name}`);

const targetHrefOf = (change: PendingChange) => {
  if (change.kind === 'programme_parameters' || change.kind === 'budget_funding')
    return `/admin/programmes/${encodeURIComponent(change.targetId)}`;
  // A top-up's target is the top-up to be; the programme it tops up is in what was asked.
  if (change.kind === 'account_top_up' && typeof change.payload.programme === 'string')
    return `/admin/programmes/${encodeURIComponent(change.payload.programme)}`;
  if (change.kind === 'statement_payment') return `/admin/settlement/statements/${encodeURIComponent(change.targetId)}`;
  return undefined;
};

/** The changes as their pages show them; `user` is the reader (their own changes say so). */
export async function changesShown(
  app: AppContext,
  changes: readonly PendingChange[],
  user: Principal,
  shown: Shown,
): Promise<ChangeShown[]> {
  const { t, format } = shown;
  const people = await userNames(
    app,
    changes.flatMap((change) => [change.requestedBy, ...(change.decidedBy ? [change.decidedBy] : [])]),
  );
  const who = (id: string) =>
    id === user.userId ? t('adminProgrammes.changes.you') : (people.get(id)?.name ?? t('adminProgrammes.changes.someone'));
  return Promise.all(
    changes.map(async (change) => {
      const what = await whatOf(app, change, shown);
      const href = targetHrefOf(change);
      return {
        id: change.id,
        kind: t(`adminProgrammes.changes.kind.${change.kind}`),
        kindCode: change.kind,
        target: change.targetId,
        ...(href ? { targetHref: href } : {}),
        proposedBy: who(change.requestedBy),
        mine: change.requestedBy === user.userId,
        proposedOn: format.date(change.requestedAt),
        status: t(`adminProgrammes.changes.status.${change.status}`),
        statusCode: change.status,
        ...(change.decidedBy ? { decidedBy: who(change.decidedBy) } : {}),
        ...(change.decidedAt ? { decidedOn: format.date(change.decidedAt) } : {}),
        reason: change.reason,
        ...what,
      };
    }),
  );
}
