// Each role's home, where sign-in lands: who is signed in and what they can do. The portal of
// each role fills its own.
import type { Role } from '../../auth/principal.js';
import { HOMES, NAVIGATION } from '../navigation.js';
import { definePage } from '../page.js';

const homeOf = (role: Role) =>
  definePage({
    method: 'get',
    path: HOMES[role],
    access: [role],
    handle: ({ user, t, render }) =>
      render('pages/home.njk', {
        role,
        links: NAVIGATION[role].filter((item) => item.href !== HOMES[role]).map((item) => ({ href: item.href, text: t(item.label) })),
        email: user.email,
      }),
  });

// The centre's home is its own (pages/centre/home-pages.ts), and so are the administrator's and
// the auditor's (pages/admin/home-pages.ts).
export const homePages = (['citizen'] as const).map(homeOf);
