// Every administration page, now and later, is held to the portal's rule for them (issue 18):
// whatever changes something (a POST under /admin) is the administrator's only, and every page
// that reads (a GET under /admin) is the administrator's and the auditor's, never a citizen's or a
// centre's, who get the portal's 404. Read from the page list, so a page added later is checked too.
import { expect } from 'chai';
import { portalPages } from '../../../server/portal/portal-pages.js';
import { harness } from '../../support/harness.js';
import { csrfOf } from '../../support/pages.js';
import { outsiders, staffOf } from './admin-pages-support.js';

const adminPages = portalPages.filter((page) => page.path === '/admin' || page.path.startsWith('/admin/'));

/** A page's path with something in each parameter: who may not see a page gets the 404 before it is read. */
const concrete = (path: string) => path.replace(/:(\w+)/g, 'x');

describe('Portal: who may reach the administration pages', () => {
  it('when the page list is read, then it holds administration pages to check', () => {
    expect(adminPages.filter((page) => page.method === 'get').length).to.be.greaterThan(0);
    expect(adminPages.filter((page) => page.method === 'post').length).to.be.greaterThan(0);
  });

  it('when an administration page changes something (POST), then only an administrator may post it', () => {
    const wrong = adminPages.filter((page) => page.method === 'post' && JSON.stringify(page.access) !== JSON.stringify(['admin']));
    expect(wrong.map((page) => `POST ${page.path}: ${JSON.stringify(page.access)}`)).to.deep.equal([]);
  });

  it('when an administration page reads (GET), then an administrator reaches it, an auditor may, and no citizen or centre does', () => {
    const wrong = adminPages.filter(
      (page) =>
        page.method === 'get' &&
        (page.access === 'public' || !page.access.includes('admin') || page.access.some((role) => role !== 'admin' && role !== 'auditor')),
    );
    expect(wrong.map((page) => `GET ${page.path}: ${JSON.stringify(page.access)}`)).to.deep.equal([]);
  });

  it("when the auditor's home is read, then it is the auditor's only", () => {
    const home = portalPages.find((page) => page.method === 'get' && page.path === '/auditor');
    expect(home?.access).to.deep.equal(['auditor']);
  });

  it('when a citizen or a centre asks for any administration page, then it is the portal’s 404; when an auditor posts to one, then too', async function () {
    this.timeout(60_000);
    const h = harness();
    const auditor = await staffOf(h, 'auditor');
    const token = csrfOf((await auditor.agent.get('/auditor').expect(200)).text);
    for (const agent of await outsiders(h)) {
      for (const page of adminPages.filter((candidate) => candidate.method === 'get')) {
        await agent.get(concrete(page.path)).expect(404);
      }
    }
    for (const page of adminPages.filter((candidate) => candidate.method === 'post')) {
      const answer = await auditor.agent.post(concrete(page.path)).type('form').send({ _csrf: token });
      expect(answer.status, `POST ${page.path}`).to.equal(404);
    }
  });
});
