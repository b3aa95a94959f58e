// The administrator's home (/admin) and the auditor's (/auditor), issue 18: what needs attention,
// soonest first. First the pending changes waiting for a second administrator (the longest
// waiting first; not the ones this administrator proposed, which another must decide), then how
// much open work each area holds, each read from its component's public module, then every area
// of the navigation. An area adds its open work to ATTENTION and its link to the navigation.
import type { AppContext } from '../../../app-context.js';
import { listChanges, type PendingChange } from '../../../approvals/approvals.js';
import type { Principal, Role } from '../../../auth/principal.js';
import { listContests } from '../../../contests/contests.js';
import { openSignalCases } from '../../../signals/signals.js';
import { listDisputes } from '../../../vouchers/vouchers.js';
import { HOMES, NAVIGATION } from '../../navigation.js';
import { definePage } from '../../page.js';
import { canChange } from './admin-forms.js';
import { changesShown } from './pending-change-view.js';

/** Rows on the home; the rest waits on the list's own page. */
const HOME_LIST = 20;
/** Open work is counted up to this many; beyond it the home says 100+. */
const COUNT_UP_TO = 100;

type Count = { count: number; more: boolean };

const counted = (page: { items: unknown[]; nextCursor: string | null }): Count => ({
  count: page.items.length,
  more: page.nextCursor !== null,
});

/** Open work per area: its catalogue key (with {count}) and the area's page. */
const ATTENTION: readonly { key: string; href: string; count: (app: AppContext, user: Principal) => Promise<Count> }[] = [
  {
    key: 'adminHome.attention.disputes',
    href: '/admin/disputes',
    count: async (app) => counted(await listDisputes(app, { status: 'open', limit: COUNT_UP_TO })),
  },
  {
    key: 'adminHome.attention.contests',
    href: '/admin/contests',
    count: async (app) => counted(await listContests(app, { status: 'open' }, { limit: COUNT_UP_TO })),
  },
  { key: 'adminSignals.attention', href: '/admin/signals', count: (app) => openSignalCases(app, COUNT_UP_TO) },
];

/** Every pending change (newest first from the service), up to COUNT_UP_TO. */
async function pendingChanges(app: AppContext): Promise<{ changes: PendingChange[]; more: boolean }> {
  const page = await listChanges(app, { status: 'pending', limit: COUNT_UP_TO });
  return { changes: page.items, more: page.nextCursor !== null };
}

const homeOf = (role: Extract<Role, 'admin' | 'auditor'>) =>
  definePage({
    method: 'get',
    path: HOMES[role],
    access: [role],
    handle: async ({ app, user, t, format, language, render }) => {
      const pending = await pendingChanges(app);
      // An administrator decides the others' changes; their own wait for someone else.
      const waiting = pending.changes.filter((change) => change.requestedBy !== user.userId).reverse();
      const mine = pending.changes.length - waiting.length;
      const links = NAVIGATION[role].filter((item) => item.href !== HOMES[role]);
      const areas = new Set(links.map((item) => item.href));
      const attention = await Promise.all(
        ATTENTION.filter((area) => areas.has(area.href)).map(async (area) => {
          const { count, more } = await area.count(app, user);
          return { text: t(area.key, { count: more ? `${count}+` : count }), href: area.href, count };
        }),
      );
      render('pages/admin/home.njk', {
        role,
        canChange: canChange(user),
        waiting: await changesShown(app, waiting.slice(0, HOME_LIST), user, { t, format, language }),
        moreWaiting: waiting.length > HOME_LIST || pending.more,
        mine,
        attention: attention.filter((area) => area.count > 0),
        links: links.map((item) => ({ href: item.href, text: t(item.label) })),
      });
    },
  });

export const adminHomePages = [homeOf('admin'), homeOf('auditor')];
