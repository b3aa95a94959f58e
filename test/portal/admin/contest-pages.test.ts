import { expect } from 'chai';
import { queryRows } from '../../../server/db/database.js';
import { PDF, refusedCitizen, sendContest } from '../../contests/contest-fixtures.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf } from '../../support/pages.js';
import { changeForms, outsiders, staffOf, type Staff } from './admin-pages-support.js';

const contestRow = async (h: Harness, id: string) =>
  (
    await queryRows<{ status: string; answer: string | null }>(h.ownerSequelize, `SELECT status, answer FROM contests WHERE id = $1`, [id])
  )[0];

const errorLinks = (html: string) =>
  page(html)
    .querySelectorAll('.govuk-error-summary a')
    .map((link) => link.getAttribute('href'));

async function contested(h: Harness) {
  const refusal = await refusedCitizen(h);
  const sent = await sendContest(h, refusal.citizen.actor.auth, refusal.decisionId, 'I moved to Flanders in March.').attach('files', PDF, {
    filename: 'lease.pdf',
    contentType: 'application/pdf',
  });
  expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
  return {
    refusal,
    contestId: sent.body.id as string,
    reference: sent.body.reference as string,
    evidenceId: sent.body.evidence[0].id as string,
  };
}

describe('Admin portal: contested refusals, read with their evidence and answered with a message', () => {
  let h: Harness;
  let admin: Staff;
  before(async () => {
    h = harness();
    admin = await staffOf(h, 'admin');
  });

  it('when an administrator answers a contest, then an empty message is named and nothing changes, the check page comes first, and the answer is recorded, audited and shown', async () => {
    const { contestId, reference, evidenceId } = await contested(h);
    const list = page((await admin.agent.get('/admin/contests').expect(200)).text);
    expect(textOf(list.querySelector('title'))).to.equal('Contested refusals – Learning Accounts');
    expect(textOf(list.querySelector(`a[href="/admin/contests/${contestId}"]`))).to.equal(reference);
    const path = `/admin/contests/${contestId}`;
    const view = await admin.agent.get(path).expect(200);
    const html = page(view.text);
    expect(textOf(html.querySelector('h1'))).to.equal(`Contest ${reference}`);
    expect(textOf(html.querySelector('main')))
      .to.include('I moved to Flanders in March.')
      .and.include('Why the citizen was refused')
      .and.include('An answer moves no money or hours');
    const link = html.querySelector('a[download]')?.getAttribute('href');
    expect(link).to.equal(`${path}/evidence/${evidenceId}`);
    const file = await admin.agent.get(link!).buffer(true).expect(200);
    expect(file.headers['content-type']).to.equal('application/pdf');
    expect(file.headers['content-disposition']).to.match(/^attachment; filename="lease.pdf"/);
    await admin.agent.get(`${path}/evidence/00000000-0000-4000-8000-000000000000`).expect(404);

    const csrf = csrfOf(view.text);
    await admin.agent.post(`${path}/answer/confirm`).type('form').send({ outcome: 'rejected', message: 'No.' }).expect(403);
    expect(
      errorLinks(
        (await admin.agent.post(`${path}/answer`).type('form').send({ _csrf: csrf, outcome: 'upheld', message: ' ' }).expect(400)).text,
      ),
    ).to.deep.equal(['#message']);
    expect(
      errorLinks((await admin.agent.post(`${path}/answer/confirm`).type('form').send({ _csrf: csrf, message: 'Yes.' }).expect(400)).text),
    ).to.deep.equal(['#outcome']);
    expect(await contestRow(h, contestId)).to.deep.equal({ status: 'open', answer: null });
    const message = 'Your move is now registered; we look at your case again.';
    const check = page(
      (await admin.agent.post(`${path}/answer`).type('form').send({ _csrf: csrf, outcome: 'upheld', message }).expect(200)).text,
    );
    expect(textOf(check.querySelector('h1'))).to.equal('Check your answer before it is sent');
    expect(await contestRow(h, contestId)).to.deep.equal({ status: 'open', answer: null });
    await admin.agent
      .post(`${path}/answer/confirm`)
      .type('form')
      .send({ _csrf: csrf, outcome: 'upheld', message })
      .expect(303)
      .expect('Location', `${path}?done=upheld`);
    expect(await contestRow(h, contestId)).to.deep.equal({ status: 'upheld', answer: message });
    const [audit] = await queryRows<{ action: string }>(
      h.ownerSequelize,
      `SELECT action FROM audit_log WHERE entity_type = 'contest' AND entity_id = $1 AND action = 'contest.answer'`,
      [contestId],
    );
    expect(audit).to.deep.equal({ action: 'contest.answer' });
    const answered = page((await admin.agent.get(path).expect(200)).text);
    expect(textOf(answered.querySelector('main')))
      .to.include(message)
      .and.include('Upheld');
    expect(changeForms(answered)).to.have.length(0);
    await admin.agent
      .post(`${path}/answer/confirm`)
      .type('form')
      .send({ _csrf: csrf, outcome: 'rejected', message: 'Again.' })
      .expect(303)
      .expect('Location', `${path}?done=already`);
    expect(await contestRow(h, contestId)).to.deep.equal({ status: 'upheld', answer: message });
    expect(
      textOf(page((await admin.agent.get(`${path}?done=already`).expect(200)).text).querySelector('.govuk-notification-banner')),
    ).to.include('This contest was already answered.');
    await admin.agent.post(`${path}/answer`).type('form').send({ _csrf: csrf, outcome: 'rejected', message: 'Again.' }).expect(303);
    const dutch = page((await admin.agent.get(path).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal(`Bezwaar ${reference}`);
  });

  it('when an auditor reads a contest, then its evidence downloads, there is no form and a post is the 404; citizens and centres get the 404', async () => {
    const { contestId, evidenceId } = await contested(h);
    const auditor = await staffOf(h, 'auditor');
    const path = `/admin/contests/${contestId}`;
    expect(page((await auditor.agent.get('/admin/contests?status=all').expect(200)).text).querySelector(`a[href="${path}"]`)).to.not.equal(
      null,
    );
    const view = await auditor.agent.get(path).expect(200);
    expect(changeForms(page(view.text))).to.have.length(0);
    await auditor.agent.get(`${path}/evidence/${evidenceId}`).expect(200);
    await auditor.agent
      .post(`${path}/answer/confirm`)
      .type('form')
      .send({ _csrf: csrfOf(view.text), outcome: 'upheld', message: 'Not mine to answer.' })
      .expect(404);
    expect(await contestRow(h, contestId)).to.deep.equal({ status: 'open', answer: null });
    for (const outsider of await outsiders(h)) {
      await outsider.get('/admin/contests').expect(404);
      await outsider.get(path).expect(404);
      await outsider.get(`${path}/evidence/${evidenceId}`).expect(404);
    }
    await admin.agent.get('/admin/contests?cursor=nope').expect(404);
  });
});
