// Whether and where this installation offers the hosted console (contract `caseManagement.console`):
// the configured address, else this server's own page when it serves one (people can sign in and the
// elements' build has the console). Discovery advertises it; routes/hosted-console.ts serves it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from '../config.js';
import type { ServerContext } from '../context.js';

/** The page per language, at its path; the Dutch one is the one discovery advertises. */
export const HOSTED_CONSOLE_PAGES = [
  { path: '/behandelen', lang: 'nl', file: 'behandelen.html' },
  { path: '/en/handle', lang: 'en', file: 'handle.html' },
] as const;

/** Whether this server serves the console: people can sign in (passkeys or OpenID) and the elements' build has it. */
export function servesHostedConsole(config: ServerConfig): boolean {
  const { enabled, signIn } = config.caseManagement;
  const signInOffered = signIn.passkey || signIn.oidc !== undefined;
  return enabled && signInOffered && config.elementsDir !== undefined && existsSync(join(config.elementsDir, 'inbox.js'));
}

/** The console to advertise: the configured address, else this server's own page when it serves one. */
export function hostedConsoleUrl(context: Pick<ServerContext, 'config' | 'publicUrl'>): string | undefined {
  if (context.config.caseManagement.consoleUrl) return context.config.caseManagement.consoleUrl;
  return servesHostedConsole(context.config) ? `${context.publicUrl()}${HOSTED_CONSOLE_PAGES[0].path}` : undefined;
}
