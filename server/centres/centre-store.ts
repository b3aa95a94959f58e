// Data access for centres, through the Centre model (centre-model.ts); answers are plain objects.
// The public list asks the database which mandates are active today (accreditation_active_on).
import { UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { queryRows } from '../db/database.js';
import { modelsOf } from '../db/models.js';
import { registryOf } from '../validation/enterprise-number.js';
import type { AccreditationAttributes } from './accreditation-model.js';
import { toAccreditation, type Accreditation } from './accreditation-store.js';
import { contactOf, type CentreContact, type ContactChanges } from './centre-contact.js';
import type { CentreAttributes } from './centre-model.js';

export type Centre = { id: string; name: string; enterpriseNumber: string; registry: string; email: string } & CentreContact & {
    createdAt: string;
  };

const toCentre = (row: CentreAttributes): Centre => ({
  id: row.id,
  name: row.name,
  enterpriseNumber: row.enterpriseNumber,
  registry: registryOf(row.enterpriseNumber),
  email: row.email,
  ...contactOf(row),
  createdAt: row.createdAt.toISOString(),
});

/** Undefined when a centre already has this enterprise number (also under a concurrent insert). */
export async function insertCentre(
  sequelize: Sequelize,
  centre: { name: string; enterpriseNumber: string; email: string } & ContactChanges,
  transaction: Transaction,
): Promise<Centre | undefined> {
  try {
    // In a savepoint: the unique index refusing the row must not end the caller's transaction.
    const created = await sequelize.transaction({ transaction }, (savepoint) =>
      modelsOf(sequelize).Centre.create(
        { name: centre.name, enterpriseNumber: centre.enterpriseNumber, email: centre.email, ...contactOf(centre) },
        { transaction: savepoint },
      ),
    );
    return toCentre(created.get({ plain: true }));
  } catch (error) {
    if (error instanceof UniqueConstraintError) return undefined;
    throw error;
  }
}

/** `lock` holds the centre row until the transaction ends, to serialise changes to its mandates. */
export async function findCentre(
  sequelize: Sequelize,
  id: string,
  options: { transaction?: Transaction | undefined; lock?: boolean } = {},
): Promise<Centre | undefined> {
  const row = await modelsOf(sequelize).Centre.findByPk(id, {
    transaction: options.transaction,
    ...(options.lock && options.transaction ? { lock: options.transaction.LOCK.UPDATE } : {}),
  });
  return row ? toCentre(row.get({ plain: true })) : undefined;
}

/** Changes the centre's contact details under a row lock; the centre before and after, undefined for an unknown centre. */
export async function updateCentreContact(
  sequelize: Sequelize,
  id: string,
  changes: ContactChanges,
  transaction: Transaction,
): Promise<{ before: Centre; after: Centre } | undefined> {
  const row = await modelsOf(sequelize).Centre.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
  if (!row) return undefined;
  const before = toCentre(row.get({ plain: true }));
  await row.update(changes, { transaction });
  return { before, after: toCentre(row.get({ plain: true })) };
}

/** The centre with all its accreditations, newest window first, in one read through the association. */
export async function findCentreWithAccreditations(
  sequelize: Sequelize,
  id: string,
): Promise<(Centre & { accreditations: Accreditation[] }) | undefined> {
  const { Centre, Accreditation } = modelsOf(sequelize);
  const accreditations = { model: Accreditation, as: 'accreditations' };
  const row = await Centre.findByPk(id, {
    include: [accreditations],
    order: [
      [accreditations, 'validFrom', 'DESC'],
      [accreditations, 'id', 'DESC'],
    ],
  });
  if (!row) return undefined;
  const plain = row.get({ plain: true }) as CentreAttributes & { accreditations: AccreditationAttributes[] };
  return { ...toCentre(plain), accreditations: plain.accreditations.map(toAccreditation) };
}

export type ListedCentre = {
  id: string;
  name: string;
  enterpriseNumber: string;
  registry: string;
  email: string;
  accreditations: { programme: string; validFrom: string; validTo: string }[];
} & CentreContact;

type ListedRow = {
  id: string;
  name: string;
  enterprise_number: string;
  email: string;
  accreditations: ListedCentre['accreditations'];
} & CentreContact;

/**
 * Centres with at least one accreditation active on `onDate` (for one programme when given), by
 * name, each with those accreditations; `after` is the [name, id] of the previous page's last;
 * `limit` null: all of them.
 */
export async function listAccreditedCentres(
  sequelize: Sequelize,
  query: { onDate: string; programme: string | undefined; after: [string, string] | undefined; limit: number | null },
): Promise<ListedCentre[]> {
  const rows = await queryRows<ListedRow>(
    sequelize,
    `SELECT c.id, c.name, c.enterprise_number, c.email, c.address, c.postcode, c.municipality, c.phone, c.website,
            jsonb_agg(jsonb_build_object('programme', a.programme_code, 'validFrom', a.valid_from, 'validTo', a.valid_to)
                      ORDER BY a.programme_code, a.valid_from) AS accreditations
     FROM centres c JOIN accreditation_active_on($1) a ON a.centre_id = c.id
     WHERE ($2::text IS NULL OR a.programme_code = $2)
       AND ($3::text IS NULL OR (c.name, c.id) > ($3::text, $4::uuid))
     GROUP BY c.id ORDER BY c.name, c.id LIMIT $5`,
    [query.onDate, query.programme ?? null, query.after?.[0] ?? null, query.after?.[1] ?? null, query.limit],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    enterpriseNumber: row.enterprise_number,
    registry: registryOf(row.enterprise_number),
    email: row.email,
    ...contactOf(row),
    accreditations: row.accreditations,
  }));
}

