import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../../server/config.js';
import { queryRows } from '../../server/db/database.js';
import { runJobsOnce } from '../../server/jobs/job-runner.js';
import { drainOutbox, retryAt, type DrainPolicy } from '../../server/notifications/email-drain-job.js';
import { logSender, smtpSender, type EmailSender } from '../../server/notifications/email-transport.js';
import { notificationsJobs, notify, setNotificationLanguage } from '../../server/notifications/notifications.js';
import type { Role } from '../../server/auth/principal.js';
import { createActor } from '../support/actors.js';
import { buildHarness, harness, type Harness } from '../support/harness.js';
import { startSmtpServer, type SmtpTestServer } from './support/smtp-test-server.js';

type OutboxRow = { status: string; attempts: number; last_error: string | null; next_attempt_at: Date; subject: string; body: string };

const FROM = 'Learning Accounts <no-reply@test.example>';
// A drain empties the outbox: the suite's other files have queued e-mails of their own before it.
const POLICY: DrainPolicy = { batch: 5, batchesPerRun: 100_000, maxAttempts: 3, firstRetrySeconds: 60, maxRetrySeconds: 3600 };

// Serial (the suite shares one database, and the drains take every due e-mail in it): this file
// asserts only on its own recipients, so the e-mails other files queued are passed over by the
// test senders without a round trip to the test SMTP server (thousands of them: each role
// notification is mailed to every administrator the suite created).
const ours = new Set<string>();
async function recipient(h: Harness, role: Role) {
  const actor = await createActor(h, role);
  ours.add(actor.principal.email);
  return actor;
}
const oursOnly =
  (sender: EmailSender): EmailSender =>
  async (email) => {
    if (ours.has(email.to)) await sender(email);
  };
const minutesLater = (minutes: number) => new Date(Date.now() + minutes * 60_000);

const outboxOf = (userId: string) =>
  queryRows<OutboxRow>(
    harness().sequelize,
    `SELECT status, attempts, last_error, next_attempt_at, subject, body FROM email_outbox WHERE user_id = $1 ORDER BY id`,
    [userId],
  );

