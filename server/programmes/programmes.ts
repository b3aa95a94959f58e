// The programmes component as the other components use it: the parameters in force on a date,
// read through the programme's one schema (programme-parameters.ts) with amounts as Decimals,
// the programme year, the budget and places that a grant draws on, and how an approved change of
// a programme is applied. Other components import this module only.
import { Decimal } from 'decimal.js';
import type { Sequelize, Transaction } from 'sequelize';
import type { ChangeAppliers } from '../approvals/approvals.js';
import { AppError } from '../errors.js';
import { addDays, addYears } from '../shared/calendar.js';
import { openBudgetAccounts as openAccounts, type BudgetAccounts } from './budget-accounts.js';
import * as guard from './budget-guard.js';
import { programmeBudget as budgetOf, type ProgrammeBudget } from './budget-read.js';
import { applyApprovedFunding } from './budget-service.js';
import { readCourseGrantValues } from './kinds/course-grant-parameters.js';
import { readHoursVoucherValues, type HoursVoucherParameters } from './kinds/hours-voucher-parameters.js';
import { applyApprovedOpening } from './programme-opening.js';
import { applyApprovedParameters } from './programme-service.js';
import { findProgramme as findRow, parametersInForce, type ProgrammeRow } from './programme-store.js';

export type { BudgetAccounts, ProgrammeBudget, ProgrammeRow };
export type { ProgrammeKind } from './programme-model.js';
/** An accruing account's stored parameter values (validated when written), read by the accounts component. */
export { readAccruingAccountValues, type AccruingAccountParameters } from './kinds/accruing-account-parameters.js';
export type { CreditLot, CreditLotsParameters, CreditLotsReadParameters } from './kinds/credit-lots-parameters.js';
/** A credit-lots programme's parameters of the values in force (503 programme_not_configured without them). */
export { creditLotsParametersOf } from './kinds/credit-lots-parameters.js';
/** Every programme as the public sees it (parameters in force today, budget and places left), paged by code: the API's list and the portal's start page. */
export { describeProgrammes } from './programme-service.js';
/** The administrator's reads and requests, as the /v1/programmes routes and the administrator's portal make them. */
export {
  changeParameters,
  checkParameterChange,
  describeProgramme,
  listParameterVersions,
  type ParameterChange,
} from './programme-service.js';
export { checkOpening, requestOpening, type ProgrammeOpening } from './programme-opening.js';
export { PROGRAMME_KINDS } from './programme-model.js';
/** Each kind's parameters as form fields (a form is built from them, never from a programme's code). */
export { parameterFields, type ParameterField } from './parameter-fields.js';

/** How an approved change that programmes own is applied (wired into approvals by server/routes.ts). */
export const programmeChangeAppliers: Pick<ChangeAppliers, 'programme_parameters' | 'budget_funding' | 'programme_opening'> = {
  programme_parameters: applyApprovedParameters,
  programme_opening: applyApprovedOpening,
  budget_funding: applyApprovedFunding,
};

/** The programme, or undefined when no programme has this code. */
export const findProgramme = (sequelize: Sequelize, code: string, transaction?: Transaction): Promise<ProgrammeRow | undefined> =>
  findRow(sequelize, code, transaction);

/** The budget's ledger accounts (opened on first use) that a grant charges; 404 for an unknown programme. */
export const openBudgetAccounts = (sequelize: Sequelize, code: string, transaction?: Transaction): Promise<BudgetAccounts> =>
  openAccounts(sequelize, code, transaction);

/** total / committed / remaining of the budget; 404 for an unknown programme. */
export const programmeBudget = (sequelize: Sequelize, code: string, transaction?: Transaction): Promise<ProgrammeBudget> =>
  budgetOf(sequelize, code, transaction);

/** The budget alert thresholds a charge has just crossed (each crossed once), for the caller to notify. */
export const afterBudgetCharge = (...args: Parameters<typeof guard.afterBudgetCharge>) => guard.afterBudgetCharge(...args);

/**
 * Takes a place for a grant, or refuses it (409 budget_exhausted) once the closing date has passed
 * or the places target of the programme year is reached.
 */
export const assertProgrammeOpen = (...args: Parameters<typeof guard.assertProgrammeOpen>) => guard.assertProgrammeOpen(...args);

