// Courses of learning providers, each for one programme, and their approval.
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { pageQuery } from '../shared/pagination.js';
import { idParams } from '../http/schemas.js';
import { centreIdParams, courseDecisionBody, courseListQuery, createCourseBody } from './centre-schemas.js';
import { decideCourseApproval, listCourses, proposeCourse } from './course-service.js';
import { coursePage, courseResponse } from './centre-response-schemas.js';

export const courseRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/centres/:centreId/courses',
    operationId: 'proposeCourse',
    problemCodes: { 422: ['centre_not_accredited'] },
    response: courseResponse,
    tag: 'Centres',
    summary: 'Propose a course (pending until an administrator approves it)',
    auth: ['centre', 'admin'],
    centreParam: 'centreId',
    params: centreIdParams,
    body: createCourseBody,
    status: 201,
    errors: [404, 422],
    handle: ({ app, params, body, principal, requestId, transaction }) =>
      proposeCourse(app, principal, { ...body, centreId: params.centreId, requestId }, transaction),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/centres/:centreId/courses',
    operationId: 'listCourses',
    response: coursePage,
    tag: 'Centres',
    summary: 'The approved courses of a provider, of one programme when ?programme= is given',
    auth: 'public',
    params: centreIdParams,
    query: z.object({ ...pageQuery, ...courseListQuery }).strict(),
    errors: [404],
    handle: ({ app, params, query }) => listCourses(app, params.centreId, query),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/courses/:id/approval',
    operationId: 'decideCourseApproval',
    problemCodes: { 404: ['not_found'], 409: ['course_already_decided'] },
    response: courseResponse,
    tag: 'Centres',
    summary: 'Approve or reject a pending course',
    auth: ['admin'],
    params: idParams,
    body: courseDecisionBody,
    errors: [404, 409],
    handle: ({ app, params, body, principal, requestId, transaction }) =>
      decideCourseApproval(app, principal, { courseId: params.id, decision: body.decision, reason: body.reason, requestId }, transaction),
  }),
];
