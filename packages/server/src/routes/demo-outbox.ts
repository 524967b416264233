// The demo outbox page (`demoOutbox`, turned on by `npm start` when no SMTP is configured): the
// notice mails the server would have sent, newest first, so that a newcomer sees what handlers get
// when a report arrives — and that it says nothing of the report. Dutch at /postvak, English at
// /en/outbox. Not offered otherwise (404): it lists case references to anyone who can reach it.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';
import { mailOutboxFor, type OutboxMail } from '../storage/mail-outbox.js';
import { escapeHtml, HOSTED_PAGE_CSP } from './hosted-report-page.js';
import { applyPageHeaders } from './site.js';

/** How many mails the page shows. */
const SHOWN = 50;

interface PageText {
  path: string;
  lang: 'nl' | 'en';
  other: { path: string; lang: 'nl' | 'en'; label: string };
  title: string;
  intro: string[];
  empty: string;
  to: string;
  nobody: string;
  sent: string;
  locale: string;
}

const PAGES: PageText[] = [
  {
    path: '/postvak',
    lang: 'nl',
    other: { path: '/en/outbox', lang: 'en', label: 'English' },
    title: 'Postvak: verstuurde meldingsmails',
    intro: [
      'Dit is een demo. Er is geen mailserver ingesteld. Daarom staan hier de e-mails die de server anders had verstuurd naar de mensen die meldingen behandelen.',
      'Zo’n e-mail zegt alleen dát er iets met een zaak moet gebeuren: het zaaknummer, de termijn en een link naar de behandelomgeving. Er staat nooit iets in over de inhoud van de melding of over de melder.',
      'Een echte server verstuurt ze met WEERBAAR_SMTP_URL; deze pagina bestaat dan niet.',
    ],
    empty: 'Er zijn nog geen e-mails. Doe een melding op de demopagina en kijk daarna opnieuw.',
    to: 'Aan',
    nobody: 'nog niemand (stel WEERBAAR_NOTIFY_RECIPIENTS in)',
    sent: 'Verstuurd',
    locale: 'nl-NL',
  },
  {
    path: '/en/outbox',
    lang: 'en',
    other: { path: '/postvak', lang: 'nl', label: 'Nederlands' },
    title: 'Outbox: notice mails sent',
    intro: [
      'This is a demo. No mail server is configured, so this page shows the e-mails the server would otherwise have sent to the people who handle reports.',
      'Such an e-mail only says that a case needs attention: the case reference, the deadline and a link to the console. It never says anything about what the report contains or about the reporter.',
      'A real server sends them with WEERBAAR_SMTP_URL; this page does not exist then.',
    ],
    empty: 'There are no e-mails yet. Make a report on the demo page and look again.',
    to: 'To',
    nobody: 'nobody yet (set WEERBAAR_NOTIFY_RECIPIENTS)',
    sent: 'Sent',
    locale: 'en-GB',
  },
];

function mailHtml(mail: OutboxMail, text: PageText): string {
  const sent = new Intl.DateTimeFormat(text.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(mail.sentAt));
  return `
    <article class="mail">
      <h2>${escapeHtml(mail.subject)}</h2>
      <dl>
        <dt>${text.sent}</dt><dd><time datetime="${escapeHtml(mail.sentAt)}">${escapeHtml(sent)}</time></dd>
        <dt>${text.to}</dt><dd>${mail.recipients.length ? escapeHtml(mail.recipients.join(', ')) : text.nobody}</dd>
      </dl>
      <pre>${escapeHtml(mail.body)}</pre>
    </article>`;
}

function pageHtml(text: PageText, organisation: string, mails: OutboxMail[]): string {
  return `<!doctype html>
<html lang="${text.lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${text.title} — ${escapeHtml(organisation)}</title>
  <link rel="stylesheet" href="/hosted/report-page.css">
  <link rel="alternate" hreflang="${text.other.lang}" href="${text.other.path}">
</head>
<body>
  <header>
    <p class="organisation">${escapeHtml(organisation)}</p>
    <nav aria-label="${text.lang === 'nl' ? 'Taal' : 'Language'}"><a href="${text.other.path}" hreflang="${text.other.lang}" lang="${text.other.lang}">${text.other.label}</a></nav>
  </header>
  <main>
    <h1>${text.title}</h1>
    ${text.intro.map((paragraph) => `<p>${paragraph}</p>`).join('\n    ')}
    ${mails.length ? mails.map((mail) => mailHtml(mail, text)).join('') : `<p class="empty">${text.empty}</p>`}
  </main>
</body>
</html>
`;
}

export async function demoOutboxRoutes(app: FastifyInstance, { context }: { context: ServerContext }): Promise<void> {
  const offered = () => context.config.demoOutbox && !context.config.smtp.url;
  const outbox = mailOutboxFor(context.store);
  for (const text of PAGES) {
    app.get(text.path, async (_request, reply) => {
      if (!offered()) throw new ProblemError('not-found');
      const mails = await outbox.latest(SHOWN);
      applyPageHeaders(reply, HOSTED_PAGE_CSP, 'no-store');
      reply.header('Content-Language', text.lang);
      return reply.type('text/html; charset=utf-8').send(pageHtml(text, context.config.organisation.name, mails));
    });
  }
}
