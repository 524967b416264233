// Public content: cacheable for a short while, revalidated with a strong ETag (304 when unchanged).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Representation } from '../content/catalogue.js';
import { vary } from './headers.js';

const PUBLIC_CACHE = 'public, max-age=300';

/** Whether `If-None-Match` names `etag` (weak comparison, RFC 9110 §13.1.2) or is `*`. */
export function ifNoneMatchMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

export function sendRepresentation(
  request: FastifyRequest,
  reply: FastifyReply,
  representation: Representation,
  options: { language?: string; mediaType?: string } = {},
): FastifyReply {
  reply.header('Cache-Control', PUBLIC_CACHE);
  reply.header('ETag', representation.etag);
  if (options.language) {
    reply.header('Content-Language', options.language);
    vary(reply, 'Accept-Language');
  }
  if (ifNoneMatchMatches(request.headers['if-none-match'], representation.etag)) return reply.code(304).send();
  return reply.type(options.mediaType ?? 'application/json; charset=utf-8').send(representation.json);
}
