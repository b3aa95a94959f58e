// Test programmes of their own (so a rule change made by a test never reaches another test),
// rule sets approved over HTTP by two administrators, and entitlement rows for the wait.
import { randomInt } from 'node:crypto';
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { queryRows } from '../../server/db/database.js';
import { loadRuleFiles, type RuleFile } from '../../server/eligibility/rule-files.js';
import { fundBudget } from '../../server/programmes/budget-service.js';
import { createActor, type Actor } from '../support/actors.js';
import type { Harness } from '../support/harness.js';

export const bundled = (code: 'LBC' | 'ITA'): RuleFile => loadRuleFiles().find((file) => file.programmeCode === code && !file.draft)!;

export async function createProgramme(h: Harness, currency: 'EUR' | 'GBP' = 'EUR'): Promise<string> {
  const code = `T${Array.from({ length: 7 }, () => String.fromCharCode(65 + randomInt(26))).join('')}`;
  await queryRows(h.sequelize, `INSERT INTO programmes (code, kind, name_en, name_nl, unit, currency) VALUES ($1, $5, $2, $2, $3, $4)`, [
    code,
    `Test ${code}`,
    currency === 'EUR' ? 'HOUR' : 'GBP',
    currency,
    currency === 'EUR' ? 'hours_voucher' : 'course_grant',
  ]);
  return code;
}

export async function fund(h: Harness, code: string, amount: string) {
  await fundBudget(h.sequelize, {
    code,
    amount: new Decimal(amount),
    note: 'test funding',
    businessDate: h.clock.today(),
    actor: { userId: null, role: 'system' },
  });
}

export type Admins = { author: Actor; approver: Actor };
export const admins = async (h: Harness): Promise<Admins> => ({
  author: await createActor(h, 'admin'),
  approver: await createActor(h, 'admin'),
});

export type Draft = { rules: unknown[]; parameters: Record<string, unknown>; effectiveFrom: string; note?: string; testCases?: unknown[] };

export async function draft(h: Harness, author: Actor, code: string, body: Draft): Promise<string> {
  const res = await h.http.post(`/v1/programmes/${code}/rulesets`).set(author.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id as string;
}

export async function approvedRuleSet(h: Harness, who: Admins, code: string, body: Draft): Promise<string> {
  const id = await draft(h, who.author, code, body);
  const res = await h.http.post(`/v1/rulesets/${id}/approve`).set(who.approver.auth);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return id;
}

/** The bundled rules of a programme as a draft of a test programme, effective today. */
export const copyOf = (h: Harness, file: RuleFile): Draft => ({
  rules: file.rules,
  parameters: file.parameters,
  effectiveFrom: h.clock.today(),
  testCases: file.testCases,
  note: `copy of ${file.programmeCode}`,
});

export async function insertEntitlement(h: Harness, citizenId: string, code: string, periodStart: string) {
  await queryRows(
    h.sequelize,
    `INSERT INTO entitlements (citizen_id, programme_code, period_start, period_end) VALUES ($1, $2, $3, $3::date + interval '6 years')`,
    [citizenId, code, periodStart],
  );
}

export const flemishEmployee = {
  birthDate: '1980-03-14',
  residenceCountry: 'BE',
  residenceRegion: 'VLG',
  workRegion: 'VLG',
  employmentStatus: 'employee',
  workExperienceDays: 3000,
};

export const scottishEmployee = (evidenceDate: string) => ({
  birthDate: '1990-05-01',
  residenceCountry: 'GB',
  residenceRegion: 'SCT',
  workRegion: 'SCT',
  employmentStatus: 'employee',
  annualIncome: { amount: '18000.00', currency: 'GBP', year: Number(evidenceDate.slice(0, 4)), evidenceDate },
  benefits: [],
  inFullTimeEducation: false,
  inOtherFundedProgramme: false,
});
