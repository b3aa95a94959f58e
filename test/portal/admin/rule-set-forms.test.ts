// The rule set pages beyond the editing journey: the raw JSON of the wrong shape or without its
// optional parts, a form sent without its button or the draft it was rendered from, a draft asked
// for a code no programme can have, a version closed by a later one, the service's own versions,
// and the lists paged.
import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { addDays } from '../../../server/shared/calendar.js';
import { createActor } from '../../support/actors.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf } from '../../support/pages.js';
import { approvedRuleSet, createProgramme, draft, type Draft } from '../../eligibility/fixtures.js';
import { staffOf, type Staff } from './admin-pages-support.js';

const ageRules = (effectiveFrom: string, maxAge: number): Draft => ({
  rules: [
    {
      name: 'young enough',
      conditions: { all: [{ fact: 'age', operator: 'lessThan', value: { param: 'maxAge' } }] },
      event: { type: 'requirement', params: { code: 'too_old', message: { en: 'Too old.', nl: 'Te oud.' } } },
    },
  ],
  parameters: { maxAge: maxAge },
  effectiveFrom,
});
/** The same rules with the test case an approval needs: someone born in 1900 is too old. */
const approvable = (effectiveFrom: string, maxAge: number): Draft => ({
  ...ageRules(effectiveFrom, maxAge),
  testCases: [{ name: 'born 1900', referenceDate: effectiveFrom, facts: { birthDate: '1900-01-01' }, expected: { eligible: false } }],
});

const summaryRow = (html: string, key: string) =>
  textOf(
    page(html)
      .querySelectorAll('.govuk-summary-list__row')
      .find((row) => textOf(row.querySelector('.govuk-summary-list__key')) === key)
      ?.querySelector('.govuk-summary-list__value') ?? null,
  );

