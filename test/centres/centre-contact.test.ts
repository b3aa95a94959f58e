import { expect } from 'chai';
import type { ValidationError } from 'sequelize';
import { queryRows } from '../../server/db/database.js';
import { modelsOf } from '../../server/db/models.js';
import { byNearness, sharedPrefix, telOf } from '../../server/centres/centre-contact.js';
import { createActor } from '../support/actors.js';
import { createCentre, uniqueEnterpriseNumber } from '../support/centre-factory.js';
import { harness, type Harness } from '../support/harness.js';
import { openLbcLike } from '../support/reference-like-programmes.js';
import { auditOf, auditsBy, centresNamed } from './centre-test-helpers.js';

const GENT = {
  address: 'Kortrijksesteenweg 12',
  postcode: ' 9000 ',
  municipality: 'Gent',
  phone: '+32 9 234 56 78',
  website: 'https://loopbaan-gent.example',
};

const contactRow = async (h: Harness, id: string) =>
  (
    await queryRows<Record<string, string | null>>(
      h.sequelize,
      `SELECT address, postcode, municipality, phone, website FROM centres WHERE id = $1`,
      [id],
    )
  )[0];

describe("A centre's contact details", () => {
  it('when an administrator registers a centre with contact details, then they are stored (the postcode normalised) and answered', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const res = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({
        name: 'Loopbaancentrum Gent',
        enterpriseNumber: uniqueEnterpriseNumber(),
        email: 'info@gent.example',
        ...GENT,
        postcode: 'ec1a  1bb',
      })
      .expect(201);
    expect(res.body).to.include({ ...GENT, postcode: 'EC1A 1BB' });
    expect(await contactRow(h, res.body.id)).to.deep.equal({ ...GENT, postcode: 'EC1A 1BB' });
    const bare = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({ name: 'Bare', enterpriseNumber: uniqueEnterpriseNumber(), email: 'bare@centre.example' })
      .expect(201);
    expect(bare.body).to.include({ address: null, postcode: null, municipality: null, phone: null, website: null });
  });

  it('when contact fields are bad, then 400 names each field by its pointer and nothing is written', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const number = uniqueEnterpriseNumber();
    const audits = await auditsBy(h, admin);
    const res = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({
        name: 'Bad contact',
        enterpriseNumber: number,
        email: 'bad@centre.example',
        address: 'Straat\u202E 1',
        postcode: '9000 GENT CENTRUM',
        municipality: '',
        phone: 'call us',
        website: 'javascript:alert(1)',
      })
      .expect(400);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    const paths = (res.body.errors as { path: string }[]).map((error) => error.path).sort();
    expect(paths).to.deep.equal(['/address', '/municipality', '/phone', '/postcode', '/website']);
    expect((res.body.errors as { path: string; message: string }[]).find((error) => error.path === '/address')?.message).to.include(
      'U+202E',
    );
    expect(await centresNamed(h, { enterpriseNumbers: [number] })).to.equal(0);
    expect(await auditsBy(h, admin)).to.equal(audits);
  });

  it('when an administrator changes the contact details, then only the given fields change, null takes one away, and it is audited before and after', async () => {
    const h = harness();
    const centre = await createCentre(h);
    const admin = await createActor(h, 'admin');
    const first = await h.http.patch(`/v1/centres/${centre.id}`).set(admin.auth).send(GENT).expect(200);
    expect(first.body).to.include({ id: centre.id, name: centre.name, ...GENT, postcode: '9000' });
    const second = await h.http
      .patch(`/v1/centres/${centre.id}`)
      .set(admin.auth)
      .send({ phone: '+32 9 111 22 33', website: null })
      .expect(200);
    expect(second.body).to.include({ address: GENT.address, phone: '+32 9 111 22 33', website: null });
    // The same again changes nothing and is not audited a third time.
    await h.http.patch(`/v1/centres/${centre.id}`).set(admin.auth).send({ phone: '+32 9 111 22 33' }).expect(200);
    const entries = await auditOf(h, await createActor(h, 'auditor'), 'centre', centre.id);
    expect(entries.map((entry) => entry.action)).to.deep.equal(['centre.contact', 'centre.contact']);
    expect(entries[0]).to.deep.include({
      before: { ...GENT, postcode: '9000' },
      after: { ...GENT, postcode: '9000', phone: '+32 9 111 22 33', website: null },
    });
    expect(entries[1]).to.deep.include({
      before: { address: null, postcode: null, municipality: null, phone: null, website: null },
      after: { ...GENT, postcode: '9000' },
    });
  });

  it('when a change is bad or empty, then 400 names the field and nothing changes', async () => {
    const h = harness();
    const centre = await createCentre(h);
    const admin = await createActor(h, 'admin');
    const bad = await h.http
      .patch(`/v1/centres/${centre.id}`)
      .set(admin.auth)
      .send({ postcode: 'x'.repeat(11), website: 'ftp://files.example', name: 'Renamed' })
      .expect(400);
    expect((bad.body.errors as { path: string }[]).map((error) => error.path).sort()).to.deep.equal(['/name', '/postcode', '/website']);
    const empty = await h.http.patch(`/v1/centres/${centre.id}`).set(admin.auth).send({}).expect(400);
    expect(empty.body.errors[0].message).to.include('at least one');
    expect(await contactRow(h, centre.id)).to.deep.equal({ address: null, postcode: null, municipality: null, phone: null, website: null });
    await h.http.patch('/v1/centres/00000000-0000-4000-8000-000000000000').set(admin.auth).send({ phone: '+32 9 234 56 78' }).expect(404);
    const wrongTypes = await h.http
      .patch(`/v1/centres/${centre.id}`)
      .set(admin.auth)
      .send({ postcode: 9000, phone: ['+32 9 234 56 78'], website: { href: 'https://a.example' } })
      .expect(400);
    expect((wrongTypes.body.errors as { path: string }[]).map((error) => error.path).sort()).to.deep.equal([
      '/phone',
      '/postcode',
      '/website',
    ]);
    await h.http.patch('/v1/centres/not-a-centre').set(admin.auth).send({ phone: '+32 9 234 56 78' }).expect(400);
    expect(await contactRow(h, centre.id)).to.deep.equal({ address: null, postcode: null, municipality: null, phone: null, website: null });
  });

  it("when the centre's own administrator changes them, then it is audited as them; plain staff get 403, another centre's staff, an auditor and a citizen are refused", async () => {
    const h = harness();
    const centre = await createCentre(h);
    const other = await createCentre(h);
    const admin = await createActor(h, 'admin');
    const plain = await createActor(h, 'centre', { centreId: centre.id });
    await h.http
      .put(`/v1/centres/${centre.id}/staff/${centre.staff.principal.userId}/centre-admin`)
      .set(admin.auth)
      .send({ centreAdmin: true })
      .expect(200);
    await h.http.patch(`/v1/centres/${centre.id}`).set(centre.staff.auth).send({ municipality: 'Gent' }).expect(200);
    const refused = await h.http.patch(`/v1/centres/${centre.id}`).set(plain.auth).send({ municipality: 'Brugge' }).expect(403);
    expect(refused.body.code).to.equal('forbidden');
    await h.http.patch(`/v1/centres/${centre.id}`).set(other.staff.auth).send({ municipality: 'Brugge' }).expect(404);
    await h.http
      .patch(`/v1/centres/${centre.id}`)
      .set((await createActor(h, 'auditor')).auth)
      .send({ municipality: 'Brugge' })
      .expect(403);
    await h.http
      .patch(`/v1/centres/${centre.id}`)
      .set((await createActor(h, 'citizen')).auth)
      .send({ municipality: 'Brugge' })
      .expect(403);
    expect((await contactRow(h, centre.id))?.municipality).to.equal('Gent');
    const [entry] = await auditOf(h, await createActor(h, 'auditor'), 'centre', centre.id);
    expect(entry).to.deep.include({ action: 'centre.contact' });
    expect(entry!.actor.id).to.equal(centre.staff.principal.userId);
  });

  it('when the public lists the centres of a programme, then each comes with its contact details', async () => {
    const h = harness();
    const { code } = await openLbcLike(h);
    const centre = await createCentre(h, { programme: code, name: 'Contact Listed' });
    const admin = await createActor(h, 'admin');
    await h.http.patch(`/v1/centres/${centre.id}`).set(admin.auth).send(GENT).expect(200);
    const res = await h.http.get(`/v1/centres?programme=${code}`).expect(200);
    expect(res.body.items).to.have.length(1);
    expect(res.body.items[0]).to.include({ id: centre.id, ...GENT, postcode: '9000' });
    const one = await h.http.get(`/v1/centres/${centre.id}`).set(admin.auth).expect(200);
    expect(one.body).to.include({ ...GENT, postcode: '9000' });
  });

  it('when the Centre model is given bad contact details, then it refuses each field before the database does', async () => {
    const { Centre } = modelsOf(harness().sequelize);
    const valid = { name: 'Model', enterpriseNumber: '0123456749', email: 'model@centre.example' };
    const refused = async (values: Record<string, string>) => {
      try {
        await Centre.build({ ...valid, ...values }).validate();
        return [];
      } catch (error) {
        return (error as ValidationError).errors.map((item) => item.path);
      }
    };
    expect(await refused({ ...GENT, postcode: '9000' })).to.deep.equal([]);
    expect(
      await refused({ address: ' Straat 1', postcode: '9000 ', municipality: '', phone: 'call', website: 'ftp://x.example' }),
    ).to.have.members(['address', 'postcode', 'municipality', 'phone', 'website']);
  });

  it('when centres are ordered near a postcode, then the longest shared prefix comes first and equals keep their order', () => {
    expect(sharedPrefix('EH1 1AB', 'EH11 2XY')).to.equal(3);
    const centres = [
      { name: 'A', postcode: '1000' },
      { name: 'B', postcode: null },
      { name: 'C', postcode: '9050' },
      { name: 'D', postcode: '9000' },
      { name: 'E', postcode: '9000' },
    ];
    expect(byNearness(centres, ' 9000').map((centre) => centre.name)).to.deep.equal(['D', 'E', 'C', 'A', 'B']);
    expect(byNearness(centres, undefined).map((centre) => centre.name)).to.deep.equal(['A', 'B', 'C', 'D', 'E']);
    expect(telOf('+32 (9) 234.56.78')).to.equal('tel:+3292345678');
    expect(telOf('0131 496 0000')).to.equal('tel:01314960000');
  });
});
