// CORS (contract `info.description`, "CORS"): the contract itself for any origin, everything else
// under /v1/ only for the configured origins, never with credentials. Hand-written rather than
// @fastify/cors: the rule depends on the path (the contract's two documents are public), `Vary:
// Origin` belongs on every /v1/ answer, and a refused preflight still answers 204 with the base
// headers; expressing that through @fastify/cors's delegator would hide the rule, not shorten it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { pathOf, vary } from '../http/headers.js';

const EXPOSED_HEADERS = 'API-Version, Request-Id, ETag, Content-Language, Retry-After, Idempotent-Replayed';
const ALLOWED_REQUEST_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Accept-Language, If-None-Match';
const PUBLIC_CONTRACT = new Set(['/v1/openapi.json', '/v1/openapi.yaml']);

export class CorsPolicy {
  private readonly anyOrigin: boolean;
  private readonly origins: Set<string>;

  constructor(allowedOrigins: string[]) {
    this.anyOrigin = allowedOrigins.includes('*');
    this.origins = new Set(allowedOrigins.filter((origin) => origin !== '*'));
  }

  /** The `Access-Control-Allow-Origin` value for this request, or undefined to refuse. */
  allowOrigin(request: FastifyRequest): string | undefined {
    const origin = request.headers.origin;
    if (!origin) return undefined;
    if (PUBLIC_CONTRACT.has(pathOf(request))) return '*';
    if (!pathOf(request).startsWith('/v1/')) return undefined;
    if (this.anyOrigin) return '*';
    return this.origins.has(origin) ? origin : undefined;
  }

  apply(request: FastifyRequest, reply: FastifyReply): void {
    if (pathOf(request).startsWith('/v1/')) vary(reply, 'Origin');
    const allowed = this.allowOrigin(request);
    if (!allowed) return;
    reply.header('Access-Control-Allow-Origin', allowed);
    reply.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }

  /** Answers a preflight request. */
  preflight(request: FastifyRequest, reply: FastifyReply): void {
    const allowed = this.allowOrigin(request);
    if (allowed) {
      // PATCH: updateAccount, which a console on another origin than the API sends.
      reply.header('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
      reply.header('Access-Control-Allow-Headers', ALLOWED_REQUEST_HEADERS);
      reply.header('Access-Control-Max-Age', '600');
    }
    reply.code(204).send();
  }
}

export interface CorsOptions {
  allowedOrigins: string[];
}

async function corsPlugin(app: FastifyInstance, options: CorsOptions): Promise<void> {
  const policy = new CorsPolicy(options.allowedOrigins);
  app.addHook('onRequest', async (request, reply) => policy.apply(request, reply));
  app.options('*', async (request, reply) => policy.preflight(request, reply));
}

export const cors = fastifyPlugin(corsPlugin, { name: 'weerbaar-cors', dependencies: ['weerbaar-security-headers'] });
