// Telling clients apart for rate limits without keeping their addresses: the key is a keyed hash
// of the IP address, held in memory only.
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import type { RateLimiter } from '../security/rate-limiter.js';
import { ProblemError } from './problems.js';

export function clientKey(context: ServerContext, request: FastifyRequest): string {
  return context.secret.keyedHash('client', request.ip).toString('base64url').slice(0, 22);
}

/** 429 with Retry-After when `key` is over the limiter's limit. */
export function enforceRateLimit(limiter: RateLimiter, key: string): void {
  const retryAfterSeconds = limiter.retryAfter(key);
  if (retryAfterSeconds !== undefined) throw new ProblemError('rate-limited', { retryAfterSeconds });
}
