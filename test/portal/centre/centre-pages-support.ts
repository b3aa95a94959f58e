// The centre portal's page tests share these: a programme like LBC of the file's own, a centre's
// staff member signed in through /login, and cheques ready to register or in use there.
import { expect } from 'chai';
import type { Harness } from '../../support/harness.js';
import type { TestCentre } from '../../support/centre-factory.js';
import { agentOf, csrfOf, page, signIn, type Agent } from '../../support/pages.js';
import { payAsAdmin, recordSession, type VoucherProgramme } from '../../support/voucher-factory.js';
import type { Actor } from '../../support/actors.js';
import { queryRows } from '../../../server/db/database.js';

export async function signedInCentre(h: Harness, centre: TestCentre): Promise<Agent> {
  const agent = agentOf(h);
  const res = await signIn(agent, centre.staff.principal.email, centre.staff.password);
  expect(res.status).to.equal(303);
  return agent;
}

/** A paid cheque, not yet registered anywhere, with the citizen who holds it. */
export async function issuedCheque(h: Harness, programme: VoucherProgramme) {
  const ordered = await programme.orderedCheque();
  expect((await payAsAdmin(h, programme.admin, ordered.cheque.code)).status).to.equal(200);
  return ordered;
}

/** The cheque as its citizen reads it through the API: its status and sessions. */
export async function chequeAsCitizen(h: Harness, citizen: Actor, code: string) {
  const res = await h.http.get(`/v1/vouchers/${code}`).set(citizen.auth).expect(200);
  return res.body as { status: string; remainingHours: { amount: string }; sessions: { id: string; kind: string }[] };
}

export const keyOf = (html: string) => page(html).querySelector('input[name="key"]')?.getAttribute('value') ?? '';

/** Posts a form the way the page at `formPath` would, with its CSRF token (and key, when it has one). */
export async function submit(agent: Agent, formPath: string, action: string, fields: Record<string, string>) {
  const form = await agent.get(formPath).expect(200);
  const key = keyOf(form.text);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfOf(form.text), ...(key ? { key } : {}), ...fields });
}

export const sessionFields = (date: string, overrides: Record<string, string> = {}) => {
  const [year, month, day] = date.split('-');
  return {
    'date-day': day!,
    'date-month': month!,
    'date-year': year!,
    hours: '1.5',
    counsellor: 'An Peeters',
    kind: 'guidance',
    ...overrides,
  };
};

/** One guidance session through the API, so a test of other pages starts from a cheque with a session. */
export async function oneSession(h: Harness, centre: TestCentre, code: string, date: string) {
  const res = await recordSession(h, centre, code, { date, hours: '1.00', counsellor: 'An Peeters', kind: 'guidance' });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return (res.body as { session: { id: string } }).session.id;
}

/** Suspends (or revokes, with a date to re-apply from) the centre's accreditation, as an administrator's decision leaves it. */
export async function restrict(h: Harness, centre: TestCentre, status: 'suspended' | 'revoked', reason: string, reapplyAfter?: string) {
  await queryRows(h.sequelize, `UPDATE accreditations SET status = $2, reason = $3, reapply_after = $4, updated_at = $5 WHERE id = $1`, [
    centre.accreditationId,
    status,
    reason,
    reapplyAfter ?? null,
    h.clock.now(),
  ]);
}
