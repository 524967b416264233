// One log line per answered request: method, route pattern (never the URL with its query string),
// status and time. Only what is needed to run the service: no bodies, headers or addresses unless
// the operator turns the client address on (`log.clientIp`).
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
 * The access log lines of answers sent without fastify (http/answer-replay.ts): formatted by pino
 * as fastify's are (same level, base fields and order), gathered for up to 20 ms and written to the
 * log's destination together: one write instead of one per request, which under load cost about as
 * much of the server's CPU as sending the answers (issue 19). Written when the server closes too.
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
  const logger = pino(
    { level },
    {
      write(line: string) {
        timer ??= setTimeout(flush, BATCH_MS);
        batch += line;
      },
    },
  );
  return { write: (line) => logger.info(line, 'request'), flush };
}
