// The accruing account's jobs, which run over every account and top-up of the database (so this
// file runs alone, in the serial phase): the yearly accrual up to the ceiling across years, and
// top-ups going back to their funders at their deadline. And the whole flow of a programme opened
// through the API: eligibility, claim, spend, verify, the provider's claim, settlement, ledger.
import { expect } from 'chai';
import { accountsJobs } from '../../server/accounts/accounts.js';
import { queryRows } from '../../server/db/database.js';
import { createActor, idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { expectLedgerVerified } from '../support/voucher-factory.js';
import { accountCitizen, accountProvider, claim, myAccount, openAccounts, setToday, topUp } from './account-fixtures.js';

async function runJob(h: Harness, name: string, date: string) {
  setToday(h, date);
  const job = accountsJobs.find((candidate) => candidate.name === name);
  if (!job) throw new Error(`no job ${name}`);
  return job.run(h.context, new Date(`${date}T09:00:00Z`));
}

const available = async (h: Harness, citizen: Awaited<ReturnType<typeof accountCitizen>>, code: string) =>
  (await myAccount(h, citizen.actor, code)).balance.available;

describe('accruing accounts over the years (serial: the jobs take every account)', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness();
  });

  it('when the years pass, then each accrues 500 up to 5,000 (800 up to 8,000 in the boost group); a spend makes room and accrual resumes below the ceiling', async () => {
    setToday(h, '2026-01-05');
    const { code } = await openAccounts(h);
    const { centre, courses } = await accountProvider(h, code, ['1100.00']);
    const plain = await accountCitizen(h);
    const boosted = await accountCitizen(h, { workExperienceDays: 200 });
    for (const citizen of [plain, boosted]) expect((await claim(h, citizen.actor, code)).status).to.equal(201);
    const seen: string[][] = [[await available(h, plain, code), await available(h, boosted, code)]];
    for (let year = 2027; year <= 2036; year++) {
      await runJob(h, 'accrue-accounts', `${year}-01-05`);
      // Run twice: a year accrues once.
      await runJob(h, 'accrue-accounts', `${year}-06-05`);
      seen.push([await available(h, plain, code), await available(h, boosted, code)]);
    }
    const expected = Array.from({ length: 11 }, (_, i) => [`${Math.min(500 * (i + 1), 5000)}.00`, `${Math.min(800 * (i + 1), 8000)}.00`]);
    expect(seen).to.deep.equal(expected);

    // 2036: at the ceiling, the citizen spends EUR 1,000 (1,100 less the co-payment), held then claimed by the provider.
    const spent = await claim(h, plain.actor, code, { courseId: courses[0]!.id });
    expect(spent.status, JSON.stringify(spent.body)).to.equal(201);
    const reference = spent.body.application.reference as string;
    // Held money counts against the ceiling: a run now adds nothing (the year has accrued anyway).
    await runJob(h, 'accrue-accounts', '2036-06-06');
    expect(await available(h, plain, code)).to.equal('4000.00');
    const verified = await h.http.post(`/v1/centres/${centre.id}/applications/${reference}/verify`).set(centre.staff.auth);
    expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
    const claimed = await h.http
      .post(`/v1/centres/${centre.id}/applications/${reference}/claim`)
      .set(centre.staff.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({});
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
    await runJob(h, 'accrue-accounts', '2037-01-05');
    const account = await myAccount(h, plain.actor, code);
    expect(account.balance).to.include({ granted: '5500.00', reserved: '0.00', used: '1000.00', available: '4500.00' });
    await expectLedgerVerified(h);
  });

  it('when a top-up reaches its deadline, then what is left goes back to its funder, also what a later cancel gives back to it', async () => {
    setToday(h, '2026-03-02');
    const { code } = await openAccounts(h);
    const { courses } = await accountProvider(h, code, ['200.00']);
    const citizen = await accountCitizen(h);
    const admin = await createActor(h, 'admin');
    expect((await claim(h, citizen.actor, code)).status).to.equal(201);
    const funder = { type: 'sector_fund', name: 'Fonds Transport' };
    const credited = await topUp(h, admin, code, { citizenId: citizen.id, amount: '250.00', funder, deadline: '2026-06-30' });
    expect(credited.status, JSON.stringify(credited.body)).to.equal(201);
    // An untied top-up goes before own money too: the course takes 100 of it.
    const spent = await claim(h, citizen.actor, code, { courseId: courses[0]!.id });
    expect(spent.status, JSON.stringify(spent.body)).to.equal(201);
    const topUpBalance = async () => ((await myAccount(h, citizen.actor, code)).topUps![0]!.balance as { amount: string }).amount;
    expect(await topUpBalance()).to.equal('150.00');

    await runJob(h, 'return-lapsed-top-ups', '2026-06-30');
    expect(await topUpBalance()).to.equal('150.00');
    await runJob(h, 'return-lapsed-top-ups', '2026-07-01');
    expect(await topUpBalance()).to.equal('0.00');

    // The application is cancelled after the deadline: its 100 goes back to the top-up, and then to the funder.
    const cancelled = await h.http
      .post(`/v1/applications/${spent.body.application.reference}/cancel`)
      .set(citizen.actor.auth)
      .set('Idempotency-Key', idempotencyKey());
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    expect(await topUpBalance()).to.equal('100.00');
    await runJob(h, 'return-lapsed-top-ups', '2026-07-02');
    expect(await topUpBalance()).to.equal('0.00');
    const [returned] = await queryRows<{ balance: string }>(
      h.sequelize,
      `SELECT balance FROM ledger_accounts WHERE owner_type = 'top_up_funder' AND owner_id = $1`,
      [`${code}:sector_fund:Fonds Transport`],
    );
    expect(returned?.balance).to.equal('0.00');
    expect(await available(h, citizen, code)).to.equal('500.00');
    await expectLedgerVerified(h);
  });

  it('when a programme opened through the API runs end to end, then eligibility, claim, spend, verify, the provider’s claim and settlement leave a sound ledger', async () => {
    setToday(h, '2026-04-01');
    const { code } = await openAccounts(h);
    const { centre, courses } = await accountProvider(h, code, ['700.00']);
    const child = await accountCitizen(h, { birthDate: '2012-01-01' });
    expect((await claim(h, child.actor, code, { courseId: courses[0]!.id })).status).to.equal(422);
    const citizen = await accountCitizen(h);
    const spent = await claim(h, citizen.actor, code, { courseId: courses[0]!.id });
    expect(spent.status, JSON.stringify(spent.body)).to.equal(201);
    expect(spent.body.application.fundedAmount.amount).to.equal('500.00');
    const reference = spent.body.application.reference as string;
    expect((await h.http.post(`/v1/centres/${centre.id}/applications/${reference}/verify`).set(centre.staff.auth)).status).to.equal(200);
    setToday(h, '2026-04-20');
    const claimed = await h.http
      .post(`/v1/centres/${centre.id}/applications/${reference}/claim`)
      .set(centre.staff.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ courseStartDate: '2026-04-20' });
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
    const admin = await createActor(h, 'admin');
    const settled = await h.http
      .post('/v1/settlements')
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: code, periodEnd: '2026-04-20' });
    expect(settled.status, JSON.stringify(settled.body)).to.equal(201);
    const statement = (settled.body.statements as { total: { amount: string } }[])[0];
    expect(statement?.total.amount).to.equal('500.00');
    expect((await myAccount(h, citizen.actor, code)).balance).to.include({ granted: '500.00', used: '500.00', available: '0.00' });
    await expectLedgerVerified(h);
  });
});
