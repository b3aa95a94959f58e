// How an application reads in JSON: amounts as money, dates as YYYY-MM-DD, times as RFC 3339.
// The provider sees the applicant's name (it verifies their evidence), never their other records.
import { money } from '../http/schemas.js';
import type { Application } from './application-store.js';

export function applicationView(application: Application) {
  const currency = application.currency;
  return {
    reference: application.reference,
    status: application.status,
    applicant: { name: application.citizenName },
    course: {
      id: application.courseId,
      title: application.courseTitle,
      qualification: application.courseQualification,
      price: money(application.coursePrice, currency),
    },
    provider: { id: application.centreId, name: application.centreName },
    fundedAmount: money(application.fundedAmount, currency),
    learnerPart: money(application.learnerPart, currency),
    accountYear: application.accountYear,
    entitlementId: application.entitlementId,
    appliedOn: application.appliedOn,
    verifyBy: application.verifyBy,
    verifiedAt: application.verifiedAt?.toISOString() ?? null,
    claim: application.claimTransactionId
      ? {
          amount: money(application.fundedAmount, currency),
          courseStartDate: application.courseStartDate,
          claimedAt: application.claimedAt?.toISOString() ?? null,
          transactionId: application.claimTransactionId,
        }
      : null,
    closedAt: application.closedAt?.toISOString() ?? null,
    refusal: application.refusalReason
      ? { reason: application.refusalReason, refusedAt: application.refusedAt?.toISOString() ?? null }
      : null,
    createdAt: application.createdAt.toISOString(),
  };
}

export type ApplicationView = ReturnType<typeof applicationView>;
