// What other components (vouchers, applications, settlement) ask of the centres component: is
// this centre allowed to act for a programme on a date, what is its name, and may this principal
// see its records. They import this module only, never the component's stores or services.
import type { Sequelize, Transaction } from 'sequelize';
import type { Principal } from '../auth/principal.js';
import { notFound, RuleViolation } from '../errors.js';
import { isAccreditedOn } from './accreditation-store.js';
import { findCentre } from './centre-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The refusal of a centre that holds no active accreditation for the programme on the date. */
export const notAccredited = (programmeCode: string, onDate: string) =>
  new RuleViolation('centre_not_accredited', `The centre has no active ${programmeCode} accreditation on ${onDate}.`);

/**
 * Throws 422 `centre_not_accredited` unless the centre holds an active accreditation for the
 * programme whose window contains `onDate`. The row is read, not locked: a flow that saw the
 * accreditation active and commits while a suspension is being written is ordered before that
 * suspension, which is what it was. Share-locking it would make every session of a busy centre
 * (or every claim of a popular provider) contend for one row.
 */
export async function assertActiveAccreditation(
  sequelize: Sequelize,
  centreId: string,
  programmeCode: string,
  onDate: string,
  transaction?: Transaction,
): Promise<void> {
  // A centre id from a path that is not a UUID names no centre; the database would refuse the cast.
  const accredited = UUID.test(centreId) && (await isAccreditedOn(sequelize, { centreId, programme: programmeCode, onDate }, transaction));
  if (!accredited) throw notAccredited(programmeCode, onDate);
}

/** The centre's name, or undefined for an unknown centre. */
export async function centreName(sequelize: Sequelize, centreId: string, transaction?: Transaction): Promise<string | undefined> {
  return (await findCentre(sequelize, centreId, { transaction }))?.name;
}

/**
 * Who may see a centre's own records found by their own id (a statement) rather than under a
 * centre's URL (that is the router's `centreParam`): administrators and auditors, and that
 * centre's staff; anyone else learns nothing, not even that the record exists.
 */
export function assertCentreVisible(principal: Principal | undefined, centreId: string) {
  if (principal?.role === 'admin' || principal?.role === 'auditor') return;
  if (principal?.role === 'centre' && principal.centreId === centreId) return;
  throw notFound('Centre');
}

/**
 * The approved courses of accredited providers a citizen may apply for: `searchCatalogue(sequelize,
 * { programmes, provider, title, today, offset, limit })` and one of them, `catalogueCourse(sequelize, id, today)`.
 */
export { catalogueCourse, searchCatalogue, type CatalogueCourse } from './course-catalogue.js';

/** The centres accredited today, optionally for one programme, by name (GET /v1/centres): `listCentres(app, { programme, limit, cursor })`. */
export { listCentres } from './centre-service.js';

/** The centre with its accreditations, newest window first (GET /v1/centres/:id): `describeCentre(app, id)`. */
export { describeCentre } from './centre-service.js';

/** A provider's own courses (any status), one of them, proposing one and changing it while pending (the centre portal's course pages). */
export { centreCourse, centreCourses, courseProgrammesOf, editPendingCourse, proposeCourse } from './course-service.js';

/** A centre's staff, and its administrator adding and disabling them (the centre portal's staff pages; the service's administrators too). */
export { addCentreStaff, centreStaff, setStaffDisabled } from './staff-service.js';
/** Whether a principal is its centre's (enabled) administrator: `isCentreAdministrator(app, principal)`. */
export { isCentreAdministrator } from './staff-service.js';

/**
 * The service's administrators run centres (the admin portal's pages, the services of the API's
 * routes): `registerCentre` (POST /v1/centres), `registeredCentres` (every centre, accredited or
 * not), `setCentreAdmin` (PUT /v1/centres/:id/staff/:userId/centre-admin), `grantAccreditation`
 * (POST /v1/centres/:id/accreditations), `changeAccreditationStatus` (PATCH /v1/accreditations/:id)
 * and `accreditationHistory`; the course approval queue `pendingCourses`, one course `anyCourse`,
 * and `decideCourseApproval` (POST /v1/courses/:id/approval).
 */
export { registerCentre, registeredCentres } from './centre-service.js';
export { setCentreAdmin } from './staff-service.js';
export { accreditationHistory, changeAccreditationStatus, grantAccreditation, type AccreditationEvent } from './accreditation-service.js';
export { anyCourse, decideCourseApproval, pendingCourses } from './course-service.js';

/**
 * Where centres are paid (settlement's SEPA files): `payeeAccounts(sequelize, centreIds)`, each
 * centre's name, IBAN and BIC by id; `setCentreBankAccount` (PUT /v1/centres/:id/bank-account).
 */
export { payeeAccounts, setCentreBankAccount, type PayeeAccount } from './bank-account-service.js';
/**
 * A centre's contact details (address, postcode, municipality, phone, website): `changeCentreContact`
 * (PATCH /v1/centres/:id, audited), `centresNear(app, { programme, postcode, offset, limit })` (the
 * centres accredited for a programme today, nearest a postcode first), and for the pages the API's
 * own checks (`changeContactBody`, `postcodeSchema`), the field names and `telOf` (a phone number as a tel: link).
 */
export { centresNear, changeCentreContact } from './centre-service.js';
export { CONTACT_FIELDS, changeContactBody, postcodeSchema, telOf, type CentreContact } from './centre-contact.js';
/** The API's request shapes of a grant and a status change, for the pages to check a form the same way. */
export { changeAccreditationBody, grantAccreditationBody } from './centre-schemas.js';
