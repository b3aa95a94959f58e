// Credit-lots programmes opened through the API (programme-factory), their accredited providers
// with tagged courses, citizens of a given age, and the HTTP steps of the flow.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { formatVerifyReport, verifyLedger } from '../../server/ledger/ledger.js';
import { addDays, addYears } from '../../server/shared/calendar.js';
import { idempotencyKey, type Actor } from '../support/actors.js';
import { createCentre, createCourse } from '../support/centre-factory.js';
import { createCitizen, type TestCitizen } from '../support/citizen-factory.js';
import type { Harness } from '../support/harness.js';
import { openProgramme } from '../support/programme-factory.js';

export const setToday = (h: Harness, date: string) => h.clock.set(`${date}T09:00:00Z`);

export type Lot = {
  lot: string;
  amount: string;
  fromAge?: number | null;
  group?: string | null;
  grantedFrom?: string | null;
  grantedUntil?: string | null;
  expiresOn?: string | null;
  validYears?: number | null;
  courseTags?: string[];
};

const lotValues = (lot: Lot) => ({
  fromAge: null,
  group: null,
  grantedFrom: null,
  grantedUntil: null,
  expiresOn: null,
  validYears: null,
  courseTags: [],
  ...lot,
});

/** Everyone 21 or over is eligible: the lots' own conditions do the rest. */
const ADULTS = {
  name: 'aged 21 or over',
  conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 21 }] },
  event: {
    type: 'requirement',
    params: { code: 'too_young', message: { en: 'You must be 21 or over.', nl: 'Je moet 21 of ouder zijn.' } },
  },
};

/** A SGD credit-lots programme opened, given rules and funded through the API only. */
export async function openCreditLots(
  h: Harness,
  options: { lots: Lot[]; deductionOrder?: 'earliest_expiry_first' | 'restricted_first'; budget?: string },
) {
  return openProgramme(h, {
    kind: 'credit_lots',
    currency: 'SGD',
    values: {
      lots: options.lots.map(lotValues),
      deductionOrder: options.deductionOrder ?? 'earliest_expiry_first',
      verificationWeeks: 4,
      placesTarget: null,
      closingDate: null,
    },
    ruleSet: {
      rules: [ADULTS],
      testCases: [
        { name: 'an adult', referenceDate: '2026-06-01', facts: { birthDate: '1990-01-01' }, expected: { eligible: true } },
        {
          name: 'a teenager',
          referenceDate: '2026-06-01',
          facts: { birthDate: '2010-01-01' },
          expected: { eligible: false, reasons: ['too_young'] },
        },
      ],
    },
    budget: options.budget ?? '100000.00',
  });
}

/** A centre accredited for the programme, with one approved course per price and tags asked for. */
export async function creditProvider(h: Harness, code: string, courses: { price: string; tags?: string[] }[]) {
  const centre = await createCentre(h, { accreditation: 'none' });
  const validFrom = addYears(h.clock.today(), -1);
  await queryRows(
    h.sequelize,
    `INSERT INTO accreditations (centre_id, programme_code, valid_from, valid_to, status) VALUES ($1, $2, $3, $4, 'active')`,
    [centre.id, code, validFrom, addYears(validFrom, 6)],
  );
  const made = [];
  for (const course of courses) made.push(await createCourse(h, centre.id, { programme: code, currency: 'SGD', ...course }));
  return { centre, courses: made };
}

/** A citizen born on `birthDate`, or `yearsOld` years and a day before today. */
export const creditCitizen = (h: Harness, born: { yearsOld: number } | { birthDate: string }): Promise<TestCitizen> =>
  createCitizen(h, { facts: { birthDate: 'birthDate' in born ? born.birthDate : addDays(addYears(h.clock.today(), -born.yearsOld), -1) } });

export const claimCourse = (h: Harness, citizen: Actor, code: string, courseId: string, key = idempotencyKey()) =>
  h.http.post(`/v1/programmes/${code}/claims`).set(citizen.auth).set('Idempotency-Key', key).send({ courseId });

export type LotJson = {
  lot: string;
  amount: { amount: string };
  balance: { amount: string };
  held: { amount: string };
  available: { amount: string };
  spent: { amount: string };
  expiresOn: string | null;
  status: string;
  courseTags: string[];
};

/** The citizen's lots of the programme as GET /v1/me/entitlements shows them, by lot name. */
export async function lotsSeenBy(h: Harness, citizen: Actor, code: string): Promise<Map<string, LotJson>> {
  const res = await h.http.get('/v1/me/entitlements').set(citizen.auth).expect(200);
  const right = (res.body.items as { programme: string; lots?: LotJson[] }[]).find((item) => item.programme === code);
  return new Map((right?.lots ?? []).map((lot) => [lot.lot, lot]));
}

export async function expectLedgerOk(h: Harness) {
  const report = await verifyLedger(h.sequelize);
  expect(report.ok, formatVerifyReport(report)).to.equal(true);
}
