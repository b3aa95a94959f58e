// What the administrators' page tests share: a signed-in agent of each role, and the forms of a
// page that change something (every form posted, but the header's sign-out).
import { expect } from 'chai';
import type { HTMLElement } from 'node-html-parser';
import { createActor, type Actor } from '../../support/actors.js';
import { createCitizen } from '../../support/citizen-factory.js';
import { createCentre } from '../../support/centre-factory.js';
import type { Harness } from '../../support/harness.js';
import { agentOf, signIn, type Agent } from '../../support/pages.js';

export async function signedIn(h: Harness, actor: { email: string; password: string }): Promise<Agent> {
  const agent = agentOf(h);
  expect((await signIn(agent, actor.email, actor.password)).status).to.equal(303);
  return agent;
}

export type Staff = { actor: Actor; agent: Agent };

export async function staffOf(h: Harness, role: 'admin' | 'auditor'): Promise<Staff> {
  const actor = await createActor(h, role);
  return { actor, agent: await signedIn(h, { email: actor.principal.email, password: actor.password }) };
}

/** A citizen's and a centre's agents: every administrators' page is the portal's 404 for them. */
export async function outsiders(h: Harness): Promise<Agent[]> {
  const citizen = await createCitizen(h);
  const centre = await createCentre(h);
  return [
    await signedIn(h, { email: citizen.email, password: citizen.actor.password }),
    await signedIn(h, { email: centre.staff.principal.email, password: centre.staff.password }),
  ];
}

/** Forms that post, but the header's sign-out. */
export const changeForms = (html: HTMLElement) =>
  html.querySelectorAll('form').filter((form) => form.getAttribute('method') === 'post' && form.getAttribute('action') !== '/logout');
