// Accruing-account programmes (CPF-shaped) opened through the API only (programme-factory): EUR
// 500 a year up to 5,000, 800 up to 8,000 for the group `low_qualified`, a EUR 100 co-payment
// that the group `jobseeker` does not pay; with accredited providers, citizens and the HTTP steps.
import { queryRows } from '../../server/db/database.js';
import { addYears } from '../../server/shared/calendar.js';
import { idempotencyKey, type Actor } from '../support/actors.js';
import { createCentre, createCourse } from '../support/centre-factory.js';
import { createCitizen, type TestCitizen } from '../support/citizen-factory.js';
import type { Harness } from '../support/harness.js';
import { openProgramme } from '../support/programme-factory.js';

export const setToday = (h: Harness, date: string) => h.clock.set(`${date}T09:00:00Z`);

const message = (en: string) => ({ en, nl: en });

/** Adults are eligible; two group rules put citizens in the boosted and the exempt group. */
const RULES = [
  {
    name: 'aged 18 or over',
    conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }] },
    event: { type: 'requirement', params: { code: 'too_young', message: message('You must be 18 or over.') } },
  },
  // The fact registry records no qualification: little work experience stands in for it here.
  {
    name: 'low qualified',
    conditions: { all: [{ fact: 'workExperienceDays', operator: 'lessThan', value: 730 }] },
    event: { type: 'group', params: { group: 'low_qualified' } },
  },
  {
    name: 'jobseeker',
    conditions: { all: [{ fact: 'employmentStatus', operator: 'equal', value: 'unemployed' }] },
    event: { type: 'group', params: { group: 'jobseeker' } },
  },
];

export const CPF_VALUES = {
  yearlyAccrual: '500.00',
  ceiling: '5000.00',
  accountYearStartMonth: 1,
  boost: { group: 'low_qualified', yearlyAccrual: '800.00', ceiling: '8000.00' },
  coPayment: '100.00',
  coPaymentExemptGroups: ['jobseeker'],
  verificationWeeks: 4,
  placesTarget: null,
  closingDate: null,
};

/** An accruing account programme opened, given its rules and funded through the API only. */
export const openAccounts = (h: Harness, values: Record<string, unknown> = {}) =>
  openProgramme(h, {
    kind: 'accruing_account',
    currency: 'EUR',
    values: { ...CPF_VALUES, ...values },
    ruleSet: {
      rules: RULES,
      testCases: [
        { name: 'an adult', referenceDate: '2026-06-01', facts: { birthDate: '1980-01-01' }, expected: { eligible: true } },
        {
          name: 'a child',
          referenceDate: '2026-06-01',
          facts: { birthDate: '2015-01-01' },
          expected: { eligible: false, reasons: ['too_young'] },
        },
      ],
    },
    budget: '1000000.00',
  });

/** A centre accredited for the programme, with one approved EUR course per price. */
export async function accountProvider(h: Harness, code: string, prices: string[]) {
  const centre = await createCentre(h, { accreditation: 'none' });
  const validFrom = addYears(h.clock.today(), -1);
  await queryRows(
    h.sequelize,
    `INSERT INTO accreditations (centre_id, programme_code, valid_from, valid_to, status) VALUES ($1, $2, $3, $4, 'active')`,
    [centre.id, code, validFrom, addYears(validFrom, 20)],
  );
  const courses = [];
  for (const price of prices) courses.push(await createCourse(h, centre.id, { programme: code, currency: 'EUR', price }));
  return { centre, courses };
}

/** An employed adult with years of experience (no group), unless facts say otherwise. */
export const accountCitizen = (h: Harness, facts: Record<string, unknown> = {}): Promise<TestCitizen> =>
  createCitizen(h, { facts: { birthDate: '1980-01-01', employmentStatus: 'employee', workExperienceDays: 5000, ...facts } });

export const claim = (h: Harness, citizen: Actor, code: string, body: { courseId?: string } = {}, key = idempotencyKey()) =>
  h.http.post(`/v1/programmes/${code}/claims`).set(citizen.auth).set('Idempotency-Key', key).send(body);

export const topUp = (h: Harness, admin: Actor, code: string, body: Record<string, unknown>) =>
  h.http.post(`/v1/programmes/${code}/top-ups`).set(admin.auth).set('Idempotency-Key', idempotencyKey()).send(body);

/** The citizen's account as GET /v1/me/entitlements shows it. */
export async function myAccount(h: Harness, citizen: Actor, code: string) {
  const res = await h.http.get('/v1/me/entitlements').set(citizen.auth);
  const items = (res.body.items ?? res.body) as {
    programme: string;
    balance: { granted: string; reserved: string; used: string; available: string; unit: string };
    topUps?: Record<string, unknown>[];
  }[];
  const account = items.find((item) => item.programme === code);
  if (!account) throw new Error(`no ${code} account in ${JSON.stringify(res.body)}`);
  return account;
}
