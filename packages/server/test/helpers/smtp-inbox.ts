// A real SMTP server for tests (smtp-server) that keeps every mail it receives, raw, with the name
// the sending client gave in EHLO (so a test can tell server instances apart: WEERBAAR_SMTP_URL
// `?name=…`). It can hold a client's mail unanswered, as a mail server that hangs does.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  /** The whole message as it arrived: headers and body. */
  raw: string;
  to: string[];
  /** The EHLO name of the client that sent it. */
  client: string;
}

export interface SmtpInbox {
  /** `smtp://127.0.0.1:PORT` */
  url: string;
  mails: ReceivedMail[];
  /** EHLO names of the clients whose mail is being held. */
  held: string[];
  /** Hold the next mail unanswered (the client waits; if it dies, the mail is lost, as with a real server). */
  holdNext(): void;
  /** Waits until `count` mails satisfy `match` (polling the inbox, at most `timeoutMs`). */
  waitFor(match: (mail: ReceivedMail) => boolean, count?: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

const POLL_MS = 50;

async function until<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const mails: ReceivedMail[] = [];
  const held: string[] = [];
  let holdNext = false;
  const server = new SMTPServer({
    // Plain SMTP on loopback, no login: the server under test sends as it would to a relay.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    closeTimeout: 100,
    logger: false,
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const client = session.hostNameAppearsAs;
        if (holdNext) {
          holdNext = false;
          held.push(client);
          return; // never answered: the client waits until its own timeout, or dies
        }
        mails.push({ raw: Buffer.concat(chunks).toString('utf8'), to: session.envelope.rcptTo.map((rcpt) => rcpt.address), client });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    held,
    holdNext: () => {
      holdNext = true;
    },
    waitFor: (match, count = 1, timeoutMs = 30_000) =>
      until(
        () => {
          const found = mails.filter(match);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
        () => `${count} matching mail(s); the inbox has ${mails.length}: ${mails.map((mail) => /^Subject: (.*)$/m.exec(mail.raw)?.[1]).join(' | ')}`,
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Subject of a raw mail, decoded when it is an RFC 2047 encoded-word. */
export function subjectOf(mail: ReceivedMail): string {
  const folded = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail.raw)?.[1] ?? '';
  return folded
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    )
    .trim();
}

/** The text of a raw single-part mail, decoded from its Content-Transfer-Encoding. */
export function bodyOf(mail: ReceivedMail): string {
  const split = mail.raw.search(/\r?\n\r?\n/);
  const headers = mail.raw.slice(0, split);
  const body = mail.raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const encoding = /^Content-Transfer-Encoding: *(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
