// Telling clients apart for rate limits without keeping their addresses: the key is a keyed hash
// of the IP address (it is what the shared rate-limit counters store, never the address).
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import type { RateLimiter, TakenHit } from './rate-limiter.js';
import { ProblemError } from '../http/problems.js';

export function clientKey(context: ServerContext, request: FastifyRequest): string {
  return context.secret.keyedHash('client', request.ip).toString('base64url').slice(0, 22);
}

/** 429 with Retry-After when `key` is over the limiter's limit. */
export async function enforceRateLimit(limiter: RateLimiter, key: string): Promise<void> {
  const retryAfterSeconds = await limiter.retryAfter(key);
  if (retryAfterSeconds !== undefined) throw new ProblemError('rate-limited', { retryAfterSeconds });
}

/** Counts one hit of the limiter's allowance for `key`, or 429 with Retry-After (nothing counted) when it is used up. */
export async function takeRateLimit(limiter: RateLimiter, key: string): Promise<TakenHit> {
  const result = await limiter.take(key);
  if (!result.taken) throw new ProblemError('rate-limited', { retryAfterSeconds: result.retryAfterSeconds });
  return result.hit;
}
