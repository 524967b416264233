// The hosted console (contract `caseManagement.console`): the page where people who handle reports
// sign in and work the inbox, `<weerbaar-case-inbox>` from the elements' CDN build this server
// serves at `/elements/` — so the page exists only when that build has the console. The invitation
// address (`weerbaar-server handler invite`) points here, with the code in its fragment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.js';
import { HOSTED_CONSOLE_PAGES, servesHostedConsole } from '../domain/hosted-console.js';
import { ProblemError } from '../http/problems.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { sendAsset } from '../http/static-asset.js';
import { escapeHtml, HOSTED_PAGE_CSP, htmlAsset } from './hosted-report-page.js';
import { applyPageHeaders } from './site.js';

const HOSTED_DIR = join(PACKAGE_ROOT, 'hosted');

export async function hostedConsoleRoutes(app: FastifyInstance, { config }: { config: ServerConfig }): Promise<void> {
  const organisation = escapeHtml(config.organisation.name);
  for (const page of HOSTED_CONSOLE_PAGES) {
    const html = await htmlAsset(readFileSync(join(HOSTED_DIR, page.file), 'utf8').replaceAll('{{organisation}}', organisation));
    app.get(page.path, async (request, reply) => {
      if (!servesHostedConsole(config)) throw new ProblemError('not-found');
      // The same policy as the report page: scripts and styles from this origin only, nothing inline,
      // Trusted Types enforced, calls to this origin's API only.
      applyPageHeaders(reply, HOSTED_PAGE_CSP, 'no-store');
      reply.header('Content-Language', page.lang);
      return sendAsset(request, reply, html);
    });
  }
}
