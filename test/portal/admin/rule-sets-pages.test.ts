import { expect } from 'chai';
import { addDays } from '../../../server/shared/calendar.js';
import type { HTMLElement } from 'node-html-parser';
import { createActor, type Actor } from '../../support/actors.js';
import { createCentre } from '../../support/centre-factory.js';
import { createCitizen } from '../../support/citizen-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, csrfOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import { approvedRuleSet, createProgramme, draft, type Draft } from '../../eligibility/fixtures.js';
import { referenceRules } from '../../support/reference-like-programmes.js';

const message = { en: 'At least {expected} days are needed.', nl: 'Er zijn minstens {expected} dagen nodig.' };
const experienceRules = (effectiveFrom: string, minDays: number): Draft => ({
  rules: [
    {
      name: 'enough work experience',
      priority: 10,
      conditions: {
        all: [
          { fact: 'workExperienceDays', operator: 'greaterThanInclusive', value: { param: 'minWorkExperienceDays' } },
          { fact: 'residenceRegion', operator: 'in', value: ['VLG', 'BRU'] },
        ],
      },
      event: { type: 'requirement', params: { code: 'work_experience_too_short', message } },
    },
  ],
  parameters: { minWorkExperienceDays: minDays },
  effectiveFrom,
  note: `at least ${minDays} days`,
  testCases: [
    {
      name: 'at 2555 days',
      referenceDate: effectiveFrom,
      facts: { workExperienceDays: 2555, residenceRegion: 'VLG' },
      expected: { eligible: minDays <= 2555 },
    },
  ],
});

const signedIn = async (h: Harness, email: string, password: string): Promise<Agent> => {
  const agent = agentOf(h);
  expect((await signIn(agent, email, password)).status).to.equal(303);
  return agent;
};
const agentFor = (h: Harness, actor: Actor) => signedIn(h, actor.principal.email, actor.password);
/** Forms that change something: every form posted but the header's sign-out. */
const changeForms = (html: HTMLElement) =>
  html.querySelectorAll('form').filter((form) => form.getAttribute('method') === 'post' && form.getAttribute('action') !== '/logout');
/** The editor's form fields as a browser would post them (the first submit button's value aside). */
function fieldsOf(html: HTMLElement): Record<string, string> {
  const form = html.querySelector('form[action$="/edit"]')!;
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) fields[input.getAttribute('name')!] = input.getAttribute('value') ?? '';
  for (const select of form.querySelectorAll('select'))
    fields[select.getAttribute('name')!] = select.querySelector('option[selected]')?.getAttribute('value') ?? '';
  for (const area of form.querySelectorAll('textarea')) fields[area.getAttribute('name')!] = area.textContent.trim();
  return fields;
}

