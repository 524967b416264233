// Doing a state change exactly once per Idempotency-Key: the key is claimed before the work, and the
// work completes the claim in the same transaction as its change, with its answer sealed under the
// key. A retry with the same key and body gets the first answer again; the same key with another
// body is 422; the same key while the first request runs is 409. Used by new reports (report-creation.ts)
// and shared dilemmas (routes/dilemmas.ts).
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';
import { idempotencyKeyHash, openReplay, requestDigest, sealReplay } from '../security/replay-seal.js';
import { randomId } from '../security/tokens.js';
import { IdempotencyClaimLostError } from '../storage/store.js';

/**
 * How long a pending claim keeps other requests with the key out. Far longer than the work takes
 * (scrypt + one transaction), short enough that a retry after an instance died is not refused for
 * long. (SQLite also clears pending claims on start: one process owns the file.)
 */
const IDEMPOTENCY_LEASE_SECONDS = 30;

function secondsAfter(time: string, seconds: number): string {
  return new Date(Date.parse(time) + seconds * 1000).toISOString();
}

/** This request's claim, for the transaction that completes it. */
export interface IdempotencyClaim {
  keyHash: Buffer;
  claimId: string;
  /** The answer sealed under the key, as the claim keeps it for replays. */
  seal(answer: string): Buffer;
  /** keyHash, claimId and the sealed answer, as a store completes the claim with. */
  completion(answer: string): { keyHash: Buffer; claimId: string; sealedResponse: Buffer };
}

/** Runs `work` once per key and body; `work` answers the JSON answer, having completed the claim with it. */
export async function claimIdempotently(
  context: Pick<ServerContext, 'store' | 'secret' | 'config' | 'now'>,
  idempotencyKey: string,
  request: unknown,
  work: (claim: IdempotencyClaim) => Promise<string>,
): Promise<{ answer: string; replayed: boolean }> {
  const { store, secret, config } = context;
  const keyHash = idempotencyKeyHash(secret, idempotencyKey);
  const digest = requestDigest(request);
  const now = context.now();
  const claimId = randomId('claim_');
  const existing = await store.claimIdempotencyKey({
    keyHash,
    requestHash: digest,
    claimId,
    now,
    expiresAt: secondsAfter(now, config.limits.idempotencyKeyTtlSeconds),
    leaseExpiresAt: secondsAfter(now, IDEMPOTENCY_LEASE_SECONDS),
  });
  if (existing) {
    if (existing.requestHash !== digest) throw new ProblemError('idempotency-key-reused');
    if (existing.state === 'pending') throw new ProblemError('idempotency-in-progress', { retryAfterSeconds: 1 });
    return { answer: openReplay(secret, idempotencyKey, existing.sealedResponse), replayed: true };
  }
  const seal = (answer: string) => sealReplay(secret, idempotencyKey, answer);
  try {
    const answer = await work({ keyHash, claimId, seal, completion: (answer) => ({ keyHash, claimId, sealedResponse: seal(answer) }) });
    return { answer, replayed: false };
  } catch (error) {
    // Another request took the key over after this one outlived its lease: that one answers.
    if (error instanceof IdempotencyClaimLostError) throw new ProblemError('idempotency-in-progress', { retryAfterSeconds: 1 });
    await store.releaseIdempotencyKey(keyHash, claimId);
    throw error;
  }
}
