// Whether and where this installation offers the hosted report page (contract
// `capabilities.hostedReportPage`): the configured address, else this server's own page when it
// serves one (the elements' CDN bundle is there). Discovery advertises it; routes/hosted-report-page.ts
// serves it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from '../config.js';
import type { ServerContext } from '../context.js';

/** The page per language, at its path; the Dutch one is the one discovery advertises. */
export const HOSTED_REPORT_PAGES = [
  { path: '/melden', lang: 'nl', file: 'melden.html' },
  { path: '/en/report', lang: 'en', file: 'report.html' },
] as const;

/** Whether this server serves the page itself: switched on, and the elements' bundle is there. */
export function servesHostedReportPage(config: ServerConfig): boolean {
  return config.serveHostedReportPage && config.elementsDir !== undefined && existsSync(join(config.elementsDir, 'report-button.js'));
}

/** The `hostedReportPage` URL to advertise: the configured one, else this server's own page if it serves one. */
export function hostedReportPageUrl(context: ServerContext): string | undefined {
  if (context.config.hostedReportPageUrl) return context.config.hostedReportPageUrl;
  return servesHostedReportPage(context.config) ? `${context.publicUrl()}${HOSTED_REPORT_PAGES[0].path}` : undefined;
}
