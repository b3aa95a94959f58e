// Claiming a programme's right: LBC grants an entitlement of hours; ITA turns a course into an
// application (the ITA flow lives in server/applications). Idempotent: an ITA claim is one
// statement that claims the key itself (it must survive an opening burst); an LBC claim runs in
// a transaction that claims it.
import { z } from 'zod';
import { claimItaApplication, itaClaimReply } from '../applications/applications.js';
import { invalidField, notFound } from '../errors.js';
import { answerInStatement, answerInTransaction } from '../http/idempotency.js';
import { defineRoute } from '../http/route.js';
import { programmeCodeSchema } from '../http/schemas.js';
import { lbcClaimReply } from './lbc-claim-reply.js';
import { claimLbc } from './lbc-grant.js';

const claimBody = z.object({ courseId: z.string().min(1).max(100).optional() }).strict();

export const claimRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/programmes/:code/claims',
    tag: 'Eligibility and claims',
    summary: 'Claim the right of a programme (LBC: body {}; ITA: { courseId }): eligibility is decided and the right granted in one step',
    auth: ['citizen'],
    params: z.object({ code: programmeCodeSchema }).strict(),
    body: claimBody,
    idempotent: true,
    claimsInStatement: true,
    status: 201,
    errors: [400, 404, 409, 422],
    handle: async ({ app, params, body, principal, claim, language }) => {
      if (!claim) throw new Error('a claim hands its idempotency key to its flow');
      if (params.code === 'LBC') {
        if (body.courseId !== undefined) throw invalidField('/courseId', 'is not part of an LBC claim');
        return answerInTransaction(app.sequelize, claim, async (transaction) =>
          lbcClaimReply(await claimLbc(app, { principal, transaction, language }), claim.instance),
        );
      }
      if (params.code === 'ITA') {
        if (body.courseId === undefined) throw invalidField('/courseId', 'is required for an ITA claim');
        const request = { principal, courseId: body.courseId, language, claim };
        return answerInStatement(
          app.sequelize,
          claim,
          () => claimItaApplication(app, request),
          (outcome) => itaClaimReply(outcome, language, claim.instance),
        );
      }
      throw notFound(`Programme ${params.code}`);
    },
  }),
];
