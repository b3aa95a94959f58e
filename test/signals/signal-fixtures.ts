// Signal tests share these: detection with the test's own thresholds over the harness's app, the
// cases a test's own subjects opened, and guidance sessions by a named counsellor.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { SignalThresholds } from '../../server/config.js';
import { queryRows } from '../../server/db/database.js';
import { detectSignals } from '../../server/signals/signal-service.js';
import type { SignalKind } from '../../server/signals/signals.js';
import { recordSession } from '../../server/vouchers/session-service.js';
import type { Harness } from '../support/harness.js';
import type { ChequeInUse } from '../settlement/support/lbc-fixture.js';

const SYSTEM = { userId: null, role: 'system' } as const;

/** Runs the detectors of `kinds` at the clock's now, with the configured thresholds and `thresholds` over them. */
export function detect(h: Harness, kinds: readonly SignalKind[], thresholds: Partial<SignalThresholds> = {}) {
  const app = { ...h.context, config: { ...h.config, signals: { ...h.config.signals, ...thresholds } } };
  return detectSignals(app, { now: h.clock.now(), actor: SYSTEM, kinds });
}

export type CaseRow = {
  id: string;
  kind: string;
  subject: string;
  status: string;
  facts: Record<string, unknown>;
  rows: Record<string, unknown>[];
};

/** The cases of `kind` whose subject starts with `subject` (a test's own centre, cheque, course or file). */
export const casesOf = (h: Harness, kind: SignalKind, subject: string) =>
  queryRows<CaseRow>(
    h.sequelize,
    `SELECT id, kind, subject, status, facts, rows FROM signal_cases WHERE kind = $1 AND starts_with(subject, $2) ORDER BY detected_at, id`,
    [kind, subject],
  );

/** A guidance session dated today by `counsellor` on a cheque in use at its centre. */
export async function sessionBy(h: Harness, cheque: ChequeInUse, hours: string, counsellor = 'An Peeters'): Promise<string> {
  const principal = cheque.centre.staff.principal;
  const recorded = await recordSession(
    h.context,
    {
      principal,
      centreId: cheque.centre.id,
      code: cheque.code,
      session: { date: h.clock.today(), hours: new Decimal(hours), counsellor, kind: 'guidance' },
    },
    { scope: `user:${principal.userId}`, key: randomUUID(), fingerprint: 'signal fixture session', instance: 'fixture' },
  );
  const outcome = recorded.outcome as { session?: { id: string } };
  if (!outcome.session) throw new Error(`the session was not recorded: ${JSON.stringify(recorded.outcome)}`);
  return outcome.session.id;
}
