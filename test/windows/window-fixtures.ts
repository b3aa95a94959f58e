// A STAP-like course grant programme with application windows, opened through the API only, and
// the HTTP steps of a window: entering, drawing, reading the draw.
import { expect } from 'chai';
import { idempotencyKey, type Actor } from '../support/actors.js';
import type { TestCitizen } from '../support/citizen-factory.js';
import type { Harness } from '../support/harness.js';
import {
  claimOn,
  openStap,
  providerOf,
  type CourseGrantProgramme,
  type CourseGrantProvider,
} from '../applications/course-grant-fixtures.js';
import { itaCitizen } from '../applications/ita-fixtures.js';

export type WindowSpec = { id: string; opensOn: string; closesOn: string; budget: string; allocation: 'first_come' | 'lottery' };

/** A programme whose claims are taken in `windows`, with a provider and a course at `price` (funded in full up to EUR 1,000). */
export async function openWindowed(
  h: Harness,
  windows: WindowSpec[],
  options: { price?: string; budget?: string; values?: Record<string, unknown> } = {},
): Promise<{ programme: CourseGrantProgramme } & CourseGrantProvider> {
  const programme = await openStap(h, { values: { windows, ...options.values }, ...(options.budget ? { budget: options.budget } : {}) });
  return { programme, ...(await providerOf(h, programme, options.price ?? '300.00')) };
}

export const citizens = (h: Harness, count: number): Promise<TestCitizen[]> =>
  Promise.all(Array.from({ length: count }, () => itaCitizen(h)));

export const enter = (h: Harness, code: string, citizen: Actor, courseId: string, key = idempotencyKey()) =>
  claimOn(h, code, citizen, courseId, key);

export const drawNow = (h: Harness, admin: Actor, code: string, window: string) =>
  h.http.post(`/v1/programmes/${code}/windows/${window}/draw`).set(admin.auth).send({});

export async function readDraw(h: Harness, admin: Actor, code: string, window: string, query = '') {
  const res = await h.http.get(`/v1/programmes/${code}/windows/${window}/draw${query}`).set(admin.auth);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as DrawBody;
}

export type DrawItem = { rank: number; citizenId: string; status: string; refusal: string | null; application: string | null };
export type DrawBody = {
  seed: string;
  entries: number;
  winners: number;
  budget: { amount: string };
  fundable: { amount: string };
  fundedTotal: { amount: string };
  verification: { reproduced: boolean; mismatches: unknown[]; fundedTotal: { amount: string } };
  items: DrawItem[];
};
