// Headers every answer carries (contract `info.description`, "Security headers"), and no cookie,
// ever.
import { API_VERSION } from '@weerbaar/spec';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The headers every answer carries, as name and value (also written by hand, see problem-answers.ts). */
export function baseHeaders(requestId: string): [string, string][] {
  return [
    ['API-Version', API_VERSION],
    ['Request-Id', requestId],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Content-Security-Policy', API_CSP],
    // Personal until proven public: content routes switch this to a public, revalidated policy.
    ['Cache-Control', 'no-store'],
  ];
}

export function applyBaseHeaders(request: FastifyRequest, reply: FastifyReply): void {
  for (const [name, value] of baseHeaders(request.id)) reply.header(name, value);
}

async function securityHeadersPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => applyBaseHeaders(request, reply));
  app.addHook('onSend', async (_request, reply, payload) => {
    // Belt and braces: nothing in this server sets a cookie, and nothing may.
    reply.removeHeader('set-cookie');
    return payload;
  });
}

export const securityHeaders = fastifyPlugin(securityHeadersPlugin, { name: 'weerbaar-security-headers' });
