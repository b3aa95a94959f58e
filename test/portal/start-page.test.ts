import { expect } from 'chai';
import { harness } from '../support/harness.js';
import { page, textOf } from '../support/pages.js';

describe('Portal: the start page', () => {
  const h = () => harness();

  it('when a visitor opens /, then they see every programme, what it offers, its budget left and how to sign in, in English', async () => {
    const res = await h()
      .http.get('/')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    const html = page(res.text);
    expect(html.querySelector('html')?.getAttribute('lang')).to.equal('en');
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('h1'))).to.equal('Learning Accounts');
    expect(textOf(html.querySelector('title'))).to.equal('Learning Accounts – Learning Accounts');
    const sections = html.querySelectorAll('section.portal-programme');
    expect(sections.length).to.be.at.least(2);
    const lbc = sections.find((section) => section.querySelector('h3')?.id === 'programme-LBC');
    expect(textOf(lbc)).to.include('What you get').and.include('Who can get it').and.include('Budget left');
    expect(textOf(lbc)).to.match(/Budget left (EUR|GBP) [\d,]+\.\d\d/);
    expect(html.querySelector('a.govuk-button--start')?.getAttribute('href')).to.equal('/login');
    expect(html.querySelector('a.govuk-skip-link')?.getAttribute('href')).to.equal('#main-content');
  });

  it('when the browser prefers Dutch, then the page is in Dutch with amounts written the Dutch way', async () => {
    const res = await h().http.get('/').set('Accept-Language', 'nl-BE,nl;q=0.9,en;q=0.5').expect(200);
    const html = page(res.text);
    expect(html.querySelector('html')?.getAttribute('lang')).to.equal('nl');
    expect(textOf(html.querySelector('h1'))).to.equal('Leerrekeningen');
    expect(textOf(html)).to.match(/Budget over (EUR|GBP) [\d.]+,\d\d/);
  });

  it('when the visitor uses the language switch, then the choice is kept in a cookie and beats Accept-Language', async () => {
    const english = page((await h().http.get('/login').expect(200)).text);
    const toDutch = english.querySelector('nav.govuk-language-navigation a[lang="nl"]')?.getAttribute('href');
    expect(toDutch).to.equal('/language?to=nl&back=%2Flogin');
    const switched = await h().http.get(toDutch!).expect(303).expect('Location', '/login');
    const cookie = switched.headers['set-cookie']![0]!;
    expect(cookie)
      .to.match(/^lang=nl;/)
      .and.match(/HttpOnly/)
      .and.match(/SameSite=Lax/);
    const dutch = await h().http.get('/login').set('Cookie', 'lang=nl').set('Accept-Language', 'en').expect(200);
    expect(page(dutch.text).querySelector('html')?.getAttribute('lang')).to.equal('nl');
    expect(textOf(page(dutch.text).querySelector('h1'))).to.equal('Aanmelden');
  });

  it('when the switch is asked to go back to another site or to an unknown language, then it stays on this site', async () => {
    await h().http.get('/language?to=nl&back=//evil.example/').expect(303).expect('Location', '/');
    await h().http.get('/language?to=nl&back=/%5Cevil.example').expect(303).expect('Location', '/');
    const refused = await h().http.get('/language?to=fr&back=/login').expect(303).expect('Location', '/');
    expect(refused.headers['set-cookie']).to.equal(undefined);
  });
});
