// How e-mails leave: over SMTP when SMTP_URL is set; otherwise, outside production, a log
// transport that writes each e-mail to the service's log instead of sending it. Production
// without SMTP_URL has no transport: its e-mails stay queued (never lost, counted by the outbox
// metric) until SMTP_URL is set.
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Language } from '../shared/language.js';

export type OutgoingEmail = { to: string; language: Language; subject: string; body: string };

/** Sends one e-mail, or throws what the transport said (an SMTP refusal, a timeout ...). */
export type EmailSender = (email: OutgoingEmail) => Promise<void>;

const message = (from: string, email: OutgoingEmail) => ({
  from,
  to: email.to,
  subject: email.subject,
  text: email.body,
  headers: { 'Content-Language': email.language },
});

/** An SMTP server's sender; the timeouts bound how long a drainer holds its claimed e-mails. */
export function smtpSender(url: string, from: string): EmailSender {
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return async (email) => {
    await transport.sendMail(message(from, email));
  };
}

/** Development: the e-mail as nodemailer would build it, written to the log. */
export function logSender(logger: Logger, from: string): EmailSender {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  return async (email) => {
    const sent = await transport.sendMail(message(from, email));
    logger.info({ email: JSON.parse(sent.message) as unknown }, 'e-mail (log transport, not sent)');
  };
}

export function configuredSender(config: Config, logger: Logger): EmailSender | undefined {
  if (config.mail.smtpUrl) return smtpSender(config.mail.smtpUrl, config.mail.from);
  return config.env === 'production' ? undefined : logSender(logger, config.mail.from);
}
