// Assisted sessions as rows: started once with the citizen's consent, ended once.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export const CONSENTS = ['in_person_identity_checked', 'signed_form', 'spoken_with_witness'] as const;
export type Consent = (typeof CONSENTS)[number];

export type AssistedSession = {
  id: string;
  staffUserId: string;
  citizenId: string;
  consent: Consent;
  consentNote: string;
  startedAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
};

type Row = {
  id: string;
  staff_user_id: string;
  citizen_id: string;
  consent: Consent;
  consent_note: string;
  started_at: Date;
  expires_at: Date;
  ended_at: Date | null;
};

const COLUMNS = 'id, staff_user_id, citizen_id, consent, consent_note, started_at, expires_at, ended_at';

const sessionOf = (row: Row): AssistedSession => ({
  id: row.id,
  staffUserId: row.staff_user_id,
  citizenId: row.citizen_id,
  consent: row.consent,
  consentNote: row.consent_note,
  startedAt: row.started_at,
  expiresAt: row.expires_at,
  endedAt: row.ended_at,
});

export async function insertAssistedSession(
  sequelize: Sequelize,
  session: Omit<AssistedSession, 'id' | 'endedAt'>,
  transaction: Transaction,
): Promise<AssistedSession> {
  const [row] = await queryRows<Row>(
    sequelize,
    `INSERT INTO assisted_sessions (staff_user_id, citizen_id, consent, consent_note, started_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [session.staffUserId, session.citizenId, session.consent, session.consentNote, session.startedAt, session.expiresAt],
    { transaction },
  );
  if (!row) throw new Error('the assisted session was not stored');
  return sessionOf(row);
}

/** The staff member's session with this id, when it is neither ended nor past its time at `now`. */
export async function findLiveSession(
  sequelize: Sequelize,
  id: string,
  staffUserId: string,
  now: Date,
): Promise<AssistedSession | undefined> {
  const [row] = await queryRows<Row>(
    sequelize,
    `SELECT ${COLUMNS} FROM assisted_sessions
      WHERE id = $1 AND staff_user_id = $2 AND ended_at IS NULL AND started_at <= $3 AND expires_at > $3`,
    [id, staffUserId, now],
  );
  return row ? sessionOf(row) : undefined;
}

/** Ends the session once; undefined when it had ended already. */
export async function endSession(sequelize: Sequelize, id: string, staffUserId: string, now: Date, transaction: Transaction) {
  const [row] = await queryRows<Row>(
    sequelize,
    `UPDATE assisted_sessions SET ended_at = greatest($3::timestamptz, started_at)
      WHERE id = $1 AND staff_user_id = $2 AND ended_at IS NULL RETURNING ${COLUMNS}`,
    [id, staffUserId, now],
    { transaction },
  );
  return row ? sessionOf(row) : undefined;
}
