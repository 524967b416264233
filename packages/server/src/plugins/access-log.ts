// One log line per answered request: method, route pattern (never the URL with its query string),
// status and time. Only what is needed to run the service: no bodies, headers or addresses unless
// the operator turns the client address on (`log.clientIp`).
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';

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
