// Small header helpers shared by the plugins and the routes.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The request's path without its query string. */
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
