// Runs the kit against a fresh reference server, optionally behind a fault-injecting proxy.
import { startReferenceServer } from '../../../test-support/reference-server.mjs';
import { runConformance } from '../src/index.js';
import type { CheckResult, ConformanceOptions, ConformanceReport } from '../src/types.js';
import { randomBytes } from 'node:crypto';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { RACY_BURST, startFaultProxy, type Fault } from './fault-proxy.js';
import { startWebhookRelay } from './webhook-relay.js';

export type ReferenceServer = Awaited<ReturnType<typeof startReferenceServer>>;

/** Few wrong receipts before 429, so that the guessing check stays quick. */
export const GUESS_LIMIT_ENV = { WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '8' };

export interface ServerOptions {
  encryption?: boolean;
  env?: Record<string, string>;
  /** A fault of the webhook relay between the server and the kit's receiver. */
  webhookFault?: Fault;
}

/** A fresh reference server with a handler token and its webhook receiver settings for the kit. */
export type FreshServer = ReferenceServer & { webhookReceiver: NonNullable<ConformanceOptions['webhookReceiver']> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Runs `body` with a fresh reference server whose webhooks go (through a relay that may inject a
 * fault) to the port where the kit's receiver will listen.
 */
export async function withReferenceServer<T>(body: (server: FreshServer) => Promise<T>, options: ServerOptions = {}): Promise<T> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const kitPort = await freePort();
  const relay = await startWebhookRelay(kitPort, secret, options.webhookFault);
  const webhookEnv = { WEERBAAR_WEBHOOK_URL: relay.url, WEERBAAR_WEBHOOK_SECRET: secret, WEERBAAR_JOBS_POLL_MILLISECONDS: '100' };
  const server = await startReferenceServer({ encryption: options.encryption ?? true, env: { ...GUESS_LIMIT_ENV, ...webhookEnv, ...options.env } });
  try {
    return await body(Object.assign(server, { webhookReceiver: { port: kitPort, secret, waitSeconds: 30 } }));
  } finally {
    await server.stop();
    await relay.close();
  }
}

/** Runs the kit against `server` (default: a fresh reference server) behind a proxy that applies `fault`. */
export async function runAgainst(fault: Fault | undefined, options: Partial<ConformanceOptions> = {}, server?: ReferenceServer | FreshServer): Promise<ConformanceReport> {
  if (!server) return withReferenceServer((fresh) => runAgainst(fault, options, fresh), fault === 'category-in-webhook' || fault === 'drops-change-events' ? { webhookFault: fault } : {});
  const proxy = await startFaultProxy(server.origin, fault);
  const webhooks = 'webhookReceiver' in server ? { webhookReceiver: server.webhookReceiver } : {};
  try {
    return await runConformance({ baseUrl: proxy.apiUrl, handlerToken: server.handlerToken, maxGuessAttempts: RACY_BURST, ...webhooks, ...options });
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
