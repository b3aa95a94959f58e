import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { AppError } from '../../server/errors.js';
import { assertActiveAccreditation, findApprovedCourse } from '../../server/centres/accreditation-check.js';
import { addYears } from '../../server/centres/mandate-window.js';
import { createCentre, createCourse } from '../support/centre-factory.js';
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

  it('when suspended, for another programme, outside the window, without mandate or unknown, then 422 centre_not_accredited', async () => {
    const h = harness();
    const today = h.clock.today();
    const active = await createCentre(h, { programme: 'LBC' });
    const suspended = await createCentre(h, { programme: 'LBC', accreditation: 'suspended' });
    const none = await createCentre(h, { accreditation: 'none' });
    const cases: [string, string, string][] = [
      [suspended.id, 'LBC', today],
      [active.id, 'ITA', today],
      [active.id, 'LBC', addYears(today, 6)],
      [active.id, 'LBC', addYears(today, -2)],
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

describe('findApprovedCourse (for the flows)', () => {
  it('when the course is approved, then it comes with an exact Decimal price; pending, unknown or malformed give undefined', async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const approved = await createCourse(h, provider.id, { price: '450.00' });
    const pending = await createCourse(h, provider.id, { approved: false });
    const found = await findApprovedCourse(h.sequelize, approved.id);
    expect(found).to.deep.include({
      id: approved.id,
      centreId: provider.id,
      title: approved.title,
      currency: 'GBP',
      qualification: 'SCQF level 6',
    });
    expect(found!.price).to.be.instanceOf(Decimal);
    expect(found!.price.toFixed(2)).to.equal('450.00');
    expect(await findApprovedCourse(h.sequelize, pending.id)).to.equal(undefined);
    expect(await findApprovedCourse(h.sequelize, '00000000-0000-4000-8000-000000000000')).to.equal(undefined);
    expect(await findApprovedCourse(h.sequelize, 'garbage')).to.equal(undefined);
  });
});
