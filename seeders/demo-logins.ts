// The demo accounts, in one list: the seeders create them, `npm start` prints them and the
// README lists them. Every one has the password DEMO_PASSWORD (default "demo-password").
import type { Role } from '../server/auth/principal.js';

export type DemoLogin = { email: string; role: Role; name: string; what: string };

export const DEMO_STAFF: DemoLogin[] = [
  { email: 'admin@demo.test', role: 'admin', name: 'Ada Admin', what: 'administrator: programmes, centres, budgets, rule sets, settlement' },
  { email: 'approver@demo.test', role: 'admin', name: 'Arno Approver', what: 'second administrator: approves rule sets (four eyes)' },
  { email: 'auditor@demo.test', role: 'auditor', name: 'Aude Auditor', what: 'auditor: reads everything, changes nothing' },
];

/** Filled in by the seeders of centres and citizens, which own those accounts. */
export const DEMO_LOGINS: DemoLogin[] = [...DEMO_STAFF];
