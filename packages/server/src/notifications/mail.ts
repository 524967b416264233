// The notice mails and how they leave: by SMTP (nodemailer, WEERBAAR_SMTP_URL), or, without SMTP,
// into the demo outbox shown at /postvak. A notice says only that something about a case needs
// attention, with the case reference and a link to the console: never a category, a role, any
// text of the report, a receipt or anything about the reporter (PRODUCT.md; issue 14, item 5).
// Dutch first (B1, "u"), English below it, in one plain-text mail.
import nodemailer from 'nodemailer';
import type { MailOutbox } from '../storage/mail-outbox.js';
import type { NoticeKind } from './notices.js';

export interface NoticeMail {
  recipients: string[];
  subject: string;
  body: string;
}

export interface MailTransport {
  /** Where mails go, for the start-up line (never the SMTP password). */
  readonly description: string;
  /** SMTP cannot send a mail to nobody; the outbox shows it anyway. */
  readonly needsRecipients: boolean;
  send(mail: NoticeMail): Promise<void>;
  close(): void;
}

export interface NoticeFacts {
  /** A case's notice, or `task-overdue`: a protocol task of the recipients' group passed its due time. */
  kind: NoticeKind | 'task-overdue';
  reference: string;
  /** The deadline the notice is about (absent for a new report). */
  dueAt?: string;
  organisation: string;
  consoleUrl: string;
}

function dutchDate(at: string): string {
  return new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(at));
}

function englishDate(at: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(at));
}

interface Wording {
  subject: string;
  nl: string;
  en: string;
}

function wording({ kind, reference, dueAt }: NoticeFacts): Wording {
  const nlDue = dueAt ? dutchDate(dueAt) : '';
  const enDue = dueAt ? englishDate(dueAt) : '';
  switch (kind) {
    case 'received':
      return {
        subject: `Nieuwe melding ${reference} / New report`,
        nl: `Er is een nieuwe melding binnengekomen: ${reference}.\nBevestig de ontvangst aan de melder binnen 7 dagen.`,
        en: `A new report has arrived: ${reference}.\nAcknowledge it to the reporter within 7 days.`,
      };
    case 'acknowledgement-due':
      return {
        subject: `Bevestig de ontvangst van ${reference} vóór ${nlDue} / Acknowledgement due`,
        nl: `De ontvangst van melding ${reference} is nog niet bevestigd.\nDat moet uiterlijk ${nlDue}.`,
        en: `Report ${reference} has not been acknowledged yet.\nThe deadline is ${enDue}.`,
      };
    case 'acknowledgement-overdue':
      return {
        subject: `Termijn verlopen: ontvangst van ${reference} niet bevestigd / Overdue`,
        nl: `De ontvangst van melding ${reference} had uiterlijk ${nlDue} bevestigd moeten zijn.\nDoe dat zo snel mogelijk.`,
        en: `Report ${reference} should have been acknowledged by ${enDue}.\nPlease do so as soon as possible.`,
      };
    case 'feedback-due':
      return {
        subject: `Geef terugkoppeling over ${reference} vóór ${nlDue} / Feedback due`,
        nl: `De melder van ${reference} heeft nog geen terugkoppeling gekregen.\nDat moet uiterlijk ${nlDue}.`,
        en: `The reporter of ${reference} has not had feedback yet.\nThe deadline is ${enDue}.`,
      };
    case 'task-overdue':
      // Only that a task is overdue: a task's title is a protocol step, but the step says what kind of case it is.
      return {
        subject: `Taak over tijd bij ${reference} / Task overdue`,
        nl: `Een taak bij zaak ${reference} is over tijd (termijn ${nlDue}).\nBekijk de taken van de zaak.`,
        en: `A task on case ${reference} is overdue (due ${enDue}).\nPlease look at the case's tasks.`,
      };
    case 'feedback-overdue':
      return {
        subject: `Termijn verlopen: geen terugkoppeling over ${reference} / Overdue`,
        nl: `De melder van ${reference} had uiterlijk ${nlDue} terugkoppeling moeten krijgen.\nDoe dat zo snel mogelijk.`,
        en: `The reporter of ${reference} should have had feedback by ${enDue}.\nPlease give it as soon as possible.`,
      };
  }
}

/** The mail of a notice: the reference, the deadline and the console link, nothing of the case's content. */
export function noticeMail(facts: NoticeFacts, recipients: string[]): NoticeMail {
  const words = wording(facts);
  const body = [
    words.nl,
    '',
    `Open de zaak in de behandelomgeving: ${facts.consoleUrl}`,
    '',
    `U krijgt deze e-mail omdat u meldingen behandelt voor ${facts.organisation}. Om de melder te`,
    'beschermen staat er niets over de inhoud van de melding in deze e-mail.',
    '',
    '---',
    '',
    words.en,
    '',
    `Open the case in the console: ${facts.consoleUrl}`,
    '',
    `You get this e-mail because you handle reports for ${facts.organisation}. To protect the`,
    'reporter, this e-mail says nothing about what the report contains.',
    '',
  ].join('\n');
  return { recipients, subject: `[Weerbaar] ${words.subject}`, body };
}

/** Sends by SMTP. Timeouts stay well inside the job lease, so a hung server never lets two instances send. */
export function smtpTransport(url: string, from: string): MailTransport {
  const { protocol, hostname, port } = new URL(url);
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }, { from });
  return {
    description: `SMTP ${protocol}//${hostname}${port ? `:${port}` : ''}`,
    needsRecipients: true,
    async send(mail) {
      await transport.sendMail({ to: mail.recipients, subject: mail.subject, text: mail.body });
    },
    close: () => transport.close(),
  };
}

/** Keeps the mail in the demo outbox instead of sending it. */
export function outboxTransport(outbox: MailOutbox, now: () => string): MailTransport {
  return {
    description: 'the demo outbox at /postvak (no SMTP configured)',
    needsRecipients: false,
    send: (mail) => outbox.add({ sentAt: now(), ...mail }),
    close: () => undefined,
  };
}
