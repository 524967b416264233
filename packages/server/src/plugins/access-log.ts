// One log line per answered request: method, route pattern (never the URL with its query string),
// status and time. Only what is needed to run the service: no bodies, headers or addresses unless
// the operator turns the client address on (`log.clientIp`).
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { pino } from 'pino';
import type { AccessLogLine } from '../http/answer-replay.js';

export interface AccessLogOptions {
  clientIp: boolean;
}

async function accessLogPlugin(app: FastifyInstance, options: AccessLogOptions): Promise<void> {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        ...(options.clientIp ? { client: request.ip } : {}),
      },
      'request',
    );
  });
}

export const accessLog = fastifyPlugin(accessLogPlugin, { name: 'weerbaar-access-log' });

/** How long a replayed answer's log line may wait for others to be written with it. */
const BATCH_MS = 20;

export interface BatchedAccessLog {
  write(line: AccessLogLine): void;
  /** Writes what waits now (when the server closes). */
  flush(): void;
}

/**
 * One access log line as pino writes it with our options (level, time, its default base fields pid
 * and hostname, the line's fields, msg), for a line at level info. Formatted here rather than by
 * `logger.info` because pino's general path cost 0.85 µs a line, about half of what a replayed answer
 * costs the server beyond a bare one (issue 19); this costs a fifth of that. A test holds it to
 * pino's own bytes.
 */
export function accessLogText({ reqId, method, route, status, ms }: AccessLogLine, time: number, base: string): string {
  return `{"level":30,"time":${time},${base},"reqId":${JSON.stringify(reqId)},"method":${JSON.stringify(method)},"route":${JSON.stringify(route)},"status":${status},"ms":${ms},"msg":"request"}\n`;
}

/** pino's default base fields as it writes them. */
export const pinoBase = (): string => `"pid":${process.pid},"hostname":${JSON.stringify(hostname())}`;

/**
 * The access log lines of answers sent without fastify (http/answer-replay.ts): the lines pino would
 * write for fastify's (same level, base fields and order; see accessLogText), gathered for up to
 * 20 ms and written to the log's destination together: one write instead of one per request, which
 * under load cost about as much of the server's CPU as sending the answers (issue 19). Written when
 * the server closes too.
 */
export function batchedAccessLog(level: string, destination: { write(text: string): unknown }): BatchedAccessLog {
  let batch = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (batch === '') return;
    const lines = batch;
    batch = '';
    destination.write(lines);
  };
  // pino decides whether a level is written, as it does for fastify's lines.
  const enabled = pino({ level }).isLevelEnabled('info');
  const base = pinoBase();
  return {
    write(line) {
      if (!enabled) return;
      timer ??= setTimeout(flush, BATCH_MS);
      batch += accessLogText(line, Date.now(), base);
    },
    flush,
  };
}
