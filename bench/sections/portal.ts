// Portal page views: signed-in citizens loading their account page, as a browser does (the
// session cookie, a server-rendered HTML page through the layout, the session touched in
// PostgreSQL on every request). Each client has its own session, made through the real /login
// form with its CSRF token; each citizen holds a claimed loopbaancheque right and a cheque, so the
// page has something to show. The page is /citizen/account when the portal has it, else the
// citizen home /citizen (the line printed says which).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Decimal } from 'decimal.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { queryRows } from '../../server/db/database.js';
import { fundBudget } from '../../server/programmes/budget-service.js';
import { printLoad, type BenchContext, type Section } from '../lib/context.js';
import { expectStatus } from '../lib/http-client.js';
import { runLoad } from '../lib/load.js';
import { belgianPerson, eligibleLbcFacts, insertCitizens, type GeneratedCitizen } from '../lib/population.js';

const PASSWORD = 'bench-portal-password';
const PAGES = ['/citizen/account', '/citizen'];
const SIGN_IN_CLIENTS = 4;

type PageAnswer = { status: number; location: string | undefined; cookie: string | undefined; text: string };

/** A browser's requests, lean: keep-alive sockets, the session cookie passed by hand, the HTML read as text. */
function browser(baseUrl: string, maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const target = new URL(baseUrl);
  const send = (method: 'GET' | 'POST', path: string, cookie: string | undefined, form?: Record<string, string>) =>
    new Promise<PageAnswer>((resolve, reject) => {
      const payload = form ? Buffer.from(new URLSearchParams(form).toString()) : undefined;
      const headers: Record<string, string> = { accept: 'text/html', 'accept-language': 'nl' };
      if (cookie) headers.cookie = cookie;
      if (payload)
        Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(payload.length) });
      const req = http.request({ host: target.hostname, port: target.port, method, path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  return {
    get: (path: string, cookie?: string) => send('GET', path, cookie),
    post: (path: string, cookie: string | undefined, form: Record<string, string>) => send('POST', path, cookie, form),
    close: () => agent.destroy(),
  };
}

type Browser = ReturnType<typeof browser>;

/** A session through GET then POST /login, as a person signs in: the session cookie it ends with. */
async function signIn(pages: Browser, email: string): Promise<string> {
  const form = await pages.get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
  if (form.status !== 200 || !form.cookie || !csrf)
    throw new Error(`GET /login answered ${form.status} without a session and its CSRF token`);
  const signedIn = await pages.post('/login', form.cookie, { _csrf: csrf, email, password: PASSWORD });
  if (signedIn.status !== 303 || signedIn.location !== '/citizen' || !signedIn.cookie) {
    throw new Error(`POST /login answered ${signedIn.status} to ${String(signedIn.location)}`);
  }
  return signedIn.cookie;
}

/** Citizens with a password, a claimed right and an ordered cheque, made through the API as the other sections do. */
async function citizensWithRights(context: BenchContext, count: number): Promise<GeneratedCitizen[]> {
  const { sequelize, service, today } = context;
  await fundBudget(sequelize, {
    code: 'LBC',
    amount: new Decimal('1000000.00'),
    note: 'bench portal',
    businessDate: today,
    actor: { userId: null, role: 'system' },
  });
  const people = Array.from({ length: count }, (_, i) => belgianPerson(eligibleLbcFacts(i)));
  const citizens = await insertCitizens(sequelize, service.config, `portal-${Date.now().toString(36)}`, people, today);
  await queryRows(sequelize, `UPDATE users SET password_hash = $1 WHERE id = ANY($2::uuid[])`, [
    await hashPassword(PASSWORD),
    citizens.map((citizen) => citizen.userId),
  ]);
  for (const citizen of citizens) {
    const right = expectStatus(
      await context.http.post('/v1/programmes/LBC/claims', { token: citizen.token, body: {}, idempotencyKey: randomUUID() }),
      201,
      'LBC claim',
    );
    expectStatus(
      await context.http.post(`/v1/entitlements/${String(right.id)}/vouchers`, { token: citizen.token, idempotencyKey: randomUUID() }),
      201,
      'cheque order',
    );
  }
  return citizens;
}

export const portalSection: Section = {
  name: 'portal',
  run: async (context) => {
    const sessions = Math.max(...context.clientCounts);
    const pages = browser(context.service.baseUrl, sessions + SIGN_IN_CLIENTS);
    try {
      const citizens = await citizensWithRights(context, sessions);
      const cookies: string[] = [];
      const queue = [...citizens];
      const worker = async () => {
        for (let citizen = queue.pop(); citizen; citizen = queue.pop()) cookies.push(await signIn(pages, citizen.email));
      };
      await Promise.all(Array.from({ length: SIGN_IN_CLIENTS }, worker));
      const probe = await pages.get(PAGES[0]!, cookies[0]);
      const path = probe.status === 200 ? PAGES[0]! : PAGES[1]!;
      context.print(`  (${cookies.length} citizens signed in through /login; each page view is GET ${path})`);
      for (const clients of context.clientCounts) {
        const result = await runLoad(
          clients,
          context.seconds,
          async (client) => {
            const answer = await pages.get(path, cookies[client % cookies.length]);
            return answer.status === 200 && answer.text.includes('<h1');
          },
          { cpu: context.cpu, settle: context.settle },
        );
        printLoad(context, 'page_views_per_s', result);
      }
    } finally {
      pages.close();
    }
  },
};
