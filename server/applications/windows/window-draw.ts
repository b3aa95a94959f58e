// A lottery window's draw, once it has closed: by the scheduler for every window due, or by an
// administrator for one window. One statement (window_draw.sql) records a fresh seed and, in the
// same transaction, ranks the entries by it and funds them in that order exactly to the window's
// budget; a second draw, even one racing the first, finds the draw made and changes nothing.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import { queryRows } from '../../db/database.js';
import { conflict, notFound } from '../../errors.js';
import { courseGrantParametersOf, limitsOf } from '../../programmes/programmes.js';
import { endOfDay, grantRulesOf, verificationDeadline } from '../course-grant-terms.js';
import { LANES } from '../application-claim.js';
import { windowsOf, type ClaimWindow } from './window-terms.js';

export type DrawRequest = { programmeCode: string; windowId: string; today: string; userId: string | null };

/** Draws the window (true) or finds it drawn (false). 404 for an unknown window, 409 for one not closed or not a lottery. */
export async function drawWindow(app: AppContext, request: DrawRequest): Promise<boolean> {
  const { programmeCode, windowId, today } = request;
  const values = await courseGrantValuesOn(app, programmeCode, today);
  const window = windowsOf(values).find((candidate) => candidate.id === windowId);
  if (!values || !window) throw notFound(`Window ${windowId} of programme ${programmeCode}`);
  if (window.allocation !== 'lottery')
    throw conflict('window_not_drawn', `Window ${windowId} funds claims first come: it has no draw.`, { allocation: window.allocation });
  if (today <= window.closesOn)
    throw conflict('window_open', `Window ${windowId} closes on ${window.closesOn}; it is drawn from the day after.`, {
      closesOn: window.closesOn,
    });
  return runDraw(app, programmeCode, window, values, request);
}

async function runDraw(app: AppContext, programmeCode: string, window: ClaimWindow, values: Record<string, unknown>, request: DrawRequest) {
  const { today } = request;
  const terms = courseGrantParametersOf(programmeCode, values, today);
  const { referencePrefix, maxGrantsPerCourse } = grantRulesOf(programmeCode, values);
  const verifyBy = verificationDeadline(today, terms.verificationWeeks);
  const [row] = await queryRows<{ drawn: boolean }>(
    app.sequelize,
    `SELECT window_draw($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) AS drawn`,
    [
      programmeCode,
      window.id,
      randomBytes(32).toString('hex'),
      window.budget,
      today,
      request.userId,
      verifyBy,
      endOfDay(verifyBy).toISOString(),
      referencePrefix,
      limitsOf(values, today).period,
      maxGrantsPerCourse,
      LANES,
    ],
  );
  return row?.drawn ?? false;
}

async function courseGrantValuesOn(app: AppContext, code: string, today: string) {
  const [row] = await queryRows<{ values: Record<string, unknown> }>(
    app.sequelize,
    `SELECT pp."values" FROM programmes p, programme_parameters_in_force(p.code, $2) pp WHERE p.code = $1 AND p.kind = 'course_grant'`,
    [code, today],
  );
  return row?.values;
}

/** The lottery windows closed before `today` and not drawn yet, of every course grant programme. */
async function windowsDue(app: AppContext, today: string) {
  const rows = await queryRows<{ code: string; values: Record<string, unknown> }>(
    app.sequelize,
    `SELECT p.code, pp."values" FROM programmes p, programme_parameters_in_force(p.code, $1) pp
     WHERE p.kind = 'course_grant' AND jsonb_typeof(pp."values"->'windows') = 'array'`,
    [today],
  );
  const drawn = await queryRows<{ programme_code: string; window_id: string }>(
    app.sequelize,
    `SELECT programme_code, window_id FROM window_draws WHERE programme_code = ANY($1)`,
    [rows.map((row) => row.code)],
  );
  const isDrawn = (code: string, id: string) => drawn.some((draw) => draw.programme_code === code && draw.window_id === id);
  return rows.flatMap((row) =>
    windowsOf(row.values)
      .filter((window) => window.allocation === 'lottery' && window.closesOn < today && !isDrawn(row.code, window.id))
      .map((window) => ({ code: row.code, window, values: row.values })),
  );
}

/** The scheduler's job: every lottery window due is drawn; returns how many were. */
export async function drawClosedWindows(app: AppContext, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  let drawn = 0;
  for (const due of await windowsDue(app, today))
    if (await runDraw(app, due.code, due.window, due.values, { programmeCode: due.code, windowId: due.window.id, today, userId: null }))
      drawn += 1;
  return drawn;
}
