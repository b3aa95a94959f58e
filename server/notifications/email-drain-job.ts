// The send-emails job: sends what the outbox holds. Each batch is claimed FOR UPDATE SKIP LOCKED
// and stays locked while it is sent, then its outcome commits with it: two drainers never send
// one e-mail twice. A refused or timed-out send is counted and tried again later, waiting twice
// as long each time; after MAX_ATTEMPTS it stays 'failed' in the outbox, logged and counted by
// the email_outbox_emails metric, for an operator to look into. A drainer that dies mid-batch
// leaves its e-mails queued (its lock ends with its connection): an e-mail the server accepted
// just before may then be sent again, never lost.
import type { AppContext } from '../app-context.js';
import { claimDueEmails, markEmailSent, recordEmailFailure, type OutboxEmail } from './email-outbox-store.js';
import { configuredSender, type EmailSender } from './email-transport.js';

export type DrainPolicy = { batch: number; batchesPerRun: number; maxAttempts: number; firstRetrySeconds: number; maxRetrySeconds: number };

const POLICY: DrainPolicy = { batch: 10, batchesPerRun: 20, maxAttempts: 10, firstRetrySeconds: 60, maxRetrySeconds: 6 * 3600 };

// One sender per app: the service builds it from its config on the first run.
const senders = new WeakMap<AppContext, EmailSender | undefined>();

function senderOf(app: AppContext): EmailSender | undefined {
  if (!senders.has(app)) {
    const sender = configuredSender(app.config, app.logger);
    if (!sender) app.logger.warn('SMTP_URL is not set: e-mails stay queued in the outbox until it is');
    senders.set(app, sender);
  }
  return senders.get(app);
}

/** When a send that failed for the `attempts`-th time is tried again, or null once it may not be. */
export function retryAt(now: Date, attempts: number, policy: DrainPolicy): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const seconds = Math.min(policy.firstRetrySeconds * 2 ** (attempts - 1), policy.maxRetrySeconds);
  return new Date(now.getTime() + seconds * 1000);
}

/** Sends the e-mails due at `now`; returns how many were sent. */
export async function drainOutbox(
  app: AppContext,
  now: Date,
  options: { sender?: EmailSender; policy?: DrainPolicy } = {},
): Promise<number> {
  const sender = options.sender ?? senderOf(app);
  const policy = options.policy ?? POLICY;
  if (!sender) return 0;
  let sent = 0;
  for (let batches = 0; batches < policy.batchesPerRun; batches++) {
    const { claimed, delivered } = await app.sequelize.transaction(async (t) => {
      const emails = await claimDueEmails(app.sequelize, t, now, policy.batch);
      let done = 0;
      for (const email of emails) {
        const failure = await sendOne(sender, email);
        if (!failure) {
          await markEmailSent(app.sequelize, t, email.id, now);
          done++;
          continue;
        }
        const attempts = email.attempts + 1;
        const next = retryAt(now, attempts, policy);
        await recordEmailFailure(app.sequelize, t, { id: email.id, error: failure.message.slice(0, 1000), retryAt: next });
        if (next) app.logger.warn({ emailId: email.id, attempts, err: failure }, 'e-mail not sent, will retry');
        else app.logger.error({ emailId: email.id, attempts, err: failure }, 'e-mail failed for good: it stays in the outbox as failed');
      }
      return { claimed: emails.length, delivered: done };
    });
    sent += delivered;
    if (claimed < policy.batch) break;
  }
  return sent;
}

/** What went wrong sending one e-mail, or undefined once it was handed over. */
async function sendOne(sender: EmailSender, email: OutboxEmail): Promise<Error | undefined> {
  try {
    await sender({ to: email.recipient, language: email.language, subject: email.subject, body: email.body });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
