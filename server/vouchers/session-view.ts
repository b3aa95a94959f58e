// How a session reads in every answer that shows one (a cheque, a dispute, a recorded session).
import { Decimal } from 'decimal.js';
import { hours } from '../http/schemas.js';
import type { SessionJson, SessionRow } from './session-store.js';

export const sessionFromJson = (json: SessionJson): SessionRow => ({
  ...json,
  created_at: new Date(json.created_at),
  reversed_at: json.reversed_at === null ? null : new Date(json.reversed_at),
});

export const sessionView = (row: SessionRow) => ({
  id: row.id,
  date: row.session_date,
  hours: hours(new Decimal(row.hours)),
  counsellor: row.counsellor,
  kind: row.kind,
  centreId: row.centre_id,
  status: row.status,
  ledgerTransactionId: row.ledger_transaction_id,
  reversalTransactionId: row.reversal_transaction_id,
  reversedAt: row.reversed_at ? row.reversed_at.toISOString() : null,
  recordedAt: row.created_at.toISOString(),
});
