// Where each role lands after sign-in, and the links its pages show in the service navigation.
// The portals of each role add their items here (labels are catalogue keys).
import type { Role } from '../auth/principal.js';

export const HOMES: Readonly<Record<Role, string>> = { citizen: '/citizen', centre: '/centre', admin: '/admin', auditor: '/auditor' };

export type NavigationItem = { href: string; label: string };

export const NAVIGATION: Readonly<Record<Role, readonly NavigationItem[]>> = {
  citizen: [
    { href: HOMES.citizen, label: 'nav.home' },
    { href: '/citizen/eligibility', label: 'eligibility.nav' },
    { href: '/citizen/cheques', label: 'cheque.nav' },
    { href: '/citizen/account', label: 'account.nav' },
    { href: '/citizen/courses', label: 'courses.nav' },
    { href: '/citizen/contests', label: 'contest.nav' },
    { href: '/citizen/notifications', label: 'notices.nav' },
    { href: '/citizen/sign-ins', label: 'signins.nav' },
  ],
  centre: [
    { href: HOMES.centre, label: 'nav.home' },
    { href: '/centre/cheques/register', label: 'centre.nav.register' },
    { href: '/centre/applications', label: 'provider.applications.nav' },
    { href: '/centre/courses', label: 'provider.courses.nav' },
    { href: '/centre/statements', label: 'provider.statements.nav' },
    { href: '/centre/staff', label: 'provider.staff.nav' },
  ],
  admin: [{ href: HOMES.admin, label: 'nav.home' }],
  auditor: [{ href: HOMES.auditor, label: 'nav.home' }],
};
