// Stores a new case exactly once per Idempotency-Key (idempotent-claim.ts), with a new receipt: a
// report the reporter submits, or one a handler records after a phone call or meeting. A retry with
// the same key and body gets the first answer again (the same receipt, sealed under the key).
import type { ServerContext } from '../context.js';
import { noticeJobs } from '../notifications/notices.js';
import { generateReceipt, hashReceipt, normaliseReceipt } from '../security/receipts.js';
import { randomId } from '../security/tokens.js';
import type { StoredCase, StoredCheckIn, StoredMinutes } from '../storage/store.js';
import type { NewAuditEntry } from './audit-chain.js';
import { deadlinesOnReceipt } from './deadlines.js';
import { tasksForNewCase } from './protocol-tasks.js';
import { taskOverdueJobs } from '../notifications/task-notices.js';
import { checkInsForNewCase } from './check-ins.js';
import { claimIdempotently } from './idempotent-claim.js';

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
  return claimIdempotently(context, idempotencyKey, request, async ({ keyHash, claimId, seal }) => {
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
      idempotency: { keyHash, claimId, sealedResponse: (reference) => seal(answerFor(reference)) },
      // The protocol's steps as its tasks, and its notices to handlers, stored with it: a report received online or orally alike.
      tasks,
      // The aftercare check-ins too, with the jobs that watch them.
      checkIns: checkIns.checkIns,
      // Each task's overdue notice is a job of its own, due when the task is.
      jobs: [...noticeJobs(stored.id, stored, context.config.notifications), ...checkIns.jobs, ...taskOverdueJobs(stored.id, tasks)],
    });
    return answerFor(created.reference);
  });
}
