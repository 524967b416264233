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

/** Whether `If-None-Match` names `etag` (weak comparison, RFC 9110 §13.1.2) or is `*`. */
export function ifNoneMatchMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
