import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import type { TestCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import { lbcCitizen, openVoucherProgramme, order, payAsAdmin, setToday, type VoucherProgramme } from '../../support/voucher-factory.js';

const TODAY = '2026-12-01';

type Contact = { postcode: string; municipality: string; address?: string; phone?: string; website?: string };

async function withContact(h: Harness, centre: TestCentre, contact: Contact) {
  await queryRows(
    h.sequelize,
    `UPDATE centres SET postcode = $2, municipality = $3, address = $4, phone = $5, website = $6 WHERE id = $1`,
    [centre.id, contact.postcode, contact.municipality, contact.address ?? null, contact.phone ?? null, contact.website ?? null],
  );
}

/** The centres' names as the table lists them, page by page. */
const namesOn = (html: string) =>
  page(html)
    .querySelectorAll('[aria-labelledby="centres"] tbody tr')
    .map((row) => textOf(row.querySelector('th')));

describe('Citizen portal: the centres on a cheque, with contact details, near a postcode', () => {
  let h: Harness;
  let programme: VoucherProgramme;
  let agent: Agent;
  let code: string;
  const centres: Record<string, TestCentre> = {};

  before(async () => {
    h = harness();
    programme = await openVoucherProgramme(h, TODAY);
    // A programme of this file's own: its list holds these centres and no other.
    for (const [name, contact] of Object.entries({
      Brugge: { postcode: '8000', municipality: 'Brugge' },
      Gentbrugge: { postcode: '9050', municipality: 'Gentbrugge' },
      Gent: {
        postcode: '9000',
        municipality: 'Gent',
        address: 'Kortrijksesteenweg 12',
        phone: '+32 9 234 56 78',
        website: 'https://loopbaan-gent.example',
      },
      Antwerpen: { postcode: '2000', municipality: 'Antwerpen' },
    })) {
      const centre = await programme.centre();
      await queryRows(h.sequelize, `UPDATE centres SET name = $2 WHERE id = $1`, [centre.id, `Centrum ${name}`]);
      await withContact(h, centre, contact);
      centres[name] = centre;
    }
    const citizen = await lbcCitizen(h);
    const right = await programme.grant(citizen.actor);
    const cheque = await order(h, citizen.actor, right.id);
    expect((await payAsAdmin(h, programme.admin, cheque.code)).status).to.equal(200);
    code = cheque.code;
    agent = agentOf(h);
    expect((await signIn(agent, citizen.email, citizen.actor.password)).status).to.equal(303);
  });
  // The root hooks put the clock back after each test; the session was opened on this day.
  beforeEach(() => setToday(h, TODAY));

  it('when the cheque is ready, then each centre shows its address, a tel: link, a mailto: link and its website, in English and Dutch', async () => {
    const english = page((await agent.get(`/citizen/cheques/${code}`).expect(200)).text);
    const row = english
      .querySelectorAll('[aria-labelledby="centres"] tbody tr')
      .find((candidate) => textOf(candidate.querySelector('th')) === 'Centrum Gent')!;
    expect(textOf(row)).to.include('Kortrijksesteenweg 12').and.include('9000 Gent');
    expect(row.querySelector('a[href="tel:+3292345678"]')?.text).to.equal('+32 9 234 56 78');
    expect(row.querySelector(`a[href^="mailto:info-${centres.Gent!.enterpriseNumber}@"]`)).to.not.equal(null);
    expect(row.querySelector('a[href="https://loopbaan-gent.example"]')).to.not.equal(null);
    expect(textOf(english.querySelector('main')))
      .to.include('Find centres near a postcode')
      .and.include('Centres are listed by name.');
    expect(english.querySelector('form[method="get"] input[name="near"]')).to.not.equal(null);
    expect(namesOn(english.toString())).to.deep.equal(['Centrum Antwerpen', 'Centrum Brugge', 'Centrum Gent', 'Centrum Gentbrugge']);

    const dutch = page((await agent.get(`/citizen/cheques/${code}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('main')))
      .to.include('Zoek centra in de buurt van een postcode')
      .and.include('De centra staan op naam.')
      .and.include('Adres')
      .and.include('9000 Gent');
  });

  it('when the citizen gives a postcode, then the centres sharing the longest prefix with it come first, and the page says so', async () => {
    const near = await agent.get(`/citizen/cheques/${code}?near=+9051+`).expect(200);
    // 9051 shares "905" with Gentbrugge, "90" with Gent, "" with Brugge and Antwerpen (by name).
    expect(namesOn(near.text)).to.deep.equal(['Centrum Gentbrugge', 'Centrum Gent', 'Centrum Antwerpen', 'Centrum Brugge']);
    const html = page(near.text);
    expect(html.querySelector('input[name="near"]')?.getAttribute('value')).to.equal('9051');
    expect(textOf(html.querySelector('#centres-order'))).to.include('starts most like 9051');
    const brugge = await agent.get(`/citizen/cheques/${code}?near=8310`).expect(200);
    expect(namesOn(brugge.text)[0]).to.equal('Centrum Brugge');
  });

  it('when the postcode is too long or holds an invisible character, then the error summary names the field and the list is by name', async () => {
    for (const near of ['9000-9050-9051', '90\u200b00']) {
      const res = await agent.get(`/citizen/cheques/${code}?near=${encodeURIComponent(near)}`).expect(400);
      const html = page(res.text);
      expect(textOf(html.querySelector('title'))).to.match(/^Error: /);
      expect(html.querySelector('.govuk-error-summary a[href="#near"]')).to.not.equal(null);
      expect(textOf(html.querySelector('#near-error'))).to.include('postcode');
      expect(namesOn(res.text)).to.deep.equal(['Centrum Antwerpen', 'Centrum Brugge', 'Centrum Gent', 'Centrum Gentbrugge']);
    }
  });

  it('when there are more centres than fit on a page, then the list is paged with the postcode kept', async () => {
    const more = [];
    for (let index = 0; index < 18; index++) more.push(await programme.centre());
    const first = page((await agent.get(`/citizen/cheques/${code}?near=9050`).expect(200)).text);
    expect(namesOn(first.toString())).to.have.length(20);
    expect(namesOn(first.toString())[0]).to.equal('Centrum Gentbrugge');
    const next = first.querySelector('.govuk-pagination__next a')?.getAttribute('href');
    expect(next).to.equal(`/citizen/cheques/${code}?near=9050&page=2#centres`);
    const second = await agent.get(next!).expect(200);
    expect(namesOn(second.text)).to.have.length(2);
    // A page past the last shows the first.
    expect(namesOn((await agent.get(`/citizen/cheques/${code}?near=9050&page=99`).expect(200)).text)[0]).to.equal('Centrum Gentbrugge');
  });
});
