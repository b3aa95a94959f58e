// The contests component as others use it (the portal's pages): the same service functions and
// evidence checks as the API's routes, in process.
import type { AppContext } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { notFound } from '../errors.js';
import * as service from './contest-service.js';
import * as evidence from './evidence-files.js';

export type { ContestView, EvidenceView } from './contest-view.js';
export type EvidenceProblem = evidence.EvidenceProblem;

export const MAX_EVIDENCE_FILES = evidence.MAX_EVIDENCE_FILES;
export const MAX_EVIDENCE_BYTES = evidence.MAX_EVIDENCE_BYTES;
export const EVIDENCE_LIMITS = evidence.EVIDENCE_LIMITS;

/** The refusal a citizen may contest today with its last day, or a 404 (another's) or 409 (not a refusal, period ended). */
export const contestableDecision = (app: AppContext, principal: Principal, decisionId: string) =>
  service.contestableDecision(app, principal, decisionId);

export const contestRefusal = (...args: Parameters<typeof service.contestRefusal>) => service.contestRefusal(...args);

/** A contest for its citizen, an administrator or an auditor (another citizen's is a 404). */
export const readContest = (app: AppContext, principal: Principal, id: string) => service.readContest(app, principal, id);

/** The citizen's own contests, newest first. */
export function listOwnContests(app: AppContext, principal: Principal, page: { limit: number; cursor?: string | undefined }) {
  // Never without the citizen: an empty filter is every citizen's contests.
  if (!principal.citizenId) throw notFound('Citizen');
  return service.listContests(app, { citizenId: principal.citizenId }, page);
}

/** Contested refusals for administrators and auditors, newest first, by status, programme, citizen or decision (GET /v1/contests). */
export const listContests = (...args: Parameters<typeof service.listContests>) => service.listContests(...args);

/** An administrator answers an open contest once: upheld or rejected, with a message the citizen receives (POST /v1/contests/:id/answer). */
export const answerContest = (...args: Parameters<typeof service.answerContest>) => service.answerContest(...args);

export const readEvidence = (...args: Parameters<typeof service.readEvidence>) => service.readEvidence(...args);

/** Every problem of the files sent, by kind (too large, not PDF/JPEG/PNG by content, too many), or the files to store. */
export const checkEvidence = (...args: Parameters<typeof evidence.checkEvidence>) => evidence.checkEvidence(...args);

/** The headers an evidence download is sent with (attachment, its detected type, nosniff, sandboxed). */
export const downloadHeaders = (...args: Parameters<typeof evidence.downloadHeaders>) => evidence.downloadHeaders(...args);
