// A portal redirect leaves only once the session it changed is stored: a browser follows a redirect
// on its headers, so a redirect sent before the store had the session let the next request read the
// old one (seen as sign-ins bounced back to /login on a loaded machine). The store is held up here
// by locking the session's row, so the order is the test's, not the machine's.
import { expect } from 'chai';
import { request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';
import { csrfOf } from '../support/pages.js';

const cookieOf = (res: { headers: Record<string, unknown> }) => String((res.headers['set-cookie'] as string[])[0]).split(';')[0]!;
/** The session id inside the signed cookie `portal-session=s:<id>.<signature>`. */
const sessionIdOf = (cookie: string) =>
  decodeURIComponent(cookie.split('=')[1]!)
    .replace(/^s:/, '')
    .replace(/\.[^.]*$/, '');

describe('Portal redirects and the session store', () => {
  let server: Server;
  before(async () => {
    server = await new Promise<Server>((resolve) => {
      const listening = harness().app.listen(0, '127.0.0.1', () => resolve(listening));
    });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('when a citizen signs out everywhere else while their session cannot be stored yet, then the redirect waits for it, and the next page finds them signed in', async () => {
    const h = harness();
    const citizen = await createCitizen(h);
    const login = await h.http.get('/login').expect(200);
    const signedIn = await h.http
      .post('/login')
      .set('Cookie', cookieOf(login))
      .type('form')
      .send({ _csrf: csrfOf(login.text), email: citizen.email, password: citizen.actor.password })
      .expect(303);
    const cookie = cookieOf(signedIn);
    const history = await h.http.get('/citizen/sign-ins').set('Cookie', cookie).expect(200);
    const form = new URLSearchParams({ _csrf: csrfOf(history.text) }).toString();

    const lock = await h.ownerSequelize.transaction();
    let answer: Promise<IncomingMessage>;
    let answeredWhileLocked: boolean;
    try {
      await h.ownerSequelize.query('SELECT sid FROM portal_sessions WHERE sid = $1 FOR UPDATE', {
        bind: [sessionIdOf(cookie)],
        transaction: lock,
      });
      let answered = false;
      answer = new Promise<IncomingMessage>((resolve, reject) => {
        const post = request(
          `http://127.0.0.1:${(server.address() as AddressInfo).port}/citizen/sign-ins/end-others`,
          { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' } },
          (res) => {
            answered = true;
            resolve(res);
          },
        );
        post.on('error', reject);
        post.end(form);
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      answeredWhileLocked = answered;
    } finally {
      await lock.commit();
    }
    const res = await answer;
    res.resume();
    expect(answeredWhileLocked, 'the redirect was sent before its session was stored').to.equal(false);
    expect(res.statusCode).to.equal(303);
    expect(res.headers.location).to.equal('/citizen/sign-ins?ended=1');
    const next = await h.http.get('/citizen/sign-ins?ended=1').set('Cookie', cookie).expect(200);
    expect(next.text).to.include(citizen.email);
  });
});
