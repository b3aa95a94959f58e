// Reading an application by its reference: its owner, staff readers, the provider.
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { visibleApplication } from './application-access.js';
import { applicationView, type ApplicationView } from './application-view.js';

export async function readApplication(app: AppContext, principal: Principal, reference: string): Promise<ApplicationView> {
  return applicationView(await visibleApplication(app.sequelize, principal, reference));
}
