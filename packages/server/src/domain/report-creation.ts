// Stores a new case exactly once per Idempotency-Key, with a new receipt: a report the reporter
// submits, or one a handler records after a phone call or meeting. A retry with the same key and
// body gets the first answer again (the same receipt, sealed under the key); the same key with
// another body is 422; the same key while the first request runs is 409.
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';
import { noticeJobs } from '../notifications/notices.js';
import { generateReceipt, hashReceipt, normaliseReceipt } from '../security/receipts.js';
import { idempotencyKeyHash, openReplay, requestDigest, sealReplay } from '../security/replay-seal.js';
import { randomId } from '../security/tokens.js';
import { IdempotencyClaimLostError, type StoredCase, type StoredCheckIn, type StoredMinutes } from '../storage/store.js';
import type { NewAuditEntry } from './audit-chain.js';
import { deadlinesOnReceipt } from './deadlines.js';
import { tasksForNewCase } from './protocol-tasks.js';
import { taskOverdueJobs } from '../notifications/task-notices.js';
import { checkInsForNewCase } from './check-ins.js';

/**
 * How long a pending Idempotency-Key claim keeps other requests with the key out. Far longer than a report
 * takes to store (scrypt + one transaction), short enough that a retry after an instance died is not
 * refused for long. (SQLite also clears pending claims on start: one process owns the file.)
 */
const IDEMPOTENCY_LEASE_SECONDS = 30;

function secondsAfter(time: string, seconds: number): string {
  return new Date(Date.parse(time) + seconds * 1000).toISOString();
}

/** What the route gives of a new case; the rest (id, reference, status, deadlines, receipt) is made here. */
export interface NewCase {
  case: Pick<StoredCase, 'role' | 'category' | 'locale' | 'consents' | 'content' | 'encryptedContent' | 'channel'>;
  /** The first version of the minutes, for a report received orally. */
  minutes?: (receivedAt: string) => StoredMinutes;
  /** Entries for the case's audit trail after its `received` entry. */
  audit?: NewAuditEntry[];
  /** The answer, once the case is stored; `receipt` goes to the reporter once; `checkIns` are the case's aftercare check-ins. */
  answer(stored: StoredCase, receipt: string, checkIns: readonly StoredCheckIn[]): object;
}

/** The answer as JSON, and whether it replays an earlier request's. */
export async function storeCaseOnce(context: ServerContext, idempotencyKey: string, request: unknown, newCase: NewCase): Promise<{ answer: string; replayed: boolean }> {
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

  try {
    const receipt = generateReceipt();
    const receiptHash = await hashReceipt(secret, normaliseReceipt(receipt)!);
    const receivedAt = context.now();
    const stored: Omit<StoredCase, 'reference'> = { id: randomId('c_'), ...newCase.case, status: 'received', receivedAt, ...deadlinesOnReceipt(receivedAt) };
    const checkIns = checkInsForNewCase(context.protocols, stored, config.organisation.timeZone);
    const answerFor = (reference: string) => JSON.stringify(newCase.answer({ ...stored, reference }, receipt, checkIns.checkIns));
    const tasks = tasksForNewCase(context.protocols, stored, config.organisation.timeZone);
    const created = await store.createReport({
      case: stored,
      receiptHash,
      ...(newCase.minutes ? { minutes: newCase.minutes(receivedAt) } : {}),
      ...(newCase.audit ? { audit: newCase.audit } : {}),
      idempotency: { keyHash, claimId, sealedResponse: (reference) => sealReplay(secret, idempotencyKey, answerFor(reference)) },
      // The protocol's steps as its tasks, and its notices to handlers, stored with it: a report received online or orally alike.
      tasks,
      // The aftercare check-ins too, with the jobs that watch them.
      checkIns: checkIns.checkIns,
      // Each task's overdue notice is a job of its own, due when the task is.
      jobs: [...noticeJobs(stored.id, stored, context.config.notifications), ...checkIns.jobs, ...taskOverdueJobs(stored.id, tasks)],
    });
    return { answer: answerFor(created.reference), replayed: false };
  } catch (error) {
    // Another request took the key over after this one outlived its lease: that one answers with the receipt.
    if (error instanceof IdempotencyClaimLostError) throw new ProblemError('idempotency-in-progress', { retryAfterSeconds: 1 });
    await store.releaseIdempotencyKey(keyHash, claimId);
    throw error;
  }
}
