// A real SMTP server for the e-mail tests (smtp-server on a free port): it keeps every message it
// accepts, and refuses with 451 (try again later) the recipients `refuse` picks.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedEmail = { to: string[]; raw: string; subject: string; language: string; text: string };

export type SmtpTestServer = {
  url: string;
  received: ReceivedEmail[];
  /** Messages to `address` only: other test files' e-mails may come through here too. */
  to: (address: string) => ReceivedEmail[];
  refuse: (address: string | undefined) => void;
  close: () => Promise<void>;
};

const header = (headers: string, name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';

/** The parts the tests read; headers unfolded and quoted-printable soft line breaks joined. */
function parse(to: string[], raw: string): ReceivedEmail {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const text = raw.slice(split + 4).replace(/=\r\n/g, '');
  return { to, raw, subject: header(headers, 'Subject'), language: header(headers, 'Content-Language'), text };
}

export async function startSmtpServer(options: { delayMs?: number } = {}): Promise<SmtpTestServer> {
  const received: ReceivedEmail[] = [];
  let refused: string | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === refused) {
        return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        setTimeout(() => {
          received.push(parse(to, Buffer.concat(chunks).toString('utf8')));
          callback();
        }, options.delayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) => received.filter((email) => email.to.includes(address)),
    refuse: (address) => {
      refused = address;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
