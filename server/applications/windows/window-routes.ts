// A lottery window's draw for administrators: run it for one window (the scheduler draws every
// window due; both draw once) and read it, with the draw computed again from its seed.
import { z } from 'zod';
import { defineRoute } from '../../http/route.js';
import { programmeCodeSchema } from '../../http/schemas.js';
import { readDraw } from './window-draw-read.js';
import { drawWindow } from './window-draw.js';
import { drawResponse } from './window-response-schemas.js';

const params = z.object({ code: programmeCodeSchema, window: z.string().min(1).max(40) }).strict();

export const windowRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/programmes/:code/windows/:window/draw',
    operationId: 'drawWindow',
    problemCodes: { 404: ['not_found'], 409: ['window_not_drawn', 'window_open'] },
    response: drawResponse,
    tag: 'Applications',
    summary:
      'Draw a closed lottery window now (the scheduler draws every window due): once only, a second call answers the draw made (200)',
    auth: ['admin'],
    params,
    errors: [404, 409],
    handle: async ({ app, params, principal }) => {
      const drawn = await drawWindow(app, {
        programmeCode: params.code,
        windowId: params.window,
        today: app.clock.today(),
        userId: principal.userId,
      });
      return { status: drawn ? 201 : 200, body: await readDraw(app, params.code, params.window, { fromRank: 1, limit: 100 }) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/programmes/:code/windows/:window/draw',
    operationId: 'getWindowDraw',
    response: drawResponse,
    tag: 'Applications',
    summary:
      "A window's draw: seed, budget, totals, the entries in the draw's order (fromRank, limit) and the draw computed again from its seed",
    auth: ['admin', 'auditor'],
    params,
    query: z
      .object({ fromRank: z.coerce.number().int().min(1).default(1), limit: z.coerce.number().int().min(1).max(1000).default(100) })
      .strict(),
    errors: [404],
    handle: async ({ app, params, query }) => ({ body: await readDraw(app, params.code, params.window, query) }),
  }),
];
