// Who reaches an application, and how refusals read. A provider reaches one only with the
// reference the citizen handed it, and only its own: another centre's application, an unknown
// reference and a malformed one all answer the same 404, so references cannot be probed. That the
// caller is staff of the centre in the path is the router's (the routes' `centreParam`).
import type { Sequelize, Transaction } from 'sequelize';
import type { Principal } from '../auth/principal.js';
import { conflict, notFound } from '../errors.js';
import { findApplication, type Application } from './application-store.js';
import { REFERENCE } from './course-grant-terms.js';

/** References are printed in capitals; a citizen may read one out in lower case. */
export const normaliseReference = (text: string) => {
  const reference = text.trim().toUpperCase();
  return REFERENCE.test(reference) ? reference : undefined;
};

async function byReference(sequelize: Sequelize, text: string, options: { transaction?: Transaction; lock?: boolean }) {
  const reference = normaliseReference(text);
  return reference ? findApplication(sequelize, { reference }, options) : undefined;
}

/** The application of `centreId` (the URL's, already held to the caller's own by the router). */
export async function providerApplication(
  sequelize: Sequelize,
  target: { centreId: string; reference: string },
  options: { transaction?: Transaction; lock?: boolean },
): Promise<Application> {
  const application = await byReference(sequelize, target.reference, options);
  if (!application || application.centreId !== target.centreId) throw notFound('Application');
  return application;
}

/** The citizen who applied. */
export async function ownApplication(
  sequelize: Sequelize,
  principal: Principal,
  reference: string,
  options: { transaction?: Transaction; lock?: boolean },
) {
  const application = principal.citizenId ? await byReference(sequelize, reference, options) : undefined;
  if (!application || application.citizenId !== principal.citizenId) throw notFound('Application');
  return application;
}

/** The owner, administrators and auditors, and the provider's staff. */
export async function visibleApplication(sequelize: Sequelize, principal: Principal, reference: string): Promise<Application> {
  const application = await byReference(sequelize, reference, {});
  const visible =
    application &&
    (principal.role === 'admin' ||
      principal.role === 'auditor' ||
      (principal.role === 'citizen' && principal.citizenId === application.citizenId) ||
      (principal.role === 'centre' && principal.centreId === application.centreId));
  if (!visible) throw notFound('Application');
  return application;
}

const STATE_MESSAGES: Record<Application['status'], string> = {
  pending_verification: 'The provider has not verified this application yet.',
  verified: 'This application is already verified.',
  claimed: 'The provider has already claimed this application.',
  lapsed: 'This application lapsed: it was not verified in time.',
  cancelled: 'This application was cancelled.',
  refused: 'The provider refused this application.',
};

/** 409 naming the state that refuses the change, e.g. `application_claimed`. */
export function stateConflict(application: Application) {
  const code = application.status === 'pending_verification' ? 'application_not_verified' : `application_${application.status}`;
  return conflict(code, STATE_MESSAGES[application.status], { status: application.status });
}
