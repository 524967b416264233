// The hosted report page (contract `capabilities.hostedReportPage`): where the report button's
// isolation `window` sends people, so that what they type is typed on the reporting
// organisation's own origin, away from the scripts of the page they came from. It is the same
// report button, built from the elements' CDN bundle this server serves at `/elements/`, so the
// page exists only when that bundle does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.js';
import type { ContentCatalogue } from '../content/catalogue.js';
import { HOSTED_REPORT_PAGES, servesHostedReportPage } from '../domain/hosted-report-page.js';
import { ProblemError } from '../http/problems.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { sendAsset, staticAsset, type StaticAsset } from '../http/static-asset.js';
import { applyPageHeaders, resolveStaticFile, sendStaticFile } from './site.js';

const STYLESHEET = { path: '/hosted/report-page.css', file: 'report-page.css' };
/**
 * The privacy statement discovery links by default: the site's own page when the site directory
 * has one, else the server's standard text, so the link never answers 404.
 */
const PRIVACY_PAGES = [
  { path: '/privacy.html', lang: 'nl', file: 'privacy.html' },
  { path: '/en/privacy.html', lang: 'en', file: 'privacy-en.html' },
] as const;
const HOSTED_DIR = join(PACKAGE_ROOT, 'hosted');

// Stricter than the demo site's: the page submits no form and loads nothing from elsewhere.
// Trusted Types are enforced as on the demo site: the elements never write HTML from strings.
export const HOSTED_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/**
 * The support directory's contacts (not 112, which the page names above) as a list with their phone
 * numbers and websites: what someone without JavaScript can do instead of the form.
 */
function contactList(content: ContentCatalogue, lang: string): string {
  const locale = content.locales.available.includes(lang) ? lang : content.locales.default;
  const entries = content
    .contacts(locale)
    .filter((contact) => contact.urgency !== 'emergency' && (contact.phone || contact.url))
    .map((contact) => {
      const name = escapeHtml(contact.name ? `${contact.organisation}: ${contact.name}` : contact.organisation);
      const phone = contact.phone ? ` <a href="tel:${escapeHtml(contact.phone.number)}">${escapeHtml(contact.phone.display || contact.phone.number)}</a>` : '';
      const site = contact.url ? ` <a href="${escapeHtml(contact.url)}">${escapeHtml(new URL(contact.url).host)}</a>` : '';
      return `<li><strong>${name}</strong>${phone}${site}</li>`;
    });
  return `<ul class="contacts">${entries.join('')}</ul>`;
}

/** A page this server fills in at start, compressed then, once. */
export function htmlAsset(html: string): Promise<StaticAsset> {
  return staticAsset(Buffer.from(html), 'text/html; charset=utf-8');
}

export async function hostedReportPageRoutes(app: FastifyInstance, { config, content }: { config: ServerConfig; content: ContentCatalogue }): Promise<void> {
  const organisation = escapeHtml(config.organisation.name);
  for (const page of HOSTED_REPORT_PAGES) {
    const html = await htmlAsset(readFileSync(join(HOSTED_DIR, page.file), 'utf8').replaceAll('{{organisation}}', organisation).replace('{{contacts}}', contactList(content, page.lang)));
    app.get(page.path, async (request, reply) => {
      if (!servesHostedReportPage(config)) throw new ProblemError('not-found');
      applyPageHeaders(reply, HOSTED_PAGE_CSP, 'no-store');
      reply.header('Content-Language', page.lang);
      return sendAsset(request, reply, html);
    });
  }
  for (const page of PRIVACY_PAGES) {
    const html = await htmlAsset(readFileSync(join(HOSTED_DIR, page.file), 'utf8').replaceAll('{{organisation}}', organisation));
    app.get(page.path, async (request, reply) => {
      const sitePage = config.siteDir ? await resolveStaticFile(config.siteDir, page.path) : undefined;
      if (sitePage) return sendStaticFile(request, reply, sitePage);
      applyPageHeaders(reply, HOSTED_PAGE_CSP, 'no-cache');
      reply.header('Content-Language', page.lang);
      return sendAsset(request, reply, html);
    });
  }
  // Also styles the privacy statement, which is there with or without the elements bundle.
  const css = await staticAsset(readFileSync(join(HOSTED_DIR, STYLESHEET.file)), 'text/css; charset=utf-8');
  app.get(STYLESHEET.path, async (request, reply) => {
    applyPageHeaders(reply, HOSTED_PAGE_CSP, 'no-cache');
    return sendAsset(request, reply, css);
  });
}
