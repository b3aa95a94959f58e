// A programme opened the way an administrator would: through the API only. One administrator asks
// for it (POST /v1/programmes, 202), a second approves; then, when asked, its rule set is drafted
// and approved by two administrators and its budget funded (approved by the second when the
// funding needs it).
import { randomInt } from 'node:crypto';
import { expect } from 'chai';
import type { ProgrammeKind } from '../../server/programmes/programmes.js';
import { createActor, idempotencyKey, type Actor } from './actors.js';
import { approveChange } from './approvals.js';
import type { Harness } from './harness.js';

export type RuleSetDraft = { rules: unknown[]; parameters?: Record<string, unknown>; testCases?: unknown[]; note?: string };

export type ProgrammeSpec = {
  kind: ProgrammeKind;
  currency: string;
  /** The whole first version of the kind's parameters. */
  values: Record<string, unknown>;
  /** A code of its own by default (tests share one database). */
  code?: string;
  names?: { en: string; nl: string };
  /** Today (the harness clock) by default. */
  effectiveFrom?: string;
  /** Drafted and approved (four eyes) from `effectiveFrom` when given. */
  ruleSet?: RuleSetDraft;
  /** Funded through POST /v1/programmes/{code}/budget when given. */
  budget?: string;
};

export type OpenedProgramme = { code: string; author: Actor; approver: Actor };

/** A fresh programme code: a letter that no seeded programme starts with, then 7 more. */
export const programmeCode = () => `Q${Array.from({ length: 7 }, () => String.fromCharCode(65 + randomInt(26))).join('')}`;

export async function openProgramme(h: Harness, spec: ProgrammeSpec): Promise<OpenedProgramme> {
  const author = await createActor(h, 'admin');
  const approver = await createActor(h, 'admin');
  const code = spec.code ?? programmeCode();
  const effectiveFrom = spec.effectiveFrom ?? h.clock.today();
  const requested = await h.http
    .post('/v1/programmes')
    .set(author.auth)
    .send({
      code,
      kind: spec.kind,
      names: spec.names ?? { en: `Test programme ${code}`, nl: `Testprogramma ${code}` },
      currency: spec.currency,
      effectiveFrom,
      values: spec.values,
    });
  expect(requested.status, JSON.stringify(requested.body)).to.equal(202);
  await approveChange(h, approver.auth, requested.body.id as string);

  if (spec.ruleSet) {
    const drafted = await h.http
      .post(`/v1/programmes/${code}/rulesets`)
      .set(author.auth)
      .send({ parameters: {}, note: `rules of ${code}`, ...spec.ruleSet, effectiveFrom });
    expect(drafted.status, JSON.stringify(drafted.body)).to.equal(201);
    const approved = await h.http.post(`/v1/rulesets/${drafted.body.id}/approve`).set(approver.auth);
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
  }
  if (spec.budget !== undefined) {
    const funded = await h.http
      .post(`/v1/programmes/${code}/budget`)
      .set(author.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ amount: spec.budget, note: `budget of ${code}` });
    expect([200, 201, 202], JSON.stringify(funded.body)).to.include(funded.status);
    if (funded.status === 202) await approveChange(h, approver.auth, funded.body.id as string);
  }
  return { code, author, approver };
}
