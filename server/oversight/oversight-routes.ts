// Oversight for administrators and auditors (and their software): who a programme reaches, and
// what each centre delivers. Both read only.
import { z } from 'zod';
import { STAFF_READERS } from '../auth/principal.js';
import { defineRoute } from '../http/route.js';
import { dateSchema, programmeCodeSchema } from '../http/schemas.js';
import { pageQuery } from '../shared/pagination.js';
import { centreMonitoring } from './monitoring-service.js';
import { centreMonitoringPage, reachResponse } from './oversight-response-schemas.js';
import { programmeReach } from './reach-service.js';

const period = { from: dateSchema, to: dateSchema };

export const oversightRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/programmes/:code/reach',
    operationId: 'getProgrammeReach',
    response: reachResponse,
    tag: 'Oversight',
    summary:
      'Who a programme reaches in a period: the eligible population, who claimed and who used it, by age band, sex, education and region; groups of fewer than 10 withheld',
    auth: STAFF_READERS,
    params: z.object({ code: programmeCodeSchema }).strict(),
    query: z.object(period).strict(),
    errors: [400, 404],
    problemCodes: { 400: ['validation_failed'], 404: ['not_found'] },
    handle: async ({ app, params, query }) => programmeReach(app.sequelize, params.code, query),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/monitoring/centres',
    operationId: 'listCentreMonitoring',
    response: centreMonitoringPage,
    tag: 'Oversight',
    summary:
      'Per centre, for a period: hours delivered, cheques closed with a development plan, share of sessions disputed, average hours per closed cheque, median days from registration to close',
    auth: STAFF_READERS,
    query: z.object({ ...period, programme: programmeCodeSchema.optional(), ...pageQuery }).strict(),
    errors: [400, 404],
    problemCodes: { 400: ['validation_failed'], 404: ['not_found'] },
    handle: async ({ app, query }) => centreMonitoring(app.sequelize, query),
  }),
];
