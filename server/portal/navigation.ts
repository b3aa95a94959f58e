// Where each role lands after sign-in, and the links its pages show in the service navigation.
// The portals of each role add their items here (labels are catalogue keys).
import type { Role } from '../auth/principal.js';

export const HOMES: Readonly<Record<Role, string>> = { citizen: '/citizen', centre: '/centre', admin: '/admin', auditor: '/auditor' };

/** `only: 'centreAdmin'`: shown to a centre's own administrator only (res.locals.centreAdmin). */
export type NavigationItem = { href: string; label: string; only?: 'centreAdmin' };

/**
 * The administration areas, which administrators run and auditors read (the same pages: an
 * auditor's show no form that changes anything). Acting for a citizen is the administrators' own.
 */
const OVERSIGHT: readonly NavigationItem[] = [
  { href: '/admin/programmes', label: 'adminProgrammes.nav' },
  { href: '/admin/dashboards', label: 'adminDashboard.nav' },
  { href: '/admin/pending-changes', label: 'adminProgrammes.changes.nav' },
  { href: '/admin/centres', label: 'adminCentres.nav' },
  { href: '/admin/courses', label: 'adminCentres.courses.nav' },
  { href: '/admin/disputes', label: 'adminDisputes.nav' },
  { href: '/admin/contests', label: 'adminDisputes.contests.nav' },
  { href: '/admin/rule-sets', label: 'adminRules.nav' },
  { href: '/admin/reach', label: 'adminReach.nav' },
  { href: '/admin/monitoring', label: 'adminReach.monitoring.nav' },
  { href: '/admin/signals', label: 'adminSignals.nav' },
  { href: '/admin/settlement', label: 'adminSettlement.nav' },
  { href: '/admin/audit', label: 'adminAudit.nav' },
];

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
    { href: '/centre/contact', label: 'centreContact.nav' },
    { href: '/centre/audit', label: 'provider.audit.nav', only: 'centreAdmin' },
  ],
  admin: [{ href: HOMES.admin, label: 'nav.home' }, ...OVERSIGHT, { href: '/admin/assisted', label: 'adminAssisted.nav' }],
  auditor: [{ href: HOMES.auditor, label: 'nav.home' }, ...OVERSIGHT],
};
