// GET /docs: the API reference page, rendered from /openapi.json by Scalar's bundle served from
// its package, under a Content-Security-Policy that allows our own files and this answer's nonce.
import { expect } from 'chai';
import { harness } from '../support/harness.js';
import { startBrowsing, type Browsing } from '../support/browser.js';

describe('GET /docs (the API reference page)', () => {
  it("when read, then it loads the renderer from this service with the answer's nonce, and names no other host", async () => {
    const res = await harness()
      .http.get('/docs')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    const csp = res.headers['content-security-policy'] as string;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).to.be.a('string');
    expect(csp).to.include("default-src 'self'").and.include("img-src 'self' data:").and.include("connect-src 'self'");
    // Scalar's theme <style> elements carry no nonce: this page alone allows inline styles, with no nonce beside it.
    expect(csp)
      .to.include("style-src 'self' 'unsafe-inline';")
      .and.not.match(/style-src[^;]*nonce/);
    expect(csp).to.include(`script-src 'self' 'nonce-${nonce}';`).and.include("script-src-attr 'none'").and.not.include('unsafe-eval');
    expect(res.text).to.include(`<script src="/docs/scalar.js" nonce="${nonce}"></script>`);
    expect(res.text).to.include(`<meta property="csp-nonce" content="${nonce}">`).and.include("url: '/openapi.json'");
    expect(res.text).to.not.match(/https?:\/\//);
    const again = await harness().http.get('/docs').expect(200);
    expect(again.headers['content-security-policy']).to.not.equal(csp);
  });

  it("when the renderer is fetched, then it is Scalar's standalone bundle from the package", async () => {
    const res = await harness()
      .http.get('/docs/scalar.js')
      .expect(200)
      .expect('Content-Type', /text\/javascript/);
    expect(res.text).to.include('createApiReference');
  });

  it('when an API path is unknown, then it is still the API problem+json 404, not a page', async () => {
    const res = await harness().http.get('/v1/docs').expect(404);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(res.body.code).to.equal('route_not_found');
  });

  describe('in Chromium', () => {
    let browsing: Browsing;
    before(async () => {
      browsing = await startBrowsing(harness().app);
    });
    after(async () => browsing.stop());

    it('when opened, then the operations of the document are shown and the policy refuses no script and no style', async function () {
      this.timeout(60_000);
      const page = await browsing.visit('/docs', { javaScript: true });
      const refused: string[] = [];
      page.on('console', (message) => {
        // Scalar's theme names fonts on its CDN, which font-src 'self' refuses by design (the system's fonts are used).
        if (/Content Security Policy/i.test(message.text()) && !/Loading the font/.test(message.text())) refused.push(message.text());
      });
      // Every refused style, as the page sees it (its bundle also probes eval, refused on purpose and caught).
      await page.addInitScript(() => {
        const seen: string[] = [];
        Object.assign(window, { styleViolations: seen });
        document.addEventListener('securitypolicyviolation', (event) => {
          if (event.effectiveDirective.startsWith('style-src')) seen.push(`${event.effectiveDirective} ${event.blockedURI}`);
        });
      });
      // A reference is read at a desk: at a phone's width its operations sit behind the menu.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.reload();
      // Styled, each tag lists its operations and folds their details behind 'Show More'.
      await page.getByText('/v1/auth/token', { exact: true }).first().waitFor({ timeout: 30_000 });
      expect(await page.getByText('Loopbaancheques (vouchers)').count()).to.be.greaterThan(0);
      expect(await page.title()).to.include('API reference');
      expect(refused).to.deep.equal([]);
      expect(await page.evaluate(() => (window as unknown as { styleViolations: string[] }).styleViolations)).to.deep.equal([]);
      expect(await page.evaluate(() => document.querySelectorAll('style').length)).to.be.greaterThan(1);
      await page.context().close();
    });
  });
});
