// Headers every answer carries (contract `info.description`, "Security headers" and "CORS"), and
// the CORS decision: the contract itself for any origin, everything else only for the configured
// origins, never with credentials.
import { API_VERSION } from '@weerbaar/spec';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const EXPOSED_HEADERS = 'API-Version, Request-Id, ETag, Content-Language, Retry-After, Idempotent-Replayed';
const ALLOWED_REQUEST_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Accept-Language, If-None-Match';
const PUBLIC_CONTRACT = new Set(['/v1/openapi.json', '/v1/openapi.yaml']);

export function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0]!;
}

/** Adds a token to the `Vary` header without repeating it. */
export function vary(reply: FastifyReply, token: string): void {
  const current = String(reply.getHeader('vary') ?? '');
  const tokens = current.split(',').map((t) => t.trim()).filter(Boolean);
  if (!tokens.some((t) => t.toLowerCase() === token.toLowerCase())) tokens.push(token);
  reply.header('Vary', tokens.join(', '));
}

/** The headers every answer carries, as name and value (also written by hand, see app.ts). */
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
      reply.header('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, DELETE');
      reply.header('Access-Control-Allow-Headers', ALLOWED_REQUEST_HEADERS);
      reply.header('Access-Control-Max-Age', '600');
    }
    reply.code(204).send();
  }
}