/** A logger whose lines the test reads. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('notification e-mails through the outbox', () => {
  let smtp: SmtpTestServer;
  before(async () => {
    smtp = await startSmtpServer();
  });
  after(() => smtp.close());

  const drain = (now = new Date()) => drainOutbox(harness().context, now, { sender: oursOnly(smtpSender(smtp.url, FROM)), policy: POLICY });

  it('when a citizen is notified, then an e-mail arrives at their address with its subject, in English unless they chose Dutch', async () => {
    const h = harness();
    const [english, dutch] = [await recipient(h, 'citizen'), await recipient(h, 'citizen')];
    await setNotificationLanguage(h.sequelize, dutch.principal.userId, 'en');
    await setNotificationLanguage(h.sequelize, dutch.principal.userId, 'nl');
    for (const actor of [english, dutch]) {
      await notify(h.sequelize, undefined, {
        userId: actor.principal.userId,
        kind: 'test',
        subject: 'Your session was recorded',
        body: 'Body text',
      });
    }
    await drain();

    const [toEnglish] = smtp.to(english.principal.email);
    expect(smtp.to(english.principal.email)).to.have.length(1);
    expect(toEnglish).to.include({ subject: 'Your session was recorded', language: 'en' });
    expect(toEnglish!.raw).to.match(/^From: Learning Accounts <no-reply@test\.example>/m);
    expect(toEnglish!.text).to.include('Body text').and.include('Please do not reply to this e-mail.');
    const [toDutch] = smtp.to(dutch.principal.email);
    expect(toDutch).to.include({ subject: 'Your session was recorded', language: 'nl' });
    expect(toDutch!.text).to.include('Antwoord niet op deze e-mail.').and.not.include('Please do not reply');
    expect((await outboxOf(english.principal.userId)).map((row) => [row.status, row.attempts])).to.deep.equal([['sent', 1]]);
  });

  it('when every administrator is notified, then each active administrator gets one e-mail and a disabled one none', async () => {
    const h = harness();
    const [active, disabled] = [await recipient(h, 'admin'), await recipient(h, 'admin')];
    await queryRows(h.sequelize, `UPDATE users SET disabled_at = now() WHERE id = $1`, [disabled.principal.userId]);
    const subject = `For every administrator ${Date.now()}`;
    await notify(h.sequelize, undefined, { role: 'admin', kind: 'test', subject, body: 'Role body' });
    expect(await outboxOf(active.principal.userId)).to.have.length(1);
    expect(await outboxOf(disabled.principal.userId)).to.have.length(0);
    await drain();
    expect(smtp.to(active.principal.email).map((email) => email.subject)).to.deep.equal([subject]);
  });

  it('when a notification names a cheque code or application reference of any prefix, then the e-mail masks it while the portal keeps it', async () => {
    const h = harness();
    const citizen = await recipient(h, 'citizen');
    const code = 'LBC-7K3M9Q2XWT';
    await notify(h.sequelize, undefined, {
      userId: citizen.principal.userId,
      kind: 'test',
      subject: `A centre tried to register your cheque ${code}`,
      body: `Cheque ${code} (also lbc-7k3m9q2xwt) was tried; application STAP-0A1B2C3D4E is well-documented.`,
      data: { voucherCode: code },
    });
    const [row] = await outboxOf(citizen.principal.userId);
    expect(row!.subject).to.equal('A centre tried to register your cheque LBC-…');
    expect(row!.body).to.include('Cheque LBC-… (also LBC-…) was tried; application STAP-… is well-documented.');
    await drain();
    const [email] = smtp.to(citizen.principal.email);
    expect(email!.raw.replace(/=\r\n/g, '').toUpperCase()).to.not.include('7K3M9Q2XWT');
    const portal = await h.http.get('/v1/me/notifications').set(citizen.auth).expect(200);
    expect(portal.body.items[0].subject).to.include(code);
  });

  it('when the transaction that notified rolls back, then no e-mail is queued', async () => {
    const h = harness();
    const citizen = await recipient(h, 'citizen');
    const attempt = h.sequelize.transaction(async (t) => {
      await notify(h.sequelize, t, { userId: citizen.principal.userId, kind: 'test', subject: 'Never', body: 'rolled back' });
      expect(await outboxOf(citizen.principal.userId)).to.have.length(0); // not visible outside the transaction
      throw new Error('the change failed');
    });
    expect(
      await attempt.then(
        () => 'committed',
        (error: Error) => error.message,
      ),
    ).to.equal('the change failed');
    expect(await outboxOf(citizen.principal.userId)).to.have.length(0);
    await drain();
    expect(smtp.to(citizen.principal.email)).to.have.length(0);
  });

  it('when the SMTP server refuses with 451, then the e-mail stays queued with the attempt recorded, and a later drain delivers it', async () => {
    const h = harness();
    const citizen = await recipient(h, 'citizen');
    await notify(h.sequelize, undefined, { userId: citizen.principal.userId, kind: 'test', subject: 'Retried', body: 'later' });
    smtp.refuse(citizen.principal.email);
    try {
      await drain();
    } finally {
      smtp.refuse(undefined);
    }
    const [failed] = await outboxOf(citizen.principal.userId);
    expect(failed).to.include({ status: 'queued', attempts: 1 });
    expect(failed!.last_error).to.include('451');
    expect(failed!.next_attempt_at.getTime()).to.be.greaterThan(Date.now() + 50_000);

    await drain(); // not yet due: the server would accept now, but the wait is not over
    expect(smtp.to(citizen.principal.email)).to.have.length(0);
    await drain(minutesLater(2));
    expect(smtp.to(citizen.principal.email).map((email) => email.subject)).to.deep.equal(['Retried']);
    expect(await outboxOf(citizen.principal.userId)).to.deep.include.members([
      { ...failed!, status: 'sent', attempts: 2, last_error: null },
    ]);
  });

  it('when every attempt fails, then the e-mail stays failed, is logged and counted in /metrics', async () => {
    const h = harness();
    const citizen = await recipient(h, 'citizen');
    const metric = async () => {
      const res = await h.http.get('/metrics').expect(200);
      return Number(/^email_outbox_emails\{status="failed"\} (\d+)$/m.exec(res.text)?.[1]);
    };
    const before = await metric();
    await notify(h.sequelize, undefined, { userId: citizen.principal.userId, kind: 'test', subject: 'Doomed', body: 'never arrives' });
    const { logger, lines } = capturingLogger();
    smtp.refuse(citizen.principal.email);
    try {
      for (const minutes of [0, 2, 5, 10]) {
        await drainOutbox({ ...h.context, logger }, minutesLater(minutes), {
          sender: oursOnly(smtpSender(smtp.url, FROM)),
          policy: POLICY,
        });
      }
    } finally {
      smtp.refuse(undefined);
    }
    const [row] = await outboxOf(citizen.principal.userId);
    expect(row).to.include({ status: 'failed', attempts: 3 });
    expect(lines.filter((line) => line.msg === 'e-mail not sent, will retry')).to.have.length.of.at.least(2);
    expect(lines.some((line) => line.level === 50 && String(line.msg).startsWith('e-mail failed for good'))).to.equal(true);
    expect(await metric()).to.be.at.least(before + 1);
    await drain(minutesLater(120)); // failed for good: no drain picks it up again
    expect(smtp.to(citizen.principal.email)).to.have.length(0);
  });

  it('when two drainers run at once, then each e-mail arrives exactly once', async () => {
    const h = harness();
    const slow = await startSmtpServer({ delayMs: 5 });
    try {
      const citizens = await Promise.all([1, 2, 3].map(() => recipient(h, 'citizen')));
      for (const citizen of citizens) {
        for (let n = 0; n < 8; n++) {
          await notify(h.sequelize, undefined, { userId: citizen.principal.userId, kind: 'test', subject: `Race ${n}`, body: 'once' });
        }
      }
      const sender = oursOnly(smtpSender(slow.url, FROM));
      await Promise.all([1, 2].map(() => drainOutbox(h.context, new Date(), { sender, policy: { ...POLICY, batch: 2 } })));
      for (const citizen of citizens) {
        const subjects = slow.to(citizen.principal.email).map((email) => email.subject);
        expect(subjects.sort()).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7].map((n) => `Race ${n}`));
        expect((await outboxOf(citizen.principal.userId)).every((row) => row.status === 'sent' && row.attempts === 1)).to.equal(true);
      }
    } finally {
      await slow.close();
    }
  });

  it('when the send-emails job runs with SMTP_URL set, then it sends through that server', async () => {
    const h = buildHarness({ SMTP_URL: smtp.url, MAIL_FROM: 'Scheduler <jobs@test.example>' });
    await drain(); // what other files queued: the job's one run then has this e-mail to send
    const citizen = await recipient(h, 'citizen');
    await notify(h.sequelize, undefined, { userId: citizen.principal.userId, kind: 'test', subject: 'From the job', body: 'scheduled' });
    h.clock.set(new Date()); // the test clock stands still: bring it past the notification
    const [result] = await runJobsOnce(h.context, notificationsJobs);
    expect(result).to.include({ name: 'send-emails', error: null });
    const [email] = smtp.to(citizen.principal.email);
    expect(email).to.include({ subject: 'From the job' });
    expect(email!.raw).to.match(/^From: Scheduler <jobs@test\.example>/m);
  });
});

describe('e-mail transports and retries', () => {
  it('when SMTP_URL is not set outside production, then the e-mail is written to the log instead of sent', async () => {
    const { logger, lines } = capturingLogger();
    await logSender(logger, FROM)({ to: 'someone@test.example', language: 'nl', subject: 'Logged', body: 'in the log' });
    const [line] = lines;
    expect(line!.msg).to.equal('e-mail (log transport, not sent)');
    expect(line!.email).to.deep.include({ subject: 'Logged', text: 'in the log' });
  });

  it('when production has no SMTP_URL, then the job sends nothing, keeps e-mails queued and says why once', async () => {
    const h = harness();
    const { logger, lines } = capturingLogger();
    const config = { ...h.config, env: 'production' as const, mail: { smtpUrl: undefined, from: FROM } };
    const app = { ...h.context, config, logger };
    expect(await drainOutbox(app, new Date())).to.equal(0);
    expect(await drainOutbox(app, new Date())).to.equal(0);
    expect(lines.map((line) => line.msg)).to.deep.equal(['SMTP_URL is not set: e-mails stay queued in the outbox until it is']);
  });

  it('when a send fails, then the next try waits twice as long each time up to the cap, and none follows the last attempt', () => {
    const now = new Date('2026-12-05T10:00:00Z');
    const wait = (attempts: number) => (retryAt(now, attempts, POLICY)?.getTime() ?? NaN) - now.getTime();
    const policy = { ...POLICY, maxAttempts: 10 };
    expect([1, 2, 3].map(wait)).to.deep.equal([60_000, 120_000, NaN]);
    expect(retryAt(now, 7, policy)?.getTime()).to.equal(now.getTime() + 3600_000);
    expect(retryAt(now, 10, policy)).to.equal(null);
  });
});

describe('e-mail settings', () => {
  const PRODUCTION = {
    NODE_ENV: 'production',
    HOST: '0.0.0.0',
    JWT_SECRET: 'a-real-production-secret-of-enough-length',
    AUDIT_FINGERPRINT_KEY: 'a-real-audit-fingerprint-key-of-enough-length',
  };

  it('when SMTP_URL and MAIL_FROM are given, then e-mails use them; unset, a placeholder sender and no server', () => {
    expect(
      loadConfig({ SMTP_URL: 'smtps://user:pass@smtp.test.example:465', MAIL_FROM: 'Accounts <no-reply@test.example>' }).mail,
    ).to.deep.equal({
      smtpUrl: 'smtps://user:pass@smtp.test.example:465',
      from: 'Accounts <no-reply@test.example>',
    });
    expect(loadConfig({}).mail.smtpUrl).to.equal(undefined);
  });

  it('when SMTP_URL is not an SMTP URL or MAIL_FROM is not an address, then the service refuses to start naming the key', () => {
    expect(() => loadConfig({ SMTP_URL: 'https://smtp.test.example' })).to.throw(
      ConfigError,
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    expect(() => loadConfig({ MAIL_FROM: 'not an address' })).to.throw(ConfigError, /MAIL_FROM: must be an address/);
    expect(() => loadConfig({ MAIL_FROM: 'a@test.example\r\nBcc: b@test.example' })).to.throw(ConfigError, /MAIL_FROM/);
  });

  it('when production sends by SMTP without MAIL_FROM, then it refuses to start', () => {
    expect(() => loadConfig({ ...PRODUCTION, SMTP_URL: 'smtp://smtp.test.example' })).to.throw(ConfigError, /MAIL_FROM: production needs/);
    expect(loadConfig({ ...PRODUCTION, SMTP_URL: 'smtp://smtp.test.example', MAIL_FROM: 'no-reply@test.example' }).mail.from).to.equal(
      'no-reply@test.example',
    );
  });
});
