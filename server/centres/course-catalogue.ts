// The approved courses a citizen may apply for, across providers: those of the programmes named,
// at a provider accredited for that programme today, found by words of the provider's name and of
// the course's title. For the citizen portal's course search; a page of results at a time.
import { Decimal } from 'decimal.js';
import type { Sequelize } from 'sequelize';
import { queryRows } from '../db/database.js';

export type CatalogueCourse = {
  id: string;
  title: string;
  qualification: string;
  price: Decimal;
  currency: string;
  programmeCode: string;
  tags: string[];
  provider: { id: string; name: string; email: string };
};

type CatalogueRow = {
  id: string;
  title: string;
  qualification: string;
  price: string;
  currency: string;
  programme_code: string;
  tags: string[];
  centre_id: string;
  centre_name: string;
  centre_email: string;
  total: string;
};

const courseOf = (row: CatalogueRow): CatalogueCourse => ({
  id: row.id,
  title: row.title,
  qualification: row.qualification,
  price: new Decimal(row.price),
  currency: row.currency,
  programmeCode: row.programme_code,
  tags: row.tags,
  provider: { id: row.centre_id, name: row.centre_name, email: row.centre_email },
});

/** A search's words are matched literally: % and _ typed by a citizen are no wildcards. */
const containing = (text: string | undefined) => (text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT = `SELECT c.id, c.title, c.qualification, c.price, c.currency, c.programme_code, c.tags,
         ce.id AS centre_id, ce.name AS centre_name, ce.email AS centre_email, count(*) OVER () AS total
    FROM courses c JOIN centres ce ON ce.id = c.centre_id
   WHERE c.status = 'approved'
     AND EXISTS (SELECT 1 FROM accreditation_active_on($1::date) a WHERE a.centre_id = c.centre_id AND a.programme_code = c.programme_code)`;

/** One page of the catalogue by title then provider, with how many courses match in all. */
export async function searchCatalogue(
  sequelize: Sequelize,
  search: {
    programmes: readonly string[];
    provider?: string | undefined;
    title?: string | undefined;
    today: string;
    offset: number;
    limit: number;
  },
): Promise<{ items: CatalogueCourse[]; total: number }> {
  const rows = await queryRows<CatalogueRow>(
    sequelize,
    `${SELECT}
     AND c.programme_code = ANY($2::text[])
     AND ($3::text IS NULL OR ce.name ILIKE $3)
     AND ($4::text IS NULL OR c.title ILIKE $4)
   ORDER BY c.title, ce.name, c.id OFFSET $5 LIMIT $6`,
    [search.today, search.programmes, containing(search.provider), containing(search.title), search.offset, search.limit],
  );
  return { items: rows.map(courseOf), total: Number(rows[0]?.total ?? 0) };
}

/** One approved course of an accredited provider, or undefined (also for an id that is no UUID). */
export async function catalogueCourse(sequelize: Sequelize, id: string, today: string): Promise<CatalogueCourse | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await queryRows<CatalogueRow>(sequelize, `${SELECT} AND c.id = $2::uuid`, [today, id]);
  return row && courseOf(row);
}
