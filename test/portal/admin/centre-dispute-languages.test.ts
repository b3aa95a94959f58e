// Every page of the administrators' centres, courses, disputes and contests in both languages: one
// <h1>, <html lang>, and no catalogue key left showing (a missing text shows its key).
import { expect } from 'chai';
import { createCentre, createCourse } from '../../support/centre-factory.js';
import { harness } from '../../support/harness.js';
import { page, textOf } from '../../support/pages.js';
import { refusedCitizen, sendContest } from '../../contests/contest-fixtures.js';
import { signedIn, staffOf } from './admin-pages-support.js';
import { disputedSession, disputeProgramme } from './dispute-support.js';

const KEYS = /\b(adminCentres|adminDisputes)\.[a-zA-Z.]+/;

describe('Admin portal: centres, courses, disputes and contests in English and Dutch', () => {
  after(() => harness().clock.set(new Date()));

  it('when an administrator and an auditor open each page in either language, then it has one heading, its language, and no catalogue key showing', async () => {
    const h = harness();
    h.clock.set('2095-06-07T10:00:00Z');
    const programme = await disputeProgramme(h);
    const { disputeId } = await disputedSession(h, programme, { hours: '1.00' });
    const centre = await createCentre(h);
    const provider = await createCentre(h, { programme: 'ITA' });
    const course = await createCourse(h, provider.id, { approved: false });
    const refusal = await refusedCitizen(h);
    const contest = await sendContest(h, refusal.citizen.actor.auth, refusal.decisionId, 'I live here now.').expect(201);
    const reads = [
      '/admin/centres',
      `/admin/centres/${centre.id}`,
      '/admin/courses',
      `/admin/courses/${course.id}`,
      '/admin/disputes?status=all',
      `/admin/disputes/${disputeId}`,
      '/admin/contests?status=all',
      `/admin/contests/${contest.body.id as string}`,
    ];
    const forms = [
      '/admin/centres/new',
      `/admin/centres/${centre.id}/staff/new`,
      `/admin/centres/${centre.id}/accreditations/new`,
      `/admin/centres/${centre.id}/accreditations/${centre.accreditationId}/suspend`,
      `/admin/centres/${centre.id}/accreditations/${centre.accreditationId}/revoke`,
    ];
    const admin = await signedIn(h, { email: programme.admin.principal.email, password: programme.admin.password });
    const auditor = (await staffOf(h, 'auditor')).agent;
    for (const [agent, paths] of [
      [admin, [...reads, ...forms]],
      [auditor, reads],
    ] as const) {
      for (const path of paths) {
        for (const language of ['en', 'nl']) {
          const html = page((await agent.get(path).set('Cookie', `lang=${language}`).expect(200)).text);
          expect(html.querySelectorAll('h1'), path).to.have.length(1);
          expect(html.querySelector('html')?.getAttribute('lang'), path).to.equal(language);
          expect(textOf(html.querySelector('body')), `${path} (${language})`).to.not.match(KEYS);
        }
      }
    }
  });
});
