// How each kind of approved change is applied, from the components that own the kinds. Approvals
// imports none of them (they import approvals); the API's approval routes and the administrator's
// portal both hand this one table to it, so a change is applied alike through either.
import { accountsChangeAppliers } from './accounts/accounts.js';
import type { ChangeAppliers } from './approvals/approvals.js';
import { programmeChangeAppliers } from './programmes/programmes.js';
import { settlementChangeAppliers } from './settlement/settlement.js';

export const changeAppliers: ChangeAppliers = { ...programmeChangeAppliers, ...settlementChangeAppliers, ...accountsChangeAppliers };