describe('Administrators: rule sets in the portal', () => {
  let h: Harness;
  before(() => {
    h = harness();
  });

  async function programmeWithDraft() {
    const code = await createProgramme(h);
    const author = await createActor(h, 'admin');
    const approver = await createActor(h, 'admin');
    const approved = await approvedRuleSet(h, { author, approver }, code, experienceRules(h.clock.today(), 2555));
    const drafted = await draft(h, author, code, experienceRules(addDays(h.clock.today(), 1), 2555));
    return { code, author, approver, approved, drafted };
  }

  it('when the author edits a draft in the form, then the threshold, a condition and the reason are saved, the test cases run, and the versions show side by side with the change', async () => {
    const { code, author, drafted, approved } = await programmeWithDraft();
    const agent = await agentFor(h, author);
    const versions = page((await agent.get(`/admin/rule-sets/programmes/${code}`).expect(200)).text);
    expect(textOf(versions.querySelector('h1'))).to.equal(`Rule sets of ${code}`);
    expect(textOf(versions.querySelector('tbody')))
      .to.include('Version 2')
      .and.include('Draft')
      .and.include('Version 1')
      .and.include('Approved');

    const editor = page((await agent.get(`/admin/rule-sets/${drafted}/edit`).expect(200)).text);
    expect(editor.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(editor.querySelector('title'))).to.equal(`Edit ${code} rule set, version 2 – Learning Accounts`);
    // Selects from the registry, a value typed by its fact, the parameter as a field, and the JSON beside.
    expect(editor.querySelector('#f-rules-0-conditions-all-0-fact option[selected]')?.getAttribute('value')).to.equal('workExperienceDays');
    expect(editor.querySelectorAll('#f-rules-0-conditions-all-0-operator option').length).to.be.greaterThan(10);
    expect(editor.querySelector('#f-parameters-minWorkExperienceDays')?.getAttribute('value')).to.equal('2555');
    expect(editor.querySelector('#f-rules-0-conditions-all-1-value')?.getAttribute('value')).to.equal('VLG, BRU');
    expect(textOf(editor.querySelector('#json'))).to.include('"minWorkExperienceDays": 2555');

    // Adding a condition shows it unsaved; removing it again leaves the draft as it was.
    const fields = fieldsOf(editor);
    const added = page(
      (
        await agent
          .post(`/admin/rule-sets/${drafted}/edit`)
          .type('form')
          .send({ ...fields, action: 'add:/rules/0/conditions' })
          .expect(200)
      ).text,
    );
    expect(added.querySelector('#f-rules-0-conditions-all-2-fact option[selected]')?.getAttribute('value')).to.equal('age');
    const withAge = fieldsOf(added);
    const removed = page(
      (
        await agent
          .post(`/admin/rule-sets/${drafted}/edit`)
          .type('form')
          .send({ ...withAge, action: 'remove:/rules/0/conditions/all/2' })
          .expect(200)
      ).text,
    );
    expect(removed.querySelector('#f-rules-0-conditions-all-2-fact')).to.equal(null);
    expect((await h.http.get(`/v1/rulesets/${drafted}`).set(author.auth).expect(200)).body.rules[0].conditions.all).to.have.length(2);

    const saved = await agent
      .post(`/admin/rule-sets/${drafted}/edit`)
      .type('form')
      .send({
        ...fieldsOf(removed),
        '/parameters/minWorkExperienceDays': '3000',
        '/rules/0/conditions/all/1/value': 'VLG',
        '/rules/0/event/params/message/en': 'You need {expected} days.',
        action: 'save',
      })
      .expect(303);
    expect(saved.headers.location).to.equal(`/admin/rule-sets/${drafted}?done=saved`);
    const stored = (await h.http.get(`/v1/rulesets/${drafted}`).set(author.auth).expect(200)).body;
    expect(stored.parameters).to.deep.equal({ minWorkExperienceDays: 3000 });
    expect(stored.rules[0].conditions.all[1].value).to.deep.equal(['VLG']);
    expect(stored.rules[0].event.params.message.en).to.equal('You need {expected} days.');
    // The case expects 2555 days to pass: with 3000 it fails, and the page says so.
    const shown = page((await agent.get(saved.headers.location as string).expect(200)).text);
    expect(textOf(shown.querySelector('#test-summary'))).to.equal('0 of 1 test cases pass.');
    expect(textOf(shown.querySelector('.govuk-notification-banner'))).to.include('The draft is saved');

    const compared = page((await agent.get(`/admin/rule-sets/${drafted}/compare?with=${approved}`).expect(200)).text);
    const differences = textOf(compared.querySelector('main'));
    expect(differences).to.include('What changed from version 1 to version 2');
    expect(differences).to.include('/parameters/minWorkExperienceDays 2555 3000');
    expect(differences).to.include('/all/1 residenceRegion in ["VLG","BRU"] residenceRegion in ["VLG"]');

    // From the older version's page, the newer one is still on the right.
    const fromOlder = page((await agent.get(`/admin/rule-sets/${approved}/compare?with=${drafted}`).expect(200)).text);
    expect(textOf(fromOlder.querySelector('#differences'))).to.equal('What changed from version 1 to version 2');

    const audit = await h.http.get(`/v1/audit?entityType=rule_set&entityId=${drafted}`).set(author.auth).expect(200);
    expect(audit.body.items.map((item: { action: string }) => item.action)).to.include('ruleset.edited');
  });

  it('when a condition is invalid, then its error shows at that condition and in the summary, and nothing is saved', async () => {
    const { author, drafted } = await programmeWithDraft();
    const agent = await agentFor(h, author);
    const editor = page((await agent.get(`/admin/rule-sets/${drafted}/edit`).expect(200)).text);
    const before = (await h.http.get(`/v1/rulesets/${drafted}`).set(author.auth).expect(200)).body;
    const refused = page(
      (
        await agent
          .post(`/admin/rule-sets/${drafted}/edit`)
          .type('form')
          .send({ ...fieldsOf(editor), '/rules/0/conditions/all/1/operator': 'greaterThan', action: 'save' })
          .expect(400)
      ).text,
    );
    const links = refused.querySelectorAll('.govuk-error-summary a');
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal(['#f-rules-0-conditions-all-1-operator']);
    expect(textOf(links[0])).to.include('does not apply to a string fact');
    expect(textOf(refused.querySelector('#f-rules-0-conditions-all-1-operator-error'))).to.include('does not apply to a string fact');
    // The page keeps what was typed.
    expect(refused.querySelector('#f-rules-0-conditions-all-1-operator option[selected]')?.getAttribute('value')).to.equal('greaterThan');
    expect(textOf(refused.querySelector('title'))).to.match(/^Error: /);

    // A parameter of the wrong type is named at the parameter's field.
    const badParameter = page(
      (
        await agent
          .post(`/admin/rule-sets/${drafted}/edit`)
          .type('form')
          .send({ ...fieldsOf(editor), '/parameters/minWorkExperienceDays': 'seven years', action: 'save' })
          .expect(400)
      ).text,
    );
    expect(badParameter.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal([
      '#f-parameters-minWorkExperienceDays',
    ]);
    // Raw JSON that is no JSON, and JSON naming an unknown fact.
    const notJson = page(
      (
        await agent
          .post(`/admin/rule-sets/${drafted}/json`)
          .type('form')
          .send({ _csrf: csrfOf(editor.toString()), json: '{ rules' })
          .expect(400)
      ).text,
    );
    expect(notJson.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#json');
    const unknownFact = JSON.stringify({
      ...before,
      rules: [{ ...before.rules[0], conditions: { all: [{ fact: 'shoeSize', operator: 'equal', value: 1 }] } }],
    });
    const body = JSON.parse(unknownFact) as Record<string, unknown>;
    const payload = JSON.stringify({
      effectiveFrom: body.effectiveFrom,
      rules: body.rules,
      parameters: {},
      testCases: body.testCases,
    });
    const refusedJson = page(
      (
        await agent
          .post(`/admin/rule-sets/${drafted}/json`)
          .type('form')
          .send({ _csrf: csrfOf(editor.toString()), json: payload })
          .expect(400)
      ).text,
    );
    expect(textOf(refusedJson.querySelector('.govuk-error-summary'))).to.include('/rules/0/conditions/all/0/fact: unknown fact');
    const after = (await h.http.get(`/v1/rulesets/${drafted}`).set(author.auth).expect(200)).body;
    expect(after.rules).to.deep.equal(before.rules);
    expect(after.parameters).to.deep.equal(before.parameters);
    expect(after.updatedAt).to.equal(before.updatedAt);

    // The raw JSON saves too.
    const edited = JSON.stringify({
      effectiveFrom: before.effectiveFrom,
      rules: before.rules,
      parameters: { minWorkExperienceDays: 2000 },
      testCases: before.testCases,
    });
    await agent
      .post(`/admin/rule-sets/${drafted}/json`)
      .type('form')
      .send({ _csrf: csrfOf(editor.toString()), json: edited })
      .expect(303);
    expect((await h.http.get(`/v1/rulesets/${drafted}`).set(author.auth).expect(200)).body.parameters).to.deep.equal({
      minWorkExperienceDays: 2000,
    });
  });

  it('when a second administrator simulates and approves, then the counts show and the draft is approved; the author may not approve it', async () => {
    const { code, author, approver, drafted } = await programmeWithDraft();
    const authorAgent = await agentFor(h, author);
    await authorAgent.get(`/admin/rule-sets/${drafted}/approve`).expect(404);
    const shownToAuthor = page((await authorAgent.get(`/admin/rule-sets/${drafted}`).expect(200)).text);
    expect(shownToAuthor.querySelector(`a[href="/admin/rule-sets/${drafted}/approve"]`)).to.equal(null);

    const agent = await agentFor(h, approver);
    await agent.get(`/admin/rule-sets/${drafted}/edit`).expect(404);
    const form = await agent.get(`/admin/rule-sets/${drafted}/simulation`).expect(200);
    const today = h.clock.today();
    const simulated = page(
      (
        await agent
          .post(`/admin/rule-sets/${drafted}/simulation`)
          .type('form')
          .send({
            _csrf: csrfOf(form.text),
            'referenceDate-day': today.slice(8, 10),
            'referenceDate-month': today.slice(5, 7),
            'referenceDate-year': today.slice(0, 4),
          })
          .expect(200)
      ).text,
    );
    expect(textOf(simulated.querySelector('#counts'))).to.include('Citizens evaluated');
    expect(textOf(simulated.querySelector('#newly-refused'))).to.equal('0');
    const badDate = page(
      (
        await agent
          .post(`/admin/rule-sets/${drafted}/simulation`)
          .type('form')
          .send({ _csrf: csrfOf(form.text), 'referenceDate-day': '31', 'referenceDate-month': '2', 'referenceDate-year': '2026' })
          .expect(400)
      ).text,
    );
    expect(badDate.querySelector('.govuk-error-summary a')?.getAttribute('href')).to.equal('#referenceDate-day');

    const confirm = await agent.get(`/admin/rule-sets/${drafted}/approve`).expect(200);
    await agent.post(`/admin/rule-sets/${drafted}/approve`).type('form').send({}).expect(403);
    expect((await h.http.get(`/v1/rulesets/${drafted}`).set(approver.auth).expect(200)).body.state).to.equal('draft');
    const approved = await agent
      .post(`/admin/rule-sets/${drafted}/approve`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) })
      .expect(303);
    expect(approved.headers.location).to.equal(`/admin/rule-sets/${drafted}?done=approved`);
    const stored = (await h.http.get(`/v1/rulesets/${drafted}`).set(approver.auth).expect(200)).body;
    expect(stored).to.include({ state: 'approved', approvedBy: approver.principal.userId });
    const versions = page((await agent.get(`/admin/rule-sets/programmes/${code}`).expect(200)).text);
    expect(textOf(versions.querySelector('tbody'))).to.include('Superseded');
    await agent.get(`/admin/rule-sets/${drafted}/approve`).expect(404);
    await agent
      .post(`/admin/rule-sets/${drafted}/approve`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) })
      .expect(404);
  });

  it('when an approval fails its test cases, then the page says why and nothing is approved', async () => {
    const code = await createProgramme(h);
    const author = await createActor(h, 'admin');
    const approver = await createActor(h, 'admin');
    const failing = experienceRules(h.clock.today(), 3000);
    failing.testCases = [{ ...(failing.testCases![0] as object), expected: { eligible: true } }];
    const drafted = await draft(h, author, code, failing);
    const agent = await agentFor(h, approver);
    const confirm = await agent.get(`/admin/rule-sets/${drafted}/approve`).expect(200);
    const refused = page(
      (
        await agent
          .post(`/admin/rule-sets/${drafted}/approve`)
          .type('form')
          .send({ _csrf: csrfOf(confirm.text) })
          .expect(422)
      ).text,
    );
    expect(textOf(refused.querySelector('.govuk-error-summary'))).to.include('1 of 1 test cases fail');
    expect((await h.http.get(`/v1/rulesets/${drafted}`).set(approver.auth).expect(200)).body.state).to.equal('draft');
  });

  it('when an administrator starts a new draft, then it copies the newest version from tomorrow and opens its editor', async () => {
    const { code, approver } = await programmeWithDraft();
    const agent = await agentFor(h, approver);
    const versions = await agent.get(`/admin/rule-sets/programmes/${code}`).expect(200);
    const started = await agent
      .post(`/admin/rule-sets/programmes/${code}/draft`)
      .type('form')
      .send({ _csrf: csrfOf(versions.text) })
      .expect(303);
    const id = /\/admin\/rule-sets\/([0-9a-f-]{36})\/edit$/.exec(started.headers.location as string)![1]!;
    const stored = (await h.http.get(`/v1/rulesets/${id}`).set(approver.auth).expect(200)).body;
    expect(stored).to.include({ version: 3, state: 'draft', authorId: approver.principal.userId, note: 'Draft from version 2' });
    await agent.get(started.headers.location as string).expect(200);
  });

  it('when an auditor reads the rule sets, then every page shows in English and Dutch with no form that changes anything, and the editing pages are 404', async () => {
    const { code, drafted } = await programmeWithDraft();
    const auditor = await createActor(h, 'auditor');
    const agent = await agentFor(h, auditor);
    for (const path of [
      '/admin/rule-sets',
      `/admin/rule-sets/programmes/${code}`,
      `/admin/rule-sets/${drafted}`,
      `/admin/rule-sets/${drafted}/compare`,
    ]) {
      const english = page((await agent.get(path).expect(200)).text);
      expect(english.querySelectorAll('h1'), path).to.have.length(1);
      expect(changeForms(english), path).to.have.length(0);
      const dutch = page((await agent.get(path).set('Cookie', 'lang=nl').expect(200)).text);
      expect(dutch.querySelector('html')?.getAttribute('lang'), path).to.equal('nl');
    }
    const dutch = page((await agent.get(`/admin/rule-sets/${drafted}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal(`Regelset ${code}, versie 2`);
    expect(textOf(dutch.querySelector('#test-summary'))).to.equal('1 van de 1 testgevallen slagen.');
    for (const path of [
      `/admin/rule-sets/${drafted}/edit`,
      `/admin/rule-sets/${drafted}/simulation`,
      `/admin/rule-sets/${drafted}/approve`,
    ])
      await agent.get(path).expect(404);
    await agent.get('/admin/rule-sets/not-a-uuid').expect(404);
  });

  it('when a programme has one draft only, or a form is mangled, then the pages say so and nothing is saved', async () => {
    const code = await createProgramme(h);
    const author = await createActor(h, 'admin');
    const agent = await agentFor(h, author);
    const empty = page((await agent.get(`/admin/rule-sets/programmes/${code}`).expect(200)).text);
    expect(textOf(empty.querySelector('main'))).to.include('This programme has no rule set yet.');
    expect(changeForms(empty)).to.have.length(0);
    await agent.get('/admin/rule-sets/programmes/lower').expect(404);
    await agent.get('/admin/rule-sets?cursor=not-a-cursor').expect(404);
    const csrf = csrfOf((await agent.get(`/admin/rule-sets/programmes/${code}`).set('Cookie', 'lang=nl').expect(200)).text);
    await agent.post(`/admin/rule-sets/programmes/${code}/draft`).type('form').send({ _csrf: csrf }).expect(404);

    const only = await draft(h, author, code, experienceRules(addDays(h.clock.today(), 1), 2555));
    const compared = page((await agent.get(`/admin/rule-sets/${only}/compare`).expect(200)).text);
    expect(textOf(compared.querySelector('main'))).to.include('This programme has no other version to compare with.');
    const form = await agent.get(`/admin/rule-sets/${only}/simulation`).expect(200);
    const today = h.clock.today();
    const simulated = page(
      (
        await agent
          .post(`/admin/rule-sets/${only}/simulation`)
          .type('form')
          .send({
            _csrf: csrfOf(form.text),
            'referenceDate-day': today.slice(8),
            'referenceDate-month': today.slice(5, 7),
            'referenceDate-year': today.slice(0, 4),
          })
          .expect(200)
      ).text,
    );
    expect(textOf(simulated.querySelector('main'))).to.include('No version is in force on that date.');

    const editor = page((await agent.get(`/admin/rule-sets/${only}/edit`).expect(200)).text);
    const before = (await h.http.get(`/v1/rulesets/${only}`).set(author.auth).expect(200)).body;
    const refused = page(
      (
        await agent
          .post(`/admin/rule-sets/${only}/edit`)
          .type('form')
          .send({ ...fieldsOf(editor), document: 'not json', 'effectiveFrom-month': '13', note: 'n'.repeat(501), action: 'save' })
          .expect(400)
      ).text,
    );
    expect(refused.querySelectorAll('.govuk-error-summary a').map((link) => link.getAttribute('href'))).to.deep.equal([
      '#effectiveFrom-day',
      '#note',
    ]);
    // An unknown action re-renders the form as it was sent, saving nothing.
    await agent
      .post(`/admin/rule-sets/${only}/edit`)
      .type('form')
      .send({ ...fieldsOf(editor), action: 'rename:/rules/0' })
      .expect(200);
    await agent
      .post(`/admin/rule-sets/${only}/json`)
      .type('form')
      .send({ _csrf: csrfOf(editor.toString()) })
      .expect(400);
    expect((await h.http.get(`/v1/rulesets/${only}`).set(author.auth).expect(200)).body.updatedAt).to.equal(before.updatedAt);
  });

  it("when the draft is as large as LBC's bundled rules and cases, then both the form and the raw JSON save it", async () => {
    const code = await createProgramme(h);
    const author = await createActor(h, 'admin');
    const lbc = referenceRules('LBC');
    const drafted = await draft(h, author, code, {
      rules: lbc.rules,
      parameters: lbc.parameters!,
      testCases: lbc.testCases!,
      effectiveFrom: addDays(h.clock.today(), 1),
    });
    const agent = await agentFor(h, author);
    const editor = page((await agent.get(`/admin/rule-sets/${drafted}/edit`).expect(200)).text);
    await agent
      .post(`/admin/rule-sets/${drafted}/edit`)
      .type('form')
      .send({ ...fieldsOf(editor), '/parameters/minWorkExperienceDays': '2600', action: 'save' })
      .expect(303);
    const json = textOf(editor.querySelector('#json')).length > 0 ? editor.querySelector('#json')!.textContent : '';
    expect(encodeURIComponent(json).length).to.be.greaterThan(32 * 1024);
    await agent
      .post(`/admin/rule-sets/${drafted}/json`)
      .type('form')
      .send({ _csrf: csrfOf(editor.toString()), json })
      .expect(303);
    const stored = (await h.http.get(`/v1/rulesets/${drafted}`).set(author.auth).expect(200)).body;
    expect(stored.parameters.minWorkExperienceDays).to.equal(2555);
    expect(stored.testCases).to.have.length(lbc.testCases!.length);
  });

  it('when a citizen or a centre asks for the rule set pages, then they are the portal 404', async () => {
    const { drafted } = await programmeWithDraft();
    const citizen = await createCitizen(h);
    const centre = await createCentre(h);
    for (const agent of [
      await signedIn(h, citizen.email, citizen.actor.password),
      await signedIn(h, centre.staff.principal.email, centre.staff.password),
    ]) {
      await agent.get('/admin/rule-sets').expect(404);
      await agent.get(`/admin/rule-sets/${drafted}`).expect(404);
      await agent.get(`/admin/rule-sets/${drafted}/edit`).expect(404);
    }
  });
});
