// Portal pages over HTTP: a supertest agent keeps the session cookie like a browser, `page()`
// parses the HTML (node-html-parser), `csrfOf()` reads a form's token, `signIn()` signs a user
// in through the real /login form, and `formFields()` / `dateFields()` fill forms as a browser does.
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

/** A date's three form fields (`<prefix>-day`, `-month`, `-year`) as a person types them, from an ISO date; '--' leaves them empty. */
export const dateFields = (prefix: string, date: string): Record<string, string> => {
  const [year = '', month = '', day = ''] = date.split('-');
  const typed = (part: string) => (part === '' ? '' : String(Number(part)));
  return { [`${prefix}-day`]: typed(day), [`${prefix}-month`]: typed(month), [`${prefix}-year`]: year };
};

/** The fields of the form posting to `action` (inputs, checked radios and boxes, textareas), as a browser sends them. */
export function formFields(html: string, action: string): Record<string, string> {
  const form = page(html).querySelector(`form[action="${action}"]`);
  if (!form) throw new Error(`no form posts to ${action}`);
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) {
    const type = input.getAttribute('type');
    const name = input.getAttribute('name');
    if (!name || ((type === 'radio' || type === 'checkbox') && input.getAttribute('checked') === undefined)) continue;
    fields[name] = input.getAttribute('value') ?? '';
  }
  for (const area of form.querySelectorAll('textarea')) fields[area.getAttribute('name') ?? ''] = area.textContent.trim();
  return fields;
}
