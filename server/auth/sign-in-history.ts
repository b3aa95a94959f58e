// Every sign-in, portal or API, password or identity provider, kept with its time and address so
// a user can see their own history and notice one that was not theirs (CPF's phishing lesson:
// stolen logins were used for weeks before their owners looked). The one place every sign-in
// path records through: the API's token route and the portal's session start.
import type { Sequelize } from 'sequelize';
import type { AppContext } from '../app-context.js';
import { queryRows } from '../db/database.js';
import { decodeIdCursor, toPage, type Page } from '../shared/pagination.js';

export type SignInMethod = 'password' | 'oidc';
export type SignInChannel = 'portal' | 'api';

export type SignInView = { id: string; at: string; method: SignInMethod; channel: SignInChannel; clientAddress: string };

type SignInRow = { id: string; method: SignInMethod; channel: SignInChannel; client_address: string; signed_in_at: Date };

export async function recordSignIn(
  app: Pick<AppContext, 'sequelize' | 'clock'>,
  signIn: { userId: string; method: SignInMethod; channel: SignInChannel; clientAddress: string },
) {
  await queryRows(
    app.sequelize,
    `INSERT INTO sign_ins (user_id, method, channel, client_address, signed_in_at) VALUES ($1, $2, $3, $4, $5)`,
    [signIn.userId, signIn.method, signIn.channel, signIn.clientAddress.slice(0, 100) || 'unknown', app.clock.now()],
  );
}

/** The user's own sign-ins, newest first. */
export async function listSignIns(
  sequelize: Sequelize,
  userId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<SignInView>> {
  const before = decodeIdCursor(page.cursor)?.[0] ?? null;
  const rows = await queryRows<SignInRow>(
    sequelize,
    `SELECT id, method, channel, client_address, signed_in_at FROM sign_ins
     WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [userId, before, page.limit + 1],
  );
  return toPage(
    rows,
    page.limit,
    (row) => [row.id],
    (row) => ({
      id: row.id,
      at: row.signed_in_at.toISOString(),
      method: row.method,
      channel: row.channel,
      clientAddress: row.client_address,
    }),
  );
}
