// "An accreditation is active on a date" has one home, the database function
// accreditation_active_on (server/db/functions/accreditation_active_on.sql): the flows ask it
// through the centres component's public module, and the SQL that needs it calls it.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { assertActiveAccreditation } from '../../server/centres/centres.js';
import { addYears, dayBefore } from '../../server/centres/mandate-window.js';
import { queryRows } from '../../server/db/database.js';
import { AppError } from '../../server/errors.js';
import { createCentre } from '../support/centre-factory.js';
import { harness } from '../support/harness.js';

async function refusal(work: Promise<void>): Promise<AppError | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('assertActiveAccreditation (for the flows)', () => {
  it('when the centre is active for the programme on the date, then it passes, also inside a transaction', async () => {
    const h = harness();
    const centre = await createCentre(h, { programme: 'LBC' });
    expect(await refusal(assertActiveAccreditation(h.sequelize, centre.id, 'LBC', h.clock.today()))).to.equal(undefined);
    await h.sequelize.transaction(async (transaction) => {
      expect(await refusal(assertActiveAccreditation(h.sequelize, centre.id, 'LBC', h.clock.today(), transaction))).to.equal(undefined);
    });
  });

  it('when the date is the first or the last day of the window, then it passes: both ends are in the window', async () => {
    const h = harness();
    const centre = await createCentre(h, { programme: 'LBC' });
    const firstDay = addYears(h.clock.today(), -1);
    const lastDay = dayBefore(addYears(firstDay, 6));
    for (const onDate of [firstDay, lastDay]) {
      expect(await refusal(assertActiveAccreditation(h.sequelize, centre.id, 'LBC', onDate)), onDate).to.equal(undefined);
    }
  });

  it('when suspended, for another programme, outside the window, without mandate or unknown, then 422 centre_not_accredited', async () => {
    const h = harness();
    const today = h.clock.today();
    const active = await createCentre(h, { programme: 'LBC' });
    const suspended = await createCentre(h, { programme: 'LBC', accreditation: 'suspended' });
    const none = await createCentre(h, { accreditation: 'none' });
    const firstDay = addYears(today, -1);
    const cases: [string, string, string][] = [
      [suspended.id, 'LBC', today],
      [active.id, 'ITA', today],
      [active.id, 'LBC', addYears(firstDay, 6)],
      [active.id, 'LBC', dayBefore(firstDay)],
      [none.id, 'LBC', today],
      ['00000000-0000-4000-8000-000000000000', 'LBC', today],
      ['not-a-uuid', 'LBC', today],
    ];
    for (const [centreId, programme, onDate] of cases) {
      const error = await refusal(assertActiveAccreditation(h.sequelize, centreId, programme, onDate));
      expect(error, `${centreId} ${programme} ${onDate}`).to.include({ status: 422, code: 'centre_not_accredited' });
    }
  });
});

describe('accreditation_active_on (the database function)', () => {
  it('when asked for a date, then it gives the active accreditations whose window holds it, and no suspended one', async () => {
    const h = harness();
    const today = h.clock.today();
    const active = await createCentre(h, { programme: 'ITA' });
    const suspended = await createCentre(h, { programme: 'ITA', accreditation: 'suspended' });
    const rows = await queryRows<{ id: string; centre_id: string; programme_code: string }>(
      h.sequelize,
      `SELECT id, centre_id, programme_code FROM accreditation_active_on($1) WHERE centre_id = ANY($2::uuid[])`,
      [today, [active.id, suspended.id]],
    );
    expect(rows).to.deep.equal([{ id: active.accreditationId, centre_id: active.id, programme_code: 'ITA' }]);
    const before = await queryRows(h.sequelize, `SELECT 1 FROM accreditation_active_on($1) WHERE centre_id = $2`, [
      dayBefore(addYears(today, -1)),
      active.id,
    ]);
    expect(before).to.have.length(0);
  });

  it('when a caller filters it by centre, then the planner inlines it and reads the accreditations by index', async () => {
    const h = harness();
    const centre = await createCentre(h, { programme: 'LBC' });
    const plan = await queryRows<{ 'QUERY PLAN': string }>(
      h.sequelize,
      `EXPLAIN SELECT 1 FROM accreditation_active_on('${h.clock.today()}') a WHERE a.centre_id = '${centre.id}' AND a.programme_code = 'LBC'`,
    );
    const text = plan.map((line) => line['QUERY PLAN']).join('\n');
    expect(text).not.to.include('Function Scan');
    expect(text).to.include('accreditations');
  });
});

describe('the rule has one home', () => {
  const serverDir = path.resolve(import.meta.dirname, '../../server');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : /\.(ts|sql)$/.test(name) ? [full] : [];
    });

  it('when the server is read, then only accreditation_active_on.sql compares an accreditation window with a date', () => {
    const copies = files(serverDir).filter(
      (file) => !file.endsWith('accreditation_active_on.sql') && /valid_from\s*<=|valid_to\s*>=/.test(readFileSync(file, 'utf8')),
    );
    expect(copies.map((file) => path.relative(serverDir, file))).to.deep.equal([]);
  });
});