export type RegisteredCentre = Centre & { accreditations: { active: number; suspended: number; revoked: number } };

/**
 * Every registered centre, accredited or not, by name (the administrators' list): one page from
 * `offset`, of those whose name or enterprise number holds `search` when given, and how many match.
 */
export async function listRegisteredCentres(
  sequelize: Sequelize,
  query: { search: string | undefined; offset: number; limit: number },
): Promise<{ items: RegisteredCentre[]; total: number }> {
  const rows = await queryRows<CentreRow & { active: number; suspended: number; revoked: number; total: number }>(
    sequelize,
    `SELECT c.id, c.name, c.enterprise_number, c.email, c.address, c.postcode, c.municipality, c.phone, c.website, c.created_at,
            count(a.id) FILTER (WHERE a.status = 'active')::int AS active,
            count(a.id) FILTER (WHERE a.status = 'suspended')::int AS suspended,
            count(a.id) FILTER (WHERE a.status = 'revoked')::int AS revoked,
            (count(*) OVER ())::int AS total
     FROM centres c LEFT JOIN accreditations a ON a.centre_id = c.id
     WHERE $1::text IS NULL OR c.name ILIKE '%' || $1 || '%' OR c.enterprise_number LIKE '%' || $1 || '%'
     GROUP BY c.id ORDER BY c.name, c.id OFFSET $2 LIMIT $3`,
    [query.search ?? null, query.offset, query.limit],
  );
  return {
    items: rows.map((row) => ({
      ...toCentre({
        ...contactOf(row),
        id: row.id,
        name: row.name,
        enterpriseNumber: row.enterprise_number,
        email: row.email,
        createdAt: row.created_at,
      }),
      accreditations: { active: row.active, suspended: row.suspended, revoked: row.revoked },
    })),
    total: rows[0]?.total ?? (query.offset > 0 ? await countRegisteredCentres(sequelize, query.search) : 0),
  };
}

type CentreRow = { id: string; name: string; enterprise_number: string; email: string; created_at: Date } & CentreContact;

async function countRegisteredCentres(sequelize: Sequelize, search: string | undefined): Promise<number> {
  const [row] = await queryRows<{ total: number }>(
    sequelize,
    `SELECT count(*)::int AS total FROM centres c
     WHERE $1::text IS NULL OR c.name ILIKE '%' || $1 || '%' OR c.enterprise_number LIKE '%' || $1 || '%'`,
    [search ?? null],
  );
  return row?.total ?? 0;
}
