// Browser tests in Debian's Chromium (never a browser download: ../shared/toolchain.md), driven by
// playwright-core, with axe-core checking WCAG 2.2 AA. A test file calls `startBrowsing(app)` in
// its `before` and `stop()` in its `after`; `visit()` opens a page with JavaScript on or off at a
// phone's 360 px width, and `expectUsable()` holds it to axe (no serious or critical violation)
// and to no sideways scrolling. Without Chromium the tests fail and say how to install it.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Express } from 'express';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
// Without the networking flags Chromium keeps calling hosts this closed network refuses.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const PHONE = { width: 360, height: 740 };

/**
 * What the browser has asked for and not received, and what the app has been asked and not
 * answered, across every browsing of this process: printed when a test fails (root-hooks.ts), so a
 * wait that runs out says whether the page or the server was stuck, and on what.
 */
const unfinished = { requests: new Map<string, number>(), answers: new Map<string, number>() };
let sequence = 0;
const track = (open: Map<string, number>, what: string) => {
  const key = `${what} #${(sequence += 1)}`;
  open.set(key, Date.now());
  return () => open.delete(key);
};

export function unfinishedWork(): string[] {
  const list = (side: string, open: Map<string, number>) =>
    [...open].map(([what, since]) => `${side}: ${what}, for ${Math.round((Date.now() - since) / 1000)} s`);
  return [...list('browser waits for', unfinished.requests), ...list('app has not answered', unfinished.answers)];
}

/** Each page's navigations, answered (status, method, path, where it redirected): shown when a sign-in goes astray. */
const trails = new WeakMap<Page, string[]>();

export type Browsing = {
  baseUrl: string;
  visit: (path: string, options: { javaScript: boolean }) => Promise<Page>;
  stop: () => Promise<void>;
};

export async function startBrowsing(app: Express): Promise<Browsing> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (.ci/run does)`,
    );
  }
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const done = track(unfinished.answers, `${req.method ?? ''} ${req.url ?? ''}`);
    res.once('close', done);
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return {
    baseUrl,
    // A context per visit: its own cookies, as a new visitor. axe refuses pages from browser.newPage().
    visit: async (path, { javaScript }) => {
      const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: PHONE, baseURL: baseUrl });
      // A page's wait (a navigation after a click) gets 90 s, not Playwright's 30: on the 2-core CI
      // machine a claim's page can wait behind both mocha jobs' work (a full run once took 30 s+).
      context.setDefaultTimeout(90_000);
      const page = await context.newPage();
      const pending = new Map<Request, () => void>();
      page.on('request', (request) => pending.set(request, track(unfinished.requests, `${request.method()} ${request.url()}`)));
      const settle = (request: Request) => pending.get(request)?.();
      page.on('requestfinished', settle);
      page.on('requestfailed', settle);
      page.on('close', () => pending.forEach((done) => done()));
      const trail: string[] = [];
      trails.set(page, trail);
      page.on('response', (response) => {
        if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
          const location = response.headers().location;
          trail.push(
            `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}${location ? ` -> ${location}` : ''}`,
          );
        }
      });
      await page.goto(path);
      return page;
    },
    stop: async () => {
      await browser.close();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * Signs in through the sign-in form in a new visit and waits for the role's `home`. When the
 * sign-in is answered with a refusal or an error page instead, it fails at once with the status and
 * what the page says, rather than waiting out the navigation's timeout with nothing to go on.
 */
export async function signInThrough(
  browsing: Browsing,
  user: { email: string; password: string },
  home: string,
  options: { javaScript: boolean },
): Promise<Page> {
  const page = await browsing.visit('/login', options);
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  const answer = page.waitForResponse(
    (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/login',
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  const response = await answer;
  if (response.status() >= 400) {
    await page.waitForLoadState();
    const said = (await page.locator('main').textContent())?.replace(/\s+/g, ' ').trim();
    throw new Error(`signing in as ${user.email} was answered ${response.status()} on ${page.url()}: ${said}`);
  }
  await page
    .waitForURL((url) => url.pathname === home)
    .catch(async (error: unknown) => {
      // Where the page ended up instead, and what it says, so a run that loses the sign-in shows how.
      const said = (
        await page
          .locator('main')
          .textContent()
          .catch(() => '')
      )
        ?.replace(/\s+/g, ' ')
        .trim();
      const trail = (trails.get(page) ?? []).join('; ');
      throw new Error(`signed in as ${user.email}, the page stayed on ${page.url()} instead of ${home} (navigations: ${trail}): ${said}`, {
        cause: error,
      });
    });
  return page;
}

/**
 * No serious or critical axe violation of WCAG 2.2 AA, and nothing wider than the window. axe runs
 * as a script and needs timers, which a page loaded with JavaScript off never runs: such a page is
 * checked as a copy of its DOM, its scripts removed, served at its own address in a page that runs
 * axe only (the styles, images and fonts load as on the original).
 */
export async function expectUsable(page: Page, options: { javaScript: boolean }) {
  if (options.javaScript) return checkUsable(page);
  const address = page.url();
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const context = await page.context().browser()!.newContext({ viewport: PHONE });
  try {
    const copy = await context.newPage();
    await copy.route(
      (url) => url.href === address,
      (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
    );
    await copy.goto(address);
    await checkUsable(copy);
  } finally {
    await context.close();
  }
}

async function checkUsable(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const grave = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(
    grave.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`),
    `axe on ${page.url()}`,
  ).to.deep.equal([]);
  const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(widths.content, `sideways scrolling on ${page.url()}`).to.be.at.most(widths.window);
}
