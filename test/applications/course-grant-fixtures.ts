// A course grant programme beside ITA, shaped like the Dutch STAP budget (EUR 1,000 a year for one
// course), opened the way an administrator would: through the API only (the
// programme with four eyes, its rule set drafted and approved by two administrators, its budget;
// then a provider accredited for it and a course proposed by its staff and approved).
import { expect } from 'chai';
import { addYears } from '../../server/shared/calendar.js';
import type { Actor } from '../support/actors.js';
import { createCentre, type TestCentre } from '../support/centre-factory.js';
import type { Harness } from '../support/harness.js';
import { openProgramme, type OpenedProgramme } from '../support/programme-factory.js';

const requirement = (code: string, en: string, nl: string) => ({ type: 'requirement', params: { code, message: { en, nl } } });

/** Not in full-time education, and money left: the citizens of the ITA fixtures qualify too. */
const stapRules = (referenceDate: string) => ({
  rules: [
    {
      name: 'not in full-time education',
      priority: 10,
      conditions: { all: [{ fact: 'inFullTimeEducation', operator: 'equal', value: false }] },
      event: requirement('in_full_time_education', 'You are in full-time education.', 'Je volgt voltijds onderwijs.'),
    },
    {
      name: 'budget left',
      priority: 1,
      conditions: { all: [{ fact: 'budgetRemaining', operator: 'decimalGreaterThan', value: { param: 'minimumBudget' } }] },
      event: requirement('budget_exhausted', 'The programme budget is used up.', 'Het budget van het programma is op.'),
    },
  ],
  parameters: { minimumBudget: '0.00' },
  testCases: [
    {
      name: 'a learner with budget left is eligible',
      referenceDate,
      facts: { inFullTimeEducation: false, budgetRemaining: '1000.00' },
      expected: { eligible: true },
    },
    {
      name: 'a full-time student is not',
      referenceDate,
      facts: { inFullTimeEducation: true, budgetRemaining: '1000.00' },
      expected: { eligible: false, reasons: ['in_full_time_education'] },
    },
  ],
});

export type CourseGrantProgramme = OpenedProgramme & { values: Record<string, unknown> };

/**
 * A STAP-like programme in EUR with a code of its own, funded with `budget`; `values` override the
 * first parameter version. Two programmes never share a reference prefix, so only one test of a
 * run may ask for `referencePrefix: 'STAP'`; the others' references start with their code.
 */
export async function openStap(
  h: Harness,
  options: { values?: Record<string, unknown>; budget?: string } = {},
): Promise<CourseGrantProgramme> {
  const values = {
    yearlyMaximum: '1000.00',
    verificationWeeks: 4,
    accountYearStartMonth: 1,
    placesTarget: null,
    closingDate: null,
    ...options.values,
  };
  const opened = await openProgramme(h, {
    kind: 'course_grant',
    currency: 'EUR',
    values,
    names: { en: 'STAP budget (test)', nl: 'STAP-budget (test)' },
    ruleSet: stapRules(h.clock.today()),
    budget: options.budget ?? '100000.00',
  });
  return { ...opened, values };
}

export type CourseGrantProvider = { provider: TestCentre; course: { id: string; title: string } };

/** A provider accredited for `programme.code` and a course of it at `price`, proposed by its staff and approved. */
export async function providerOf(
  h: Harness,
  programme: OpenedProgramme,
  price = '1200.00',
  currency = 'EUR',
): Promise<CourseGrantProvider> {
  const provider = await createCentre(h, { accreditation: 'none' });
  const accreditation = await h.http
    .post(`/v1/centres/${provider.id}/accreditations`)
    .set(programme.author.auth)
    .send({ programme: programme.code, validFrom: h.clock.today(), validTo: addYears(h.clock.today(), 2) });
  expect(accreditation.status, JSON.stringify(accreditation.body)).to.equal(201);
  const proposed = await h.http
    .post(`/v1/centres/${provider.id}/courses`)
    .set(provider.staff.auth)
    .send({ title: `Data analysis ${provider.id.slice(0, 6)}`, qualification: 'MBO 4', price, currency, programme: programme.code });
  expect(proposed.status, JSON.stringify(proposed.body)).to.equal(201);
  const approved = await h.http
    .post(`/v1/courses/${proposed.body.id}/approval`)
    .set(programme.approver.auth)
    .send({ decision: 'approved' });
  expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
  return { provider, course: { id: proposed.body.id as string, title: proposed.body.title as string } };
}

export const claimOn = (h: Harness, code: string, citizen: Actor, courseId: string, key: string) =>
  h.http.post(`/v1/programmes/${code}/claims`).set(citizen.auth).set('Idempotency-Key', key).send({ courseId });
