import { randomInt } from 'node:crypto';
import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { checkLogin } from '../../server/auth/login-throttle.js';
import { createPasswordChecks } from '../../server/auth/password-checks.js';
import { queryRows } from '../../server/db/database.js';
import { buildHarness, harness, type Harness } from '../support/harness.js';
import { createActor, uniqueEmail } from '../support/actors.js';

/**
 * The app as reached from many client addresses: each request comes from the address in its
 * X-Test-Address header (the socket address the router reads as req.ip, `trust proxy` being off).
 */
function fromAddresses(h: Harness) {
  const outer = express();
  outer.use((req, _res, next) => {
    Object.defineProperty(req, 'ip', { value: req.headers['x-test-address'] });
    next();
  });
  outer.use(h.app);
  const http = supertest(outer);
  return (address: string, body: { email: string; password: string }) =>
    http.post('/v1/auth/token').set('X-Test-Address', address).send(body);
}

const newAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

describe('login throttling', () => {
  it('when 40 wrong passwords for one account arrive at once, then exactly the allowed number are checked and the rest get 429', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const login = fromAddresses(h);
    const address = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => login(address, { email: admin.principal.email, password: 'guess' })),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 401)).to.have.length(h.config.login.maxFailures);
    expect(statuses.filter((status) => status === 429)).to.have.length(40 - h.config.login.maxFailures);
    const refused = answers.find((res) => res.status === 429);
    expect(refused?.body.code).to.equal('too_many_attempts');
    expect(Number(refused?.headers['retry-after'])).to.be.greaterThan(0);
  });

  it('when an account is being guessed, then each further try waits longer, and its owner signs in from elsewhere once the wait is over', async () => {
    const h = buildHarness();
    const admin = await createActor(h, 'admin');
    const login = fromAddresses(h);
    const attacker = newAddress();
    for (let attempt = 0; attempt < h.config.login.maxFailures; attempt++)
      await login(attacker, { email: admin.principal.email, password: 'guess' }).expect(401);
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const refused = await login(attacker, { email: admin.principal.email, password: 'guess' }).expect(429);
      waits.push(Number(refused.headers['retry-after']));
      h.clock.set(new Date(h.clock.now().getTime() + waits[round]! * 1000));
      await login(attacker, { email: admin.principal.email, password: 'guess' }).expect(401);
    }
    expect(waits).to.deep.equal([1, 2, 4, 8]);
    // The owner, from another address, is slowed like everyone, but never for longer than the cap.
    const owner = newAddress();
    const slowed = await login(owner, { email: admin.principal.email, password: admin.password }).expect(429);
    expect(Number(slowed.headers['retry-after'])).to.be.at.most(h.config.login.lockSeconds);
    h.clock.set(new Date(h.clock.now().getTime() + Number(slowed.headers['retry-after']) * 1000));
    await login(owner, { email: admin.principal.email, password: admin.password }).expect(200);
    // A sign-in starts the account afresh.
    await login(attacker, { email: admin.principal.email, password: 'guess' }).expect(401);
  });

  it('when one address sprays many accounts, then it is slowed, while another address still signs in', async () => {
    const h = buildHarness({ LOGIN_ADDRESS_MAX_FAILURES: '10' });
    const login = fromAddresses(h);
    const sprayer = newAddress();
    const statuses: number[] = [];
    for (let account = 0; account < 60; account++)
      statuses.push((await login(sprayer, { email: uniqueEmail('sprayed'), password: 'Summer2026!' })).status);
    expect(statuses.slice(0, 10)).to.deep.equal(Array(10).fill(401));
    expect(statuses.filter((status) => status === 429).length).to.be.greaterThan(45);
    const citizen = await createActor(h, 'citizen');
    await login(newAddress(), { email: citizen.principal.email, password: citizen.password }).expect(200);
  });

  it('when people behind one address sign in, then their sign-ins do not use up the address', async () => {
    const h = buildHarness({ LOGIN_ADDRESS_MAX_FAILURES: '3' });
    const login = fromAddresses(h);
    const office = newAddress();
    for (let person = 0; person < 6; person++) {
      const colleague = await createActor(h, 'citizen');
      await login(office, { email: colleague.principal.email, password: colleague.password }).expect(200);
    }
  });

  it('when a disabled user gives the right password to checkLogin, then it answers as for a wrong one and counts the try', async () => {
    const h = harness();
    const staff = await createActor(h, 'auditor');
    await queryRows(h.sequelize, `UPDATE users SET disabled_at = now() WHERE id = $1`, [staff.principal.userId]);
    const refusal = async (password: string) => {
      const error: unknown = await checkLogin(h.context, { email: staff.principal.email, password, clientAddress: newAddress() }).then(
        () => 'signed in',
        (refused: unknown) => refused,
      );
      return error instanceof Error
        ? { status: (error as { status?: number }).status, code: (error as { code?: string }).code, detail: error.message }
        : error;
    };
    const wrong = await refusal('guess');
    expect(wrong).to.deep.equal({ status: 401, code: 'invalid_credentials', detail: 'The e-mail or password is not right.' });
    // Counted like the wrong one: the right password does not start the account afresh.
    for (let attempt = 1; attempt < h.config.login.maxFailures; attempt++) expect(await refusal(staff.password)).to.deep.equal(wrong);
    expect(await refusal(staff.password)).to.include({ status: 429, code: 'too_many_attempts' });
  });

  it('when a flood of logins for unknown e-mails arrives from many addresses, then the checks past the queue are refused at once with 503', async () => {
    const h = buildHarness({ LOGIN_CONCURRENT_CHECKS: '1', LOGIN_QUEUED_CHECKS: '2' });
    const login = fromAddresses(h);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => login(newAddress(), { email: uniqueEmail('nobody'), password: 'guess' })),
    );
    const busy = answers.filter((res) => res.status === 503);
    expect(answers.filter((res) => res.status !== 503).map((res) => res.status)).to.satisfy((statuses: number[]) =>
      statuses.every((status) => status === 401),
    );
    expect(busy.length).to.be.greaterThan(0);
    expect(busy[0]?.body.code).to.equal('login_busy');
    expect(busy[0]?.headers['retry-after']).to.equal('1');
  });

  it('when checks are limited, then no more run at once than allowed and those past the queue are refused', async () => {
    const checks = createPasswordChecks(2, 3);
    let running = 0;
    let most = 0;
    const check = () =>
      checks.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return true;
      });
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, check));
    expect(most).to.equal(2);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).to.have.length(5);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).to.have.length(3);
    expect(await check()).to.equal(true);
  });
});
