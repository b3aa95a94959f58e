// A provider changes its own course while it waits for approval (issue 17, journey 4).
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { courseResponse } from './centre-response-schemas.js';
import { editCourseBody } from './centre-schemas.js';
import { editPendingCourse } from './course-service.js';

const params = z.object({ centreId: z.uuid('must be a UUID'), id: z.uuid('must be a UUID') }).strict();

export const courseEditRoutes = [
  defineRoute({
    method: 'put',
    path: '/v1/centres/:centreId/courses/:id',
    operationId: 'editPendingCourse',
    problemCodes: { 404: ['not_found'], 409: ['course_already_decided'] },
    response: courseResponse,
    tag: 'Centres',
    summary: "Change a pending course's title, price, qualification and tags (409 course_already_decided once approved or rejected)",
    auth: ['centre', 'admin'],
    centreParam: 'centreId',
    params,
    body: editCourseBody,
    errors: [400, 404, 409],
    handle: ({ app, params, body, principal, requestId, transaction }) =>
      editPendingCourse(app, principal, { ...body, centreId: params.centreId, courseId: params.id, requestId }, transaction),
  }),
];