describe('Administrators: rule set forms and lists, beyond the editing journey', () => {
  let h: Harness;
  let author: Staff;
  before(async () => {
    h = harness();
    author = await staffOf(h, 'admin');
  });

  /** A programme of its own with a draft (no note) by `author`; its id and the editor's CSRF token. */
  const ownDraft = async () => {
    const code = await createProgramme(h);
    const id = await draft(h, author.actor, code, ageRules(addDays(h.clock.today(), 1), 25));
    const csrf = csrfOf((await author.agent.get(`/admin/rule-sets/${id}/edit`).expect(200)).text);
    const saved = async () => (await h.http.get(`/v1/rulesets/${id}`).set(author.actor.auth).expect(200)).body as Record<string, unknown>;
    return { code, id, csrf, saved };
  };

  it('when the raw JSON is JSON of the wrong shape, then each problem is named at the JSON field by its pointer, and nothing is saved', async () => {
    const { id, csrf, saved } = await ownDraft();
    const before = await saved();
    const json = JSON.stringify({ effectiveFrom: 'soon', rules: 'none', parameters: {} });
    const res = await author.agent.post(`/admin/rule-sets/${id}/json`).type('form').send({ _csrf: csrf, json }).expect(400);
    const html = page(res.text);
    const links = html.querySelectorAll('.govuk-error-summary a');
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal(['#json', '#json']);
    expect(links.map((link) => textOf(link).split(':')[0])).to.have.members(['/effectiveFrom', '/rules']);
    // What was sent stays in the field, to be corrected; the draft without a note shows an empty note.
    expect(textOf(html.querySelector('textarea#json'))).to.equal(json);
    expect(html.querySelector('#note')!.getAttribute('value') ?? textOf(html.querySelector('#note'))).to.equal('');
    expect((await saved()).updatedAt).to.equal(before.updatedAt);
  });

  it('when the raw JSON is no object at all, then the problem is named at the JSON field without a pointer, and nothing is saved', async () => {
    const { id, csrf, saved } = await ownDraft();
    const before = await saved();
    for (const json of ['42', '[]']) {
      const res = await author.agent.post(`/admin/rule-sets/${id}/json`).type('form').send({ _csrf: csrf, json }).expect(400);
      const links = page(res.text).querySelectorAll('.govuk-error-summary a');
      expect(
        links.map((link) => link.getAttribute('href')),
        json,
      ).to.deep.equal(['#json']);
      expect(textOf(links[0]), json).to.match(/^: /);
    }
    expect((await saved()).updatedAt).to.equal(before.updatedAt);
  });

  it('when the raw JSON has no test cases and no note, then it is saved with none', async () => {
    const { id, csrf, saved } = await ownDraft();
    const body = ageRules(addDays(h.clock.today(), 2), 30);
    await author.agent
      .post(`/admin/rule-sets/${id}/json`)
      .type('form')
      .send({ _csrf: csrf, json: JSON.stringify(body) })
      .expect(303)
      .expect('Location', `/admin/rule-sets/${id}?done=saved`);
    expect(await saved()).to.deep.include({ parameters: { maxAge: 30 }, testCases: [], note: null, effectiveFrom: body.effectiveFrom });
  });

  it('when the editor is sent without its button or the draft it was rendered from, then it is shown again from the saved draft and nothing is saved', async () => {
    const { id, csrf, saved } = await ownDraft();
    const before = await saved();
    const res = await author.agent
      .post(`/admin/rule-sets/${id}/edit`)
      .type('form')
      .send({ _csrf: csrf, '/parameters/maxAge': '40' })
      .expect(200);
    const html = page(res.text);
    expect(html.querySelector('.govuk-error-summary')).to.equal(null);
    // The field sent is kept in the form; the date fields left out stay empty.
    expect(html.querySelector('#f-parameters-maxAge')!.getAttribute('value')).to.equal('40');
    expect(html.querySelector('#effectiveFrom-day')!.getAttribute('value') ?? '').to.equal('');
    expect((await saved()).updatedAt).to.equal(before.updatedAt);
  });

  it('when a list is asked for a cursor it did not issue, then it is the portal 404, as the other admin lists answer it', async () => {
    for (const path of ['/admin/rule-sets?cursor=not-a-cursor', '/admin/rule-sets/programmes/LBC?cursor=not-a-cursor']) {
      const res = await author.agent.get(path).expect(404);
      expect(textOf(page(res.text).querySelector('h1')), path).to.equal('Page not found');
    }
  });

  it('when a draft is asked for a code no programme can have, then it is the portal 404', async () => {
    const csrf = csrfOf((await author.agent.get('/admin/rule-sets').expect(200)).text);
    const res = await author.agent.post('/admin/rule-sets/programmes/lower/draft').type('form').send({ _csrf: csrf }).expect(404);
    expect(textOf(page(res.text).querySelector('h1'))).to.equal('Page not found');
  });

  it('when a later version is approved, then the earlier one shows the day it ends, and a version the service published shows it as its author', async () => {
    const code = await createProgramme(h);
    const admins = { author: author.actor, approver: await createActor(h, 'admin') };
    const today = h.clock.today();
    const first = await approvedRuleSet(h, admins, code, approvable(today, 25));
    await approvedRuleSet(h, admins, code, approvable(addDays(today, 10), 26));
    const shown = (await author.agent.get(`/admin/rule-sets/${first}`).expect(200)).text;
    expect(summaryRow(shown, 'In force until (the day before)')).to.match(/\d{4}$/);
    expect(summaryRow(shown, 'Written by')).to.equal('You');

    // The bundled rules of LBC came with the service, written by no administrator (other tests and
    // the demo add LBC versions of their own, so it is found by its author, not its place in the list).
    const [published] = await queryRows<{ id: string }>(
      h.sequelize,
      `SELECT id FROM rule_sets WHERE programme_code = 'LBC' AND author_id IS NULL ORDER BY version LIMIT 1`,
    );
    expect(summaryRow((await author.agent.get(`/admin/rule-sets/${published!.id}`).expect(200)).text, 'Written by')).to.equal(
      'The service (published rules)',
    );
  });

  it('when there are more programmes or versions than a page holds, then each list links to the next page, which shows the rest', async () => {
    for (let made = 0; made < 21; made += 1) await createProgramme(h);
    const first = page((await author.agent.get('/admin/rule-sets').expect(200)).text);
    const next = first.querySelector('.govuk-pagination__next a')!.getAttribute('href')!;
    expect(next).to.match(/^\/admin\/rule-sets\?cursor=/);
    const second = page((await author.agent.get(next).expect(200)).text);
    const codes = (html: typeof first) => html.querySelectorAll('tbody a').map((link) => textOf(link));
    expect(codes(second)).to.have.length.above(0);
    expect(codes(second).filter((code) => codes(first).includes(code))).to.deep.equal([]);

    const code = await createProgramme(h);
    const admins = { author: author.actor, approver: await createActor(h, 'admin') };
    for (let day = 0; day < 21; day += 1) await approvedRuleSet(h, admins, code, approvable(addDays(h.clock.today(), day), 25 + day));
    const versions = page((await author.agent.get(`/admin/rule-sets/programmes/${code}`).expect(200)).text);
    expect(versions.querySelectorAll('tbody tr')).to.have.length(20);
    const older = versions.querySelector('.govuk-pagination__next a')!.getAttribute('href')!;
    expect(older).to.match(new RegExp(`^/admin/rule-sets/programmes/${code}\\?cursor=`));
    const rest = page((await author.agent.get(older).expect(200)).text);
    expect(rest.querySelectorAll('tbody tr')).to.have.length(1);
    // Only the first page offers a new draft: it copies the newest version.
    expect(rest.querySelector(`form[action="/admin/rule-sets/programmes/${code}/draft"]`)).to.equal(null);
  });
});
