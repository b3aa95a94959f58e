import { expect } from 'chai';
import { createActor } from '../../support/actors.js';
import { createCentre, type TestCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import { openItaLike } from '../../support/reference-like-programmes.js';
import { insertAccreditation } from '../../centres/centre-test-helpers.js';

const signedIn = async (h: Harness, centre: TestCentre): Promise<Agent> => {
  const agent = agentOf(h);
  expect((await signIn(agent, centre.staff.principal.email, centre.staff.password)).status).to.equal(303);
  return agent;
};

type CourseJson = { id: string; title: string; status: string; programme: string; price: { amount: string }; tags: string[] };
const coursesOf = async (h: Harness, centre: TestCentre) =>
  (await h.sequelize.query(`SELECT count(*)::int AS n FROM courses WHERE centre_id = $1`, { bind: [centre.id], plain: true })) as {
    n: number;
  };
const courseOf = async (h: Harness, centre: TestCentre, id: string) => {
  // Its own staff read a pending course only through the portal; the audit trail holds what changed.
  const [row] = (await h.sequelize.query(`SELECT title, price::text AS price, tags, status, programme_code FROM courses WHERE id = $1`, {
    bind: [id],
    plain: false,
  })) as unknown as [Record<string, unknown>[]];
  return row[0];
};

describe('Centre portal: propose a course, change it while pending, see its approval', () => {
  let h: Harness;
  before(() => {
    h = harness();
  });

  it('when a provider accredited for one programme proposes a course, then the price has its currency before it, the course is pending, and it can be changed until an administrator decides', async () => {
    const provider = await createCentre(h, { programme: 'ITA' });
    const agent = await signedIn(h, provider);
    const empty = page((await agent.get('/centre/courses').expect(200)).text);
    expect(textOf(empty.querySelector('h1'))).to.equal('Courses');
    expect(textOf(empty.querySelector('main'))).to.include('Your centre has not proposed a course yet.');
    const form = await agent.get('/centre/courses/new').expect(200);
    const formPage = page(form.text);
    expect(textOf(formPage.querySelector('title'))).to.equal('Propose a course – Learning Accounts');
    expect(formPage.querySelector('#price')?.getAttribute('inputmode')).to.equal('decimal');
    expect(textOf(formPage.querySelector('.govuk-input__prefix'))).to.equal('GBP');
    expect(formPage.querySelectorAll('input[name="programme"]')).to.have.length(0);
    const csrf = csrfOf(form.text);

    await agent.post('/centre/courses/new').type('form').send({ title: 'Welding', price: '300.00', qualification: 'Level 2' }).expect(403);
    const bad = page(
      (
        await agent
          .post('/centre/courses/new')
          .type('form')
          .send({ _csrf: csrf, title: 'Welding', price: '300,5x', qualification: '', tags: 'Welding, NOT OK!' })
          .expect(400)
      ).text,
    );
    expect(bad.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal([
      '#price',
      '#qualification',
      '#tags',
    ]);
    expect(bad.querySelector('#title')?.getAttribute('value')).to.equal('Welding');
    expect((await coursesOf(h, provider)).n).to.equal(0);

    const proposed = await agent
      .post('/centre/courses/new')
      .type('form')
      .send({ _csrf: csrf, title: 'Welding basics', price: '300.5', qualification: 'Level 2', tags: 'Welding, safety, welding' })
      .expect(303);
    const id = /^\/centre\/courses\/([0-9a-f-]{36})\?saved=proposed$/.exec(proposed.headers.location!)![1]!;
    const shown = page((await agent.get(proposed.headers.location!).expect(200)).text);
    expect(textOf(shown.querySelector('.govuk-notification-banner'))).to.include('The course is proposed');
    expect(textOf(shown.querySelector('.govuk-summary-list')))
      .to.include('Waiting for approval')
      .and.include('GBP 300.50')
      .and.include('welding, safety');
    expect(await courseOf(h, provider, id)).to.deep.include({
      title: 'Welding basics',
      price: '300.50',
      tags: ['welding', 'safety'],
      status: 'pending',
    });

    const edit = await agent.get(`/centre/courses/${id}/edit`).expect(200);
    expect(page(edit.text).querySelector('#price')?.getAttribute('value')).to.equal('300.50');
    const badEdit = page(
      (
        await agent
          .post(`/centre/courses/${id}/edit`)
          .type('form')
          .send({ _csrf: csrf, title: '', price: '310.00', qualification: 'Level 2' })
          .expect(400)
      ).text,
    );
    expect(badEdit.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#title');
    expect(await courseOf(h, provider, id)).to.deep.include({ title: 'Welding basics', price: '300.50' });
    const changed = await agent
      .post(`/centre/courses/${id}/edit`)
      .type('form')
      .send({ _csrf: csrf, title: 'Welding basics (3 days)', price: '320.00', qualification: 'Level 2', tags: '' })
      .expect(303);
    expect(changed.headers.location).to.equal(`/centre/courses/${id}?saved=changed`);
    expect(await courseOf(h, provider, id)).to.deep.include({ title: 'Welding basics (3 days)', price: '320.00', tags: [] });

    await h.http
      .post(`/v1/courses/${id}/approval`)
      .set((await createActor(h, 'admin')).auth)
      .send({ decision: 'approved' })
      .expect(200);
    const approved = page((await agent.get(`/centre/courses/${id}`).expect(200)).text);
    expect(textOf(approved.querySelector('.govuk-summary-list'))).to.include('Approved');
    expect(approved.querySelector(`a[href="/centre/courses/${id}/edit"]`)).to.equal(null);
    await agent.get(`/centre/courses/${id}/edit`).expect(404);
    const late = page(
      (
        await agent
          .post(`/centre/courses/${id}/edit`)
          .type('form')
          .send({ _csrf: csrf, title: 'Too late', price: '320.00', qualification: 'Level 2' })
          .expect(409)
      ).text,
    );
    expect(textOf(late.querySelector('.govuk-error-summary'))).to.include('can no longer be changed');
    expect(await courseOf(h, provider, id)).to.deep.include({ title: 'Welding basics (3 days)' });
    const list = page((await agent.get('/centre/courses').set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(list.querySelector('h1'))).to.equal('Opleidingen');
    expect(textOf(list.querySelector('tbody')))
      .to.include('Welding basics (3 days)')
      .and.include('Goedgekeurd');
  });

  it('when a provider is accredited for several programmes that pay for courses, then it chooses the programme, and leaving it out is named', async () => {
    const provider = await createCentre(h, { programme: 'ITA' });
    const other = await openItaLike(h);
    await insertAccreditation(h, { centreId: provider.id, programme: other.code, validFrom: '2000-01-01', validTo: '2999-12-31' });
    const agent = await signedIn(h, provider);
    const form = await agent.get('/centre/courses/new').expect(200);
    expect(
      page(form.text)
        .querySelectorAll('input[name="programme"]')
        .map((input) => input.getAttribute('value')),
    ).to.have.members(['ITA', other.code]);
    const course = { _csrf: csrfOf(form.text), title: 'Bricklaying', price: '200.00', qualification: 'Level 1' };
    const missing = page((await agent.post('/centre/courses/new').type('form').send(course).expect(400)).text);
    expect(missing.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#programme');
    expect((await coursesOf(h, provider)).n).to.equal(0);
    const proposed = await agent
      .post('/centre/courses/new')
      .type('form')
      .send({ ...course, programme: other.code })
      .expect(303);
    const id = proposed.headers.location!.split('/')[3]!.split('?')[0]!;
    expect(await courseOf(h, provider, id)).to.deep.include({ programme_code: other.code });
  });

  it('when the centre is no longer accredited for a programme that pays for courses, then the form says so and a proposal sent anyway is refused on the page', async () => {
    const provider = await createCentre(h, { programme: 'ITA', accreditation: 'suspended' });
    const agent = await signedIn(h, provider);
    const form = await agent.get('/centre/courses/new').expect(200);
    expect(textOf(page(form.text).querySelector('main'))).to.include('not accredited today');
    const refused = page(
      (
        await agent
          .post('/centre/courses/new')
          .type('form')
          .send({ _csrf: csrfOf(form.text), title: 'Welding', price: '100.00', qualification: 'Level 1' })
          .expect(422)
      ).text,
    );
    expect(refused.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#title');
    expect((await coursesOf(h, provider)).n).to.equal(0);
  });

  it("when a provider opens another centre's course, then every course page is the portal's 404", async () => {
    const provider = await createCentre(h, { programme: 'ITA' });
    const other = await createCentre(h, { programme: 'ITA' });
    const theirs = (
      await h.http
        .post(`/v1/centres/${other.id}/courses`)
        .set(other.staff.auth)
        .send({ title: 'Theirs', price: '100.00', qualification: 'Level 1' })
        .expect(201)
    ).body as CourseJson;
    const agent = await signedIn(h, provider);
    for (const path of [`/centre/courses/${theirs.id}`, `/centre/courses/${theirs.id}/edit`, '/centre/courses/not-an-id']) {
      expect(textOf(page((await agent.get(path).expect(404)).text).querySelector('h1'))).to.equal('Page not found');
    }
    const csrf = csrfOf((await agent.get('/centre/courses/new').expect(200)).text);
    await agent
      .post(`/centre/courses/${theirs.id}/edit`)
      .type('form')
      .send({ _csrf: csrf, title: 'Mine now', price: '1.00', qualification: 'Level 1' })
      .expect(404);
    expect(await courseOf(h, other, theirs.id)).to.deep.include({ title: 'Theirs' });
  });
});
