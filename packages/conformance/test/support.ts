// Runs the kit against a fresh reference server, optionally behind a fault-injecting proxy.
import { startReferenceServer } from '../../../test-support/reference-server.mjs';
import { runConformance } from '../src/index.js';
import type { CheckResult, ConformanceOptions, ConformanceReport } from '../src/types.js';
import { startFaultProxy, type Fault } from './fault-proxy.js';

export type ReferenceServer = Awaited<ReturnType<typeof startReferenceServer>>;

/** Few wrong receipts before 429, so that the guessing check stays quick. */
export const GUESS_LIMIT_ENV = { WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '8' };

export interface ServerOptions {
  encryption?: boolean;
  env?: Record<string, string>;
}

export async function withReferenceServer<T>(body: (server: ReferenceServer) => Promise<T>, options: ServerOptions = {}): Promise<T> {
  const server = await startReferenceServer({ encryption: options.encryption ?? true, env: { ...GUESS_LIMIT_ENV, ...options.env } });
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

/** Runs the kit against `server` (default: a fresh reference server) behind a proxy that applies `fault`. */
export async function runAgainst(fault: Fault | undefined, options: Partial<ConformanceOptions> = {}, server?: ReferenceServer): Promise<ConformanceReport> {
  if (!server) return withReferenceServer((fresh) => runAgainst(fault, options, fresh));
  const proxy = await startFaultProxy(server.origin, fault);
  try {
    return await runConformance({ baseUrl: proxy.apiUrl, handlerToken: server.handlerToken, maxGuessAttempts: 40, ...options });
  } finally {
    await proxy.close();
  }
}

/**
 * Starts one reference server for a whole suite (call in `before`, stop in `after`). Its
 * per-client report limit is raised, because every run of the kit submits reports; suites that
 * guess receipts need a fresh server per run instead (the guessing limit is per client).
 */
export async function sharedReferenceServer(): Promise<{ server: ReferenceServer; stop: () => Promise<void> }> {
  const server = await startReferenceServer({ encryption: true, env: { ...GUESS_LIMIT_ENV, WEERBAAR_REPORTS_PER_CLIENT: '10000' } });
  return { server, stop: () => server.stop() };
}

export function result(report: ConformanceReport, id: string): CheckResult {
  const found = report.results.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`the report has no check ${id}`);
  return found;
}

/** A readable list of the failed checks, for assertion messages. */
export function failures(report: ConformanceReport): string {
  return report.results
    .filter((candidate) => candidate.outcome === 'failed' || candidate.outcome === 'warning')
    .map((candidate) => `${candidate.id}: ${candidate.reason}`)
    .join('\n');
}
