// A programme of the test's own with people it reaches and centres that deliver on it, and the
// counts the statistics must give, computed here from the records the fixture itself created (never
// from the service's SQL). Other tests share the database, so every assertion is scoped to this
// programme (its decisions and cheques) or to these centres.
import { expect } from 'chai';
import type { Actor } from '../support/actors.js';
import { createCitizen } from '../support/citizen-factory.js';
import type { Harness } from '../support/harness.js';
import { createCentre, type TestCentre } from '../support/centre-factory.js';
import {
  closeCheque,
  eligibleLbcFacts,
  lbcCitizen,
  grant,
  guidance,
  openVoucherProgramme,
  order,
  payAsAdmin,
  recordSession,
  register,
  setToday,
  type VoucherProgramme,
} from '../support/voucher-factory.js';

export const PERIOD = { from: '2026-03-01', to: '2026-12-31' };
const DAY = '2026-03-02';

export type Person = {
  sex: string;
  ageBand: string;
  education: string;
  region: string;
  eligible: boolean;
  claimed: boolean;
  used: boolean;
};
export type ReachWorld = { programme: VoucherProgramme; people: Person[]; centre: TestCentre };

type Group = {
  size: number;
  facts: Record<string, unknown>;
  person: Omit<Person, 'eligible' | 'claimed' | 'used'>;
  claims: number;
  uses: number;
};

// 10 women (35-44, higher education, Flanders), 9 men (45-54, upper secondary, Brussels) and 10 men
// (45-54, upper secondary, Flanders): a group of 10 to be shown and one of 9 to be withheld.
const GROUPS: Group[] = [
  {
    size: 10,
    facts: { sex: 'female', birthDate: '1990-05-01', highestQualification: 6 },
    person: { sex: 'female', ageBand: '35to44', education: 'high', region: 'VLG' },
    claims: 10,
    uses: 2,
  },
  {
    size: 9,
    facts: { sex: 'male', birthDate: '1980-05-01', highestQualification: 3, residenceRegion: 'BRU', workRegion: 'BRU' },
    person: { sex: 'male', ageBand: '45to54', education: 'medium', region: 'BRU' },
    claims: 2,
    uses: 0,
  },
  {
    size: 10,
    facts: { sex: 'male', birthDate: '1980-05-01', highestQualification: 3 },
    person: { sex: 'male', ageBand: '45to54', education: 'medium', region: 'VLG' },
    claims: 0,
    uses: 0,
  },
];

