// Portal pages over HTTP: a supertest agent keeps the session cookie like a browser, `page()`
// parses the HTML (node-html-parser), `csrfOf()` reads a form's token, and `signIn()` signs a
// user in through the real /login form.
import { parse, type HTMLElement } from 'node-html-parser';
import supertest from 'supertest';
import type { Harness } from './harness.js';

export type Agent = ReturnType<typeof supertest.agent>;

export const agentOf = (h: Harness): Agent => supertest.agent(h.app);

export const page = (html: string): HTMLElement => parse(html);

/** The CSRF token of the first form on the page. */
export function csrfOf(html: string): string {
  const token = page(html).querySelector('input[name="_csrf"]')?.getAttribute('value');
  if (!token) throw new Error('the page has no form with a CSRF token');
  return token;
}

/** Signs in through GET then POST /login; answers the POST (303 to the role's home when it worked). */
export async function signIn(agent: Agent, email: string, password: string) {
  const form = await agent.get('/login').expect(200);
  return agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(form.text), email, password });
}

/** The text of an element, its whitespace collapsed. */
export const textOf = (element: HTMLElement | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
