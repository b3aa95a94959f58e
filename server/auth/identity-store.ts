// Links from an identity provider's user, keyed by the provider's own (issuer, subject), to ours.
import type { Sequelize, Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';

export type IdentityLink = { issuer: string; subject: string; userId: string; email: string | null; linkedAt: string };

type LinkRow = { issuer: string; subject: string; user_id: string; email: string | null; linked_at: Date };

const linkOf = (row: LinkRow): IdentityLink => ({
  issuer: row.issuer,
  subject: row.subject,
  userId: row.user_id,
  email: row.email,
  linkedAt: row.linked_at.toISOString(),
});

export async function findLinkedUserId(sequelize: Sequelize, issuer: string, subject: string): Promise<string | undefined> {
  const [row] = await queryRows<{ user_id: string }>(
    sequelize,
    `SELECT user_id FROM external_identities WHERE issuer = $1 AND subject = $2`,
    [issuer, subject],
  );
  return row?.user_id;
}

/** Records the link, or returns the one already there (for this or another user): the pair is the key. */
export async function insertLink(
  sequelize: Sequelize,
  transaction: Transaction,
  link: { issuer: string; subject: string; userId: string; email: string | undefined },
): Promise<{ link: IdentityLink; created: boolean }> {
  const [inserted] = await queryRows<LinkRow>(
    sequelize,
    `INSERT INTO external_identities (issuer, subject, user_id, email) VALUES ($1, $2, $3, $4)
     ON CONFLICT (issuer, subject) DO NOTHING RETURNING issuer, subject, user_id, email, linked_at`,
    [link.issuer, link.subject, link.userId, link.email ?? null],
    { transaction },
  );
  if (inserted) return { link: linkOf(inserted), created: true };
  const [existing] = await queryRows<LinkRow>(
    sequelize,
    `SELECT issuer, subject, user_id, email, linked_at FROM external_identities WHERE issuer = $1 AND subject = $2`,
    [link.issuer, link.subject],
    { transaction },
  );
  if (!existing) throw new Error('an identity link vanished: links are never deleted');
  return { link: linkOf(existing), created: false };
}