async function checkEligibility(h: Harness, actor: Actor, code: string, body: Record<string, unknown> = {}) {
  const res = await h.http.post(`/v1/programmes/${code}/eligibility`).set(actor.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as { eligible: boolean };
}

/** A citizen's cheque of `programme`, paid and registered at `centre`, with a session on `date`. */
export async function chequeWithSession(h: Harness, programme: VoucherProgramme, citizen: Actor, centre: TestCentre, date: string) {
  const right = await grant(h, citizen, programme.code);
  const cheque = await order(h, citizen, right.id);
  expect((await payAsAdmin(h, programme.admin, cheque.code)).status).to.equal(200);
  expect((await register(h, centre, cheque.code, cheque.clientNumber)).status).to.equal(200);
  return { cheque, sessionId: await sessionOn(h, centre, cheque.code, date, '1.00') };
}

async function sessionOn(h: Harness, centre: TestCentre, code: string, date: string, hours: string) {
  const session = await recordSession(h, centre, code, guidance(date, hours));
  expect(session.status, JSON.stringify(session.body)).to.equal(201);
  return (session.body as { session: { id: string } }).session.id;
}

export async function buildReachWorld(h: Harness): Promise<ReachWorld> {
  // Opened before the period, so a decision can be dated before it too.
  const programme = await openVoucherProgramme(h, '2026-02-01');
  setToday(h, DAY);
  const centre = await programme.centre();
  const people: Person[] = [];
  for (const group of GROUPS) {
    for (let index = 0; index < group.size; index++) {
      const citizen = await createCitizen(h, { facts: { ...eligibleLbcFacts, ...group.facts } });
      const claimed = index < group.claims;
      const used = index < group.uses;
      if (used) await chequeWithSession(h, programme, citizen.actor, centre, DAY);
      else if (claimed) await grant(h, citizen.actor, programme.code);
      else expect((await checkEligibility(h, citizen.actor, programme.code)).eligible).to.equal(true);
      people.push({ ...group.person, eligible: true, claimed, used });
    }
  }
  // Not in the eligible population: refused (a jobseeker), and eligible only on a date before the period.
  const jobseeker = await createCitizen(h, { facts: { ...eligibleLbcFacts, employmentStatus: 'unemployed', sex: 'female' } });
  expect((await checkEligibility(h, jobseeker.actor, programme.code)).eligible).to.equal(false);
  people.push({ sex: 'female', ageBand: '45to54', education: 'unknown', region: 'VLG', eligible: false, claimed: false, used: false });
  const earlier = await createCitizen(h, { facts: { ...eligibleLbcFacts, sex: 'other' } });
  setToday(h, DAY);
  const before = await checkEligibility(h, programme.admin, programme.code, { citizenId: earlier.id, referenceDate: '2026-02-27' });
  expect(before.eligible).to.equal(true);
  people.push({ sex: 'other', ageBand: '45to54', education: 'unknown', region: 'VLG', eligible: false, claimed: false, used: false });
  return { programme, people, centre };
}

/** How many of the fixture's eligible people are in each category of `dimension`, for `measure`. */
export function expectedCount(
  people: Person[],
  dimension: 'sex' | 'ageBand' | 'education' | 'region',
  category: string,
  measure: 'eligible' | 'claimed' | 'used',
) {
  return people.filter((person) => person.eligible && person[measure] && person[dimension] === category).length;
}

/** A session the monitoring must count: where, when, how long, and whether its citizen disputed it. */
export type DeliveredSession = { centreId: string; date: string; hours: number; disputed: boolean };
/** A cheque closed with a plan: where, registered and closed on which days, with the hours on it. */
export type ClosedCheque = { centreId: string; registeredOn: string; closedOn: string; hours: number };
export type MonitoringWorld = { programme: VoucherProgramme; centres: TestCentre[]; sessions: DeliveredSession[]; closed: ClosedCheque[] };

/**
 * Two centres of a programme of the test's own. The first: three cheques registered on 2 March, one
 * closed on 6 March after 2 hours (its first session disputed), one closed on 13 March after 2.5
 * hours, one still open; the second: one session on 2 March.
 */
export async function buildMonitoringWorld(h: Harness): Promise<MonitoringWorld> {
  const programme = await openVoucherProgramme(h, '2026-03-01');
  const suffix = Math.random().toString(36).slice(2, 8);
  const first = await createCentre(h, { programme: programme.code, name: `Monitoring A ${suffix}` });
  const second = await createCentre(h, { programme: programme.code, name: `Monitoring B ${suffix}` });
  const sessions: DeliveredSession[] = [];
  const closed: ClosedCheque[] = [];
  const citizens = await Promise.all([1, 2, 3, 4].map(() => lbcCitizen(h)));
  setToday(h, DAY);
  const cheques = [];
  for (const [index, citizen] of citizens.entries()) {
    const centre = index === 3 ? second : first;
    const { cheque, sessionId } = await chequeWithSession(h, programme, citizen.actor, centre, DAY);
    cheques.push({ cheque, sessionId, citizen, centre });
    sessions.push({ centreId: centre.id, date: DAY, hours: 1, disputed: index === 1 });
  }
  const [longer, shorter] = cheques;
  const dispute = await h.http
    .post(`/v1/vouchers/${shorter!.cheque.code}/disputes`)
    .set(shorter!.citizen.actor.auth)
    .send({ sessionId: shorter!.sessionId, reason: 'I was not there.' });
  expect(dispute.status, JSON.stringify(dispute.body)).to.equal(201);
  setToday(h, '2026-03-06');
  await sessionOn(h, first, shorter!.cheque.code, '2026-03-06', '1.00');
  sessions.push({ centreId: first.id, date: '2026-03-06', hours: 1, disputed: false });
  expect((await closeCheque(h, first, shorter!.cheque.code)).status).to.equal(200);
  closed.push({ centreId: first.id, registeredOn: DAY, closedOn: '2026-03-06', hours: 2 });
  setToday(h, '2026-03-12');
  await sessionOn(h, first, longer!.cheque.code, '2026-03-12', '1.50');
  sessions.push({ centreId: first.id, date: '2026-03-12', hours: 1.5, disputed: false });
  // Closed the day after its last session: a period of that day alone has a close and no session.
  setToday(h, '2026-03-13');
  expect((await closeCheque(h, first, longer!.cheque.code)).status).to.equal(200);
  closed.push({ centreId: first.id, registeredOn: DAY, closedOn: '2026-03-13', hours: 2.5 });
  return { programme, centres: [first, second], sessions, closed };
}