/** Gives back the place an application took on `takenOn` (it lapsed or was cancelled). */
export const returnPlace = (...args: Parameters<typeof guard.returnPlace>) => guard.returnPlace(...args);

/** Places still open on `onDate`: null when the programme has no target, 0 once it closed. */
export const placesLeft = (...args: Parameters<typeof guard.placesLeft>) => guard.placesLeft(...args);

/** The places target, closing date and programme year that a version's values set on `onDate`. */
export const limitsOf = (values: Record<string, unknown>, onDate: string) => guard.limitsOf(values, onDate);

/** The refusal of a claim after the programme's closing date. */
export const programmeClosed = (code: string, closingDate: string) => guard.programmeClosed(code, closingDate);

/** The refusal of a claim once the year's places target is reached. */
export const placesTaken = (...args: Parameters<typeof guard.placesTaken>) => guard.placesTaken(...args);

/** The values of the version in force on `onDate`, undefined before the programme's first version. */
export async function parametersOn(
  sequelize: Sequelize,
  code: string,
  onDate: string,
  transaction?: Transaction,
): Promise<Record<string, unknown> | undefined> {
  return (await parametersInForce(sequelize, code, onDate, transaction))?.values;
}

const decimals = (texts: readonly string[]) => texts.map((text) => new Decimal(text));

/** `values`: the whole version in force, for the rules read from it elsewhere (places, closing date). */
export type HoursVoucherFlowParameters = {
  rightHours: Decimal;
  rightPeriodYears: number;
  voucherHours: Decimal[];
  coPayment: Decimal;
  coPaymentDueDays: number;
  voucherValidityMonths: number;
  expiredHours: HoursVoucherParameters['expiredHours'];
  hourlyFee: Decimal;
  values: Record<string, unknown>;
};

/** An hours voucher's parameters in force. A missing or malformed version is a configuration bug, not a client mistake: a 500. */
export async function hoursVoucherParametersOn(
  sequelize: Sequelize,
  code: string,
  onDate: string,
  transaction?: Transaction,
): Promise<HoursVoucherFlowParameters> {
  const values = await parametersOn(sequelize, code, onDate, transaction);
  if (!values) throw new Error(`no ${code} parameters are in force on ${onDate}`);
  const lbc = readHoursVoucherValues.parse(values);
  return {
    rightHours: new Decimal(lbc.rightHours),
    rightPeriodYears: lbc.rightPeriodYears,
    voucherHours: decimals(lbc.voucherHours),
    coPayment: new Decimal(lbc.coPayment),
    coPaymentDueDays: lbc.coPaymentDueDays,
    voucherValidityMonths: lbc.voucherValidityMonths,
    expiredHours: lbc.expiredHours,
    hourlyFee: new Decimal(lbc.hourlyFee),
    values,
  };
}

export type CourseGrantFlowParameters = {
  yearlyMaximum: Decimal;
  verificationWeeks: number;
  accountYearStartMonth: number;
  /** The whole version in force, for the other rules read from it (places, closing date). */
  values: Record<string, unknown>;
};

/**
 * A course grant's parameters of the values in force on `onDate` (undefined when no version is).
 * They are validated when written, so a gap here is an operational fault, not a client's: 503.
 */
export function courseGrantParametersOf(
  code: string,
  values: Record<string, unknown> | undefined,
  onDate: string,
): CourseGrantFlowParameters {
  const ita = values && readCourseGrantValues.safeParse(values);
  if (!values || !ita?.success) {
    throw new AppError(503, 'programme_not_configured', `The ${code} programme has no parameters in force on ${onDate}.`);
  }
  const { yearlyMaximum, verificationWeeks, accountYearStartMonth } = ita.data;
  return { yearlyMaximum: new Decimal(yearlyMaximum), verificationWeeks, accountYearStartMonth, values };
}

export type ProgrammeYear = { year: number; start: string; end: string };

/**
 * The programme year (an ITA "account year") containing `date`: twelve months from the first of
 * `startMonth` (parameter `accountYearStartMonth`, January when a programme sets none). With a
 * start in April, 2026-05-10 is in 2026-04-01..2027-03-31. Places count per programme year.
 */
export function programmeYearOf(date: string, startMonth: number): ProgrammeYear {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const startYear = month >= startMonth ? year : year - 1;
  const start = `${String(startYear).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}-01`;
  return { year: startYear, start, end: addDays(addYears(start, 1), -1) };
}
