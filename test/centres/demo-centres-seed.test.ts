import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { DEMO_CENTRES, up as seedDemoCentres } from '../../seeders/30-demo-centres.js';
import { DEMO_CENTRE_LOGINS, DEMO_LOGINS } from '../../seeders/demo-logins.js';
import { fillDemoContact } from '../../seeders/seed-helpers.js';
import { createCentre } from '../support/centre-factory.js';
import { harness } from '../support/harness.js';
import { accreditationsOf, allPages, centresNamed, coursesOf, usersNamed } from './centre-test-helpers.js';

describe('seeders/30-demo-centres', () => {
  it('when seeded twice, then nothing is duplicated and the demo reads as described', async () => {
    const h = harness();
    await seedDemoCentres({ sequelize: h.sequelize, config: h.config });
    // The demo's own rows only: other files write centres and users meanwhile.
    const counts = async () => {
      const numbers = DEMO_CENTRES.map((centre) => centre.enterpriseNumber);
      const ids = (await queryRows<{ id: string }>(h.sequelize, `SELECT id FROM centres WHERE enterprise_number = ANY($1)`, [numbers])).map(
        (row) => row.id,
      );
      return [
        await centresNamed(h, { enterpriseNumbers: numbers }),
        await usersNamed(h, { emails: DEMO_CENTRE_LOGINS.map((login) => login.email), centreIds: ids }),
        (await Promise.all(ids.map((id) => accreditationsOf(h, id)))).reduce((sum, n) => sum + n, 0),
        await coursesOf(h, ids),
      ];
    };
    const once = await counts();
    await seedDemoCentres({ sequelize: h.sequelize, config: h.config });
    expect(await counts()).to.deep.equal(once);

    const accreditations = await queryRows<{ enterprise_number: string; programme_code: string; status: string; reason: string | null }>(
      h.sequelize,
      `SELECT c.enterprise_number, a.programme_code, a.status, a.reason FROM accreditations a JOIN centres c ON c.id = a.centre_id
       WHERE c.enterprise_number = ANY($1) ORDER BY c.enterprise_number`,
      [DEMO_CENTRES.map((centre) => centre.enterpriseNumber)],
    );
    expect(accreditations.map((row) => `${row.programme_code}:${row.status}`).sort()).to.deep.equal([
      'ITA:active',
      'LBC:active',
      'LBC:active',
      'LBC:suspended',
    ]);
    expect(accreditations.find((row) => row.status === 'suspended')!.reason)
      .to.be.a('string')
      .with.length.above(0);

    const lbc = await allPages<{ enterpriseNumber: string }>(h, '/v1/centres?programme=LBC');
    const listed = lbc.map((centre) => centre.enterpriseNumber);
    expect(listed).to.include.members(['0456789133', '0412345614']);
    expect(listed).to.not.include('0876543270');

    const ita = await allPages<{ id: string; enterpriseNumber: string }>(h, '/v1/centres?programme=ITA');
    const provider = ita.find((centre) => centre.enterpriseNumber === 'SC612345');
    const courses = (await h.http.get(`/v1/centres/${provider!.id}/courses`).expect(200)).body.items as {
      price: { amount: string; currency: string };
    }[];
    expect(courses.map((course) => `${course.price.currency} ${course.price.amount}`).sort()).to.deep.equal([
      'GBP 150.00',
      'GBP 200.00',
      'GBP 450.00',
    ]);
  });

  it('when seeded, then each demo centre has contact details the API answers (Flemish for LBC, Glasgow for ITA), and an edited detail is kept on a reseed', async () => {
    const h = harness();
    await seedDemoCentres({ sequelize: h.sequelize, config: h.config });
    const listed = [
      ...(await allPages<{ enterpriseNumber: string; postcode: string; municipality: string; phone: string }>(
        h,
        '/v1/centres?programme=LBC',
      )),
      ...(await allPages<{ enterpriseNumber: string; postcode: string; municipality: string; phone: string }>(
        h,
        '/v1/centres?programme=ITA',
      )),
    ];
    const contact = (number: string) => listed.find((centre) => centre.enterpriseNumber === number);
    expect(contact('0456789133')).to.include({ postcode: '9000', municipality: 'Gent', phone: '+32 9 123 45 67' });
    expect(contact('SC612345')).to.include({ postcode: 'G2 8AH', municipality: 'Glasgow', phone: '+44 141 496 0123' });
    for (const centre of DEMO_CENTRES) expect(centre.contact.website).to.match(/^https:\/\/www\.[a-z-]+\.demo\.test$/);
    // The fill keeps what an administrator changed since (on a centre of this test's own).
    const own = await createCentre(h);
    await queryRows(h.sequelize, `UPDATE centres SET phone = '+32 9 999 99 99' WHERE id = $1`, [own.id]);
    await fillDemoContact(h.sequelize, own.id, DEMO_CENTRES[0]!.contact);
    const [row] = await queryRows<{ phone: string; postcode: string }>(h.sequelize, `SELECT phone, postcode FROM centres WHERE id = $1`, [
      own.id,
    ]);
    expect(row).to.deep.equal({ phone: '+32 9 999 99 99', postcode: '9000' });
  });

  it('when a demo centre login signs in with the demo password, then it acts for its own centre', async () => {
    const h = harness();
    await seedDemoCentres({ sequelize: h.sequelize, config: h.config });
    expect(DEMO_LOGINS).to.include.members(DEMO_CENTRE_LOGINS);
    const token = await h.http
      .post('/v1/auth/token')
      .send({ email: 'staff@clyde-skills.demo.test', password: h.config.demoPassword })
      .expect(200);
    const [user] = await queryRows<{ centre_id: string }>(
      h.sequelize,
      `SELECT centre_id FROM users WHERE email = 'staff@clyde-skills.demo.test'`,
    );
    const centre = await h.http
      .get(`/v1/centres/${user!.centre_id}`)
      .set({ Authorization: `Bearer ${token.body.accessToken}` })
      .expect(200);
    expect(centre.body).to.include({ enterpriseNumber: 'SC612345', registry: 'UK_COMPANIES_HOUSE' });
  });
});
