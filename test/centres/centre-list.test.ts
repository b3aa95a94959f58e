import { expect } from 'chai';
import { addYears } from '../../server/centres/mandate-window.js';
import { createCentre } from '../support/centre-factory.js';
import { harness } from '../support/harness.js';
import { allPages, insertAccreditation } from './centre-test-helpers.js';

type Listed = {
  id: string;
  name: string;
  enterpriseNumber: string;
  accreditations: { programme: string; validFrom: string; validTo: string }[];
};

describe('GET /v1/centres (public)', () => {
  it('when listed for a programme, then only centres with an active accreditation in force today appear', async () => {
    const h = harness();
    const today = h.clock.today();
    const active = await createCentre(h, { programme: 'LBC' });
    const suspended = await createCentre(h, { programme: 'LBC', accreditation: 'suspended' });
    const ita = await createCentre(h, { programme: 'ITA' });
    const [revoked, expired, future, endsToday] = [
      await createCentre(h, { accreditation: 'none' }),
      await createCentre(h, { accreditation: 'none' }),
      await createCentre(h, { accreditation: 'none' }),
      await createCentre(h, { accreditation: 'none' }),
    ];
    await insertAccreditation(h, {
      centreId: revoked.id,
      validFrom: addYears(today, -1),
      validTo: addYears(today, 1),
      status: 'revoked',
      reapplyAfter: addYears(today, 1),
    });
    await insertAccreditation(h, { centreId: expired.id, validFrom: addYears(today, -6), validTo: addYears(today, -1) });
    await insertAccreditation(h, { centreId: future.id, validFrom: addYears(today, 1), validTo: addYears(today, 2) });
    await insertAccreditation(h, { centreId: endsToday.id, validFrom: addYears(today, -2), validTo: today });

    const lbc = (await allPages<Listed>(h, '/v1/centres?programme=LBC')).map((centre) => centre.id);
    expect(lbc).to.include.members([active.id, endsToday.id]);
    for (const excluded of [suspended.id, ita.id, revoked.id, expired.id, future.id]) expect(lbc).to.not.include(excluded);

    const itaList = await allPages<Listed>(h, '/v1/centres?programme=ITA');
    const listedIta = itaList.find((centre) => centre.id === ita.id);
    expect(listedIta).to.deep.include({ id: ita.id, enterpriseNumber: ita.enterpriseNumber });
    expect(listedIta!.accreditations.map((accreditation) => accreditation.programme)).to.deep.equal(['ITA']);
    expect(itaList.map((centre) => centre.id)).to.not.include(active.id);

    const any = (await allPages<Listed>(h, '/v1/centres')).map((centre) => centre.id);
    expect(any).to.include.members([active.id, ita.id]);
  });

  it('when paged with a small limit, then pages follow each other without overlap', async () => {
    const h = harness();
    for (let i = 0; i < 3; i++) await createCentre(h, { name: `Aaa paging centre ${i}` });
    const first = await h.http.get('/v1/centres?programme=LBC&limit=2').expect(200);
    expect(first.body.items).to.have.length(2);
    expect(first.body.nextCursor).to.be.a('string');
    const second = await h.http.get(`/v1/centres?programme=LBC&limit=2&cursor=${first.body.nextCursor}`).expect(200);
    const ids = [...first.body.items, ...second.body.items].map((item: Listed) => item.id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('when the programme is unknown or malformed, or the cursor or limit is bad, then 404 or 400 with the pointer', async () => {
    const h = harness();
    const unknown = await h.http.get('/v1/centres?programme=ZZZ').expect(404);
    expect(unknown.body.code).to.equal('not_found');
    const malformed = await h.http.get('/v1/centres?programme=lbc').expect(400);
    expect(malformed.body.errors[0].path).to.equal('/query/programme');
    const forged = Buffer.from(JSON.stringify(['x', 'not-a-uuid'])).toString('base64url');
    for (const query of ['cursor=garbage', `cursor=${forged}`, 'limit=0', 'limit=abc', 'colour=blue']) {
      const res = await h.http.get(`/v1/centres?${query}`).expect(400);
      expect(res.body.code, query).to.equal('validation_failed');
    }
  });
});
