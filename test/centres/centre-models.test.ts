// The centres component's registries as Sequelize models (server/centres/*-model.ts): their
// validations refuse what the table's checks refuse, before a row reaches the database, and the
// associations wired in server/db/models.ts read a centre with its mandates, courses and staff.
import { expect } from 'chai';
import { ValidationError } from 'sequelize';
import { modelsOf } from '../../server/db/models.js';
import { createCentre, createCourse } from '../support/centre-factory.js';
import { harness } from '../support/harness.js';

async function refusedFields(validation: Promise<unknown>): Promise<string[]> {
  try {
    await validation;
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.errors.map((item) => item.path ?? item.message);
  }
}

describe('centre models (validations)', () => {
  const at = new Date('2030-01-01T00:00:00Z');
  const centreId = '00000000-0000-4000-8000-000000000000';

  it('when an accreditation window ends before it starts, or a status lacks its reason or re-apply date, then it is refused', async () => {
    const { Accreditation } = modelsOf(harness().sequelize);
    const valid = { centreId, programmeCode: 'LBC', validFrom: '2030-01-01', validTo: '2035-12-31', createdAt: at, updatedAt: at };
    expect(await refusedFields(Accreditation.build(valid).validate())).to.deep.equal([]);
    const cases: Record<string, Partial<typeof valid> & { status?: 'suspended' | 'revoked'; reason?: string }> = {
      'window backwards': { validTo: '2029-12-31' },
      'suspended without reason': { status: 'suspended' },
      'revoked without re-apply date': { status: 'revoked', reason: 'Found billing sessions that never took place' },
      'programme code': { programmeCode: 'lbc' },
    };
    for (const [name, change] of Object.entries(cases)) {
      expect(await refusedFields(Accreditation.build({ ...valid, ...change }).validate()), name).not.to.deep.equal([]);
    }
  });

  it('when a course has no positive price in cents or no ISO 4217 currency code, then it is refused', async () => {
    const { Course } = modelsOf(harness().sequelize);
    const valid = {
      centreId,
      programmeCode: 'ITA',
      title: 'Welding',
      qualification: 'SCQF level 6',
      price: '450.00',
      currency: 'GBP',
      createdAt: at,
    };
    expect(await refusedFields(Course.build(valid).validate())).to.deep.equal([]);
    for (const price of ['0.00', '-1.00', '1.001', 'abc']) {
      expect(await refusedFields(Course.build({ ...valid, price }).validate()), price).to.deep.equal(['price']);
    }
    for (const currency of ['usd', 'US', 'EURO']) {
      expect(await refusedFields(Course.build({ ...valid, currency }).validate()), currency).to.deep.equal(['currency']);
    }
  });

  it('when a staff login has an upper-case or malformed e-mail, no name or another role, then it is refused', async () => {
    const { StaffMember, Centre } = modelsOf(harness().sequelize);
    const valid = { centreId, email: 'staff@centre.example', name: 'Staff', passwordHash: 'x' };
    expect(await refusedFields(StaffMember.build(valid).validate())).to.deep.equal([]);
    expect(await refusedFields(StaffMember.build({ ...valid, email: 'Staff@centre.example' }).validate())).to.deep.equal(['email']);
    expect(await refusedFields(StaffMember.build({ ...valid, email: 'not an address' }).validate())).to.deep.equal(['email']);
    expect(await refusedFields(StaffMember.build({ ...valid, name: '' }).validate())).to.deep.equal(['name']);
    expect(await refusedFields(StaffMember.build({ ...valid, role: 'admin' as 'centre' }).validate())).to.deep.equal(['role']);
    expect(await refusedFields(Centre.build({ name: '', enterpriseNumber: '0123456749', email: 'x' }).validate())).to.have.members([
      'name',
      'email',
    ]);
  });
});

describe('centre models (associations)', () => {
  it('when a centre is read with its associations, then its accreditations, courses and staff come with it', async () => {
    const h = harness();
    const provider = await createCentre(h, { programme: 'ITA' });
    const course = await createCourse(h, provider.id);
    const { Centre } = modelsOf(h.sequelize);
    const found = await Centre.findByPk(provider.id, { include: ['accreditations', 'courses', 'staff'] });
    const plain = found!.get({ plain: true }) as unknown as {
      accreditations: { id: string; programmeCode: string }[];
      courses: { id: string }[];
      staff: { id: string; role: string }[];
    };
    expect(plain.accreditations.map((row) => [row.id, row.programmeCode])).to.deep.equal([[provider.accreditationId, 'ITA']]);
    expect(plain.courses.map((row) => row.id)).to.deep.equal([course.id]);
    expect(plain.staff.map((row) => [row.id, row.role])).to.deep.equal([[provider.staff.principal.userId, 'centre']]);
  });
});
