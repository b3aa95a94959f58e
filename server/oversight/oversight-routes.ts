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

const shown = (count: number) => ({ count, suppressed: null });
const small = { count: null, suppressed: 'small' };
const hidden = { count: null, suppressed: 'complementary' };

// LBC in 2026: 29 eligible, 12 claimed, fewer than 10 used; fewer than 10 men claimed, so the women's claims beside them are hidden.
const REACH_EXAMPLE = {
  programme: 'LBC',
  period: { from: '2026-01-01', to: '2026-12-31' },
  minimumShown: 10,
  totals: { eligible: shown(29), claimed: shown(12), used: small },
  dimensions: [
    {
      dimension: 'sex',
      rows: [
        { category: 'female', eligible: shown(18), claimed: hidden, used: small },
        { category: 'male', eligible: shown(11), claimed: small, used: small },
        { category: 'other', eligible: small, claimed: small, used: small },
        { category: 'not_stated', eligible: small, claimed: small, used: small },
        { category: 'unknown', eligible: small, claimed: small, used: small },
      ],
    },
  ],
};

const MONITORING_EXAMPLE = {
  items: [
    {
      centreId: '0b7e3f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
      centreName: 'Loopbaancentrum Gent',
      hoursDelivered: { amount: '5.50', unit: 'HOUR' },
      sessions: 5,
      disputedSessions: 1,
      disputeShare: '0.2000',
      chequesClosed: 2,
      averageHoursPerClosedCheque: { amount: '2.25', unit: 'HOUR' },
      medianDaysToClose: 7.5,
    },
  ],
  nextCursor: null,
};

export const oversightRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/programmes/:code/reach',
    operationId: 'getProgrammeReach',
    response: reachResponse,
    example: { response: REACH_EXAMPLE },
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
    example: { response: MONITORING_EXAMPLE },
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
