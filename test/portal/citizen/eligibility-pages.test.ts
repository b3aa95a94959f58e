import { expect } from 'chai';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import { fundLbc, grant, lbcCitizen, setToday } from '../../support/voucher-factory.js';
import { createCentre } from '../../support/centre-factory.js';
import type { TestCitizen } from '../../support/citizen-factory.js';

const TODAY = '2026-12-01';

async function signedIn(h: Harness, citizen: TestCitizen): Promise<Agent> {
  const agent = agentOf(h);
  expect((await signIn(agent, citizen.email, citizen.actor.password)).status).to.equal(303);
  return agent;
}

/** The section of programme `code` on the page. */
const sectionOf = (html: ReturnType<typeof page>, code: string) => html.querySelector(`#programme-${code}`)?.parentNode;

describe('Citizen portal: am I eligible?', () => {
  let h: Harness;
  before(async () => {
    h = harness();
    setToday(h, TODAY);
    await fundLbc(h);
  });
  beforeEach(() => setToday(h, TODAY));

  it('when an eligible citizen asks, then each programme is listed and LBC says eligible with a link to claim it', async () => {
    const agent = await signedIn(h, await lbcCitizen(h));
    const html = page((await agent.get('/citizen/eligibility').expect(200)).text);
    expect(html.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(html.querySelector('title'))).to.equal('Am I eligible? – Learning Accounts');
    const lbc = sectionOf(html, 'LBC');
    expect(textOf(lbc)).to.include('You are eligible');
    expect(lbc?.querySelector('a[href="/citizen/programmes/LBC/claim"]')).to.not.equal(null);
    // A course grant programme is claimed from a course.
    expect(sectionOf(html, 'ITA')?.querySelector('a[href="/citizen/courses"], table')).to.not.equal(null);
    expect(html.querySelector('.govuk-service-navigation a[href="/citizen/eligibility"]')).to.not.equal(null);
  });

  it('when a citizen is not eligible, then each reason shows with the fact, what is needed and what was found, in English and Dutch', async () => {
    const agent = await signedIn(h, await lbcCitizen(h, { workExperienceDays: 100, employmentStatus: 'unemployed' }));
    const html = page((await agent.get('/citizen/eligibility').expect(200)).text);
    const lbc = textOf(sectionOf(html, 'LBC'));
    expect(lbc).to.include('Not eligible today').and.include('Only employees and the self-employed can get career vouchers');
    expect(lbc).to.include('Work situation').and.include('one of: employee, self-employed').and.include('jobseeker');
    expect(lbc).to.include('Days of work experience').and.include('at least 2555').and.include('100');
    expect(lbc).to.include('Time alone will not make you eligible');
    // A refusal can be contested from where it is read: the link leads to that decision's contest form.
    const contest = sectionOf(html, 'LBC')?.querySelector('a[href^="/citizen/decisions/"]');
    expect(textOf(contest)).to.equal('Think this is wrong? Contest this decision');
    await agent.get(contest!.getAttribute('href')!).expect(200);
    const dutch = page((await agent.get('/citizen/eligibility').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Kom ik in aanmerking?');
    const nl = textOf(sectionOf(dutch, 'LBC'));
    expect(nl).to.include('Vandaag niet in aanmerking').and.include('Alleen werknemers en zelfstandigen');
    expect(nl).to.include('Werksituatie').and.include('een van: werknemer, zelfstandige').and.include('werkzoekende');
  });

  it('when only time stands between a citizen and a programme, then the date on which they become eligible is shown', async () => {
    const citizen = await lbcCitizen(h);
    await grant(h, citizen.actor);
    const agent = await signedIn(h, citizen);
    const lbc = textOf(sectionOf(page((await agent.get('/citizen/eligibility').expect(200)).text), 'LBC'));
    expect(lbc).to.include('Not eligible today').and.include('you will be eligible on 1 December 2032');
    expect(lbc).to.include('Time since your last right in this programme').and.include('at least 6 year(s)');
    const nl = textOf(sectionOf(page((await agent.get('/citizen/eligibility').set('Cookie', 'lang=nl').expect(200)).text), 'LBC'));
    expect(nl).to.include('kom je in aanmerking op 1 december 2032');
  });

  it('when someone who is not a citizen asks, then the page does not exist for them; not signed in, they are sent to sign in', async () => {
    await h.http.get('/citizen/eligibility').expect(303).expect('Location', '/login');
    const centre = await createCentre(h);
    const staff = agentOf(h);
    expect((await signIn(staff, centre.staff.principal.email, centre.staff.password)).status).to.equal(303);
    expect(textOf(page((await staff.get('/citizen/eligibility').expect(404)).text).querySelector('h1'))).to.equal('Page not found');
  });
});
