// The one storage interface of the server, implemented by SQLite (sqlite-store.ts, one process) and
// PostgreSQL (postgres-store.ts, any number of instances on one database). Methods are
// asynchronous so that a networked database fits behind it; every method that changes several rows
// does so atomically, and every read-then-write that must hold across instances (idempotency
// claims, rate limits, case references) is atomic in the database, not in process memory.
import type { Schema } from '@weerbaar/spec';
import type { NewAuditEntry } from '../domain/audit-chain.js';
import type { NewJob } from './job-queue.js';

export type CaseStatus = Schema<'CaseStatus'>;
export type CaseOutcome = Schema<'CaseOutcome'>;
export type TimelineEventType = Schema<'HandlerTimelineEvent'>['type'];

export interface StoredCase {
  id: string;
  reference: string;
  role: Schema<'ReporterRole'>;
  category: Schema<'ReportCategory'>;
  locale?: string;
  status: CaseStatus;
  outcome?: CaseOutcome;
  receivedAt: string;
  acknowledgeDueAt: string;
  acknowledgedAt?: string;
  feedbackDueAt: string;
  feedbackGivenAt?: string;
  consents: string[];
  content?: Schema<'ReportContent'>;
  encryptedContent?: Schema<'HpkeEnvelope'>;
  /** The reporter said the report concerns the people who would receive it (routed to the alternate group). */
  concernsReceiver?: boolean;
  /** The group the case was routed or transferred to (migration 7's trigger routes it on insert). */
  groupId?: string;
  /** When a handler last acted (message, acknowledgement, status change): reporter messages after it are unread. */
  lastHandlerActionAt?: string;
  /** A finer step within the status, from the organisation's list (cleared by a status change). */
  substatus?: string;
  /** The people affected by role, as a handler recorded them (migration 13); absent: the form's answer counts. */
  affectedPeople?: Schema<'AffectedRole'>[];
  /** How the report came in; absent means `online` (submitted by the reporter). */
  channel?: Schema<'ReportChannel'>;
}

export interface StoredEvent {
  at: string;
  type: TimelineEventType;
  status?: CaseStatus;
  outcome?: CaseOutcome;
  note?: string;
}

export type StoredMessage = Schema<'CaseMessage'>;

/** An internal note: never in any answer to the reporter. */
export type StoredNote = Schema<'CaseNote'>;

/** One version of the minutes of an oral report. */
export type StoredMinutes = Schema<'MinutesVersion'>;

/** A step of the protocol as a task on a case (migration 12); `titles` per language, as the step was when the case was created. */
export interface StoredTask {
  taskId: string;
  protocolId: string;
  stepId: string;
  titles: Record<string, string>;
  ownerGroupId: string;
  dueAt: string;
  visibleToReporter: boolean;
  status: 'open' | 'done';
  doneAt?: string;
  doneBy?: Schema<'AuditActor'>;
}

/** A task ticked off (`done`, by whom and when) or opened again. */
export interface TaskStatusChange {
  taskId: string;
  status: StoredTask['status'];
  at: string;
  by: Schema<'AuditActor'>;
}

/** A chain hand-over (migration 15): the redacted package exactly as it was made. */
export interface StoredHandOver {
  package: Schema<'HandOverPackage'>;
}

/** An aftercare check-in (migration 14): open from `opensAt`, due at `dueAt`, a task for `ownerGroupId` when it worries. */
export interface StoredCheckIn {
  checkInId: string;
  opensAt: string;
  dueAt: string;
  ownerGroupId: string;
  answeredAt?: string;
  answer?: Schema<'CheckInAnswer'>;
  cancelledAt?: string;
  taskId?: string;
}

/** The people a handler recorded as affected, and the tasks that adds (the family-support steps). */
export interface AffectedPeopleChange {
  affectedPeople: Schema<'AffectedRole'>[];
  tasks: StoredTask[];
  at: string;
  /** Jobs (the added tasks' overdue notices) enqueued in the same transaction. */
  jobs?: NewJob[];
}

/** The reporter's answer to a version of the minutes, and the status it gives the version. */
export interface MinutesAnswerChange {
  version: number;
  status: StoredMinutes['status'];
  answer: NonNullable<StoredMinutes['answer']>;
}

export interface StoredAttachment {
  id: string;
  /** The random file name under the data directory's attachments folder. */
  storageName: string;
  name?: string;
  mediaType?: string;
  description?: string;
  sizeBytes: number;
  sha256: string;
  encryption?: Schema<'AttachmentEncryption'>;
  addedAt: string;
}

/** What changes together with a case, in one transaction. */
export interface CaseChange {
  set?: Partial<Pick<StoredCase, 'status' | 'outcome' | 'acknowledgedAt' | 'feedbackDueAt' | 'feedbackGivenAt' | 'lastHandlerActionAt'>> & {
    /** `null` clears it. */
    substatus?: string | null;
  };
  /** Clear the outcome (reopening). */
  clearOutcome?: boolean;
  events?: StoredEvent[];
  messages?: StoredMessage[];
  attachments?: StoredAttachment[];
  /** Internal notes to add (never shown to the reporter). */
  notes?: StoredNote[];
  /** Entries for the case's audit trail, appended in the same transaction as the change. */
  audit?: NewAuditEntry[];
  /** Jobs (the change's webhook events) enqueued in the same transaction as the change. */
  jobs?: NewJob[];
}

export interface CaseFilter {
  status?: CaseStatus;
  category?: Schema<'ReportCategory'>;
  role?: Schema<'ReporterRole'>;
  /** Only cases with a missed deadline at this moment. */
  overdueAt?: string;
  /** The moment each listed case's open tasks past due are counted at (`CaseListEntry.overdueTasks`). */
  now: string;
  groupId?: string;
  /** Only cases this account may work (access per case, domain/access.ts); every case when absent. */
  visibleTo?: string;
  /** Only cases this account is assigned to. */
  assignedTo?: string;
  sort: 'receivedAt' | 'acknowledgeDueAt' | 'feedbackDueAt';
  descending: boolean;
  offset: number;
  limit: number;
  /** Cursor paging: only cases after this one in the sort order. */
  after?: { value: string; reference: string };
  /** Whether to count every match (page numbers); cursor paging counts nothing. Default true. */
  count?: boolean;
}

/** What the case list knows of a case: everything but the report itself (content, consents). */
export type ListedCase = Omit<StoredCase, 'content' | 'encryptedContent' | 'consents' | 'lastHandlerActionAt'> & {
  encrypted: boolean;
  /** Whether the (unencrypted) content has contact details. */
  hasContact: boolean;
};

export type CaseCounts = Omit<Schema<'CaseCounts'>, 'assignedToMe'> & { overdueTasks: number };

export interface CaseListEntry {
  case: ListedCase;
  unreadMessages: number;
  /** The case's open tasks past due at the filter's `now`. */
  overdueTasks: number;
}

/** The state of an `Idempotency-Key`, found by its hash. */
export type IdempotencyRecord =
  | { state: 'pending'; requestHash: string }
  | { state: 'done'; requestHash: string; sealedResponse: Buffer };

/**
 * A claim on an `Idempotency-Key`: `claimId` identifies this request's claim. A pending claim is leased
 * until `leaseExpiresAt`; when the request that holds it dies (a killed instance), another request may take
 * the key over after the lease, and the late original can no longer complete it (its claimId is stale).
 */
export interface IdempotencyClaimRequest {
  keyHash: Buffer;
  requestHash: string;
  claimId: string;
  now: string;
  /** When a done record may be forgotten (the key's time to live). */
  expiresAt: string;
  /** Until when this pending claim keeps others out. */
  leaseExpiresAt: string;
}

export interface NewReport {
  case: Omit<StoredCase, 'reference'>;
  receiptHash: Buffer;
  /**
   * Completes this request's pending idempotency claim in the same transaction as the report. When the claim
   * is no longer this request's (its lease ran out and another request took the key), nothing is stored and
   * createReport rejects with IdempotencyClaimLostError.
   */
  idempotency?: {
    keyHash: Buffer;
    claimId: string;
    /** The sealed answer, or how to seal it once the case has its reference (an answer that names it). */
    sealedResponse: Buffer | ((reference: string) => Buffer);
  };
  /** The first version of the minutes of a report received orally, stored with it. */
  minutes?: StoredMinutes;
  /** Entries for the case's audit trail after its `received` entry, in the same transaction. */
  audit?: NewAuditEntry[];
  /** The protocol's steps as the case's tasks, in order, stored in the same transaction. */
  tasks?: StoredTask[];
  /** The protocol's aftercare check-ins, in order (their jobs go in `jobs`). */
  checkIns?: StoredCheckIn[];
  /** Scheduled in the same transaction as the report (its notices and reminders): stored together or not at all. */
  jobs?: NewJob[];
}

export interface HandlerToken {
  id: string;
  name: string;
  createdAt: string;
  revokedAt?: string;
  /** From this moment on the token is refused exactly like a revoked one; no expiry when absent. */
  expiresAt?: string;
}

/** Whether a handler token may be used at `now` (RFC 3339): neither revoked nor expired. */
export function handlerTokenActive(token: HandlerToken, now: string): boolean {
  return !token.revokedAt && !(token.expiresAt && Date.parse(token.expiresAt) <= Date.parse(now));
}

/** A rate-limit window: hits counted in it and when it ends (milliseconds since the epoch). */
export interface RateLimitWindow {
  hits: number;
  resetsAt: number;
}

export interface Store {
  /** Stores a report durably (the answer may be sent once this resolves) and returns its reference. */
  createReport(report: NewReport): Promise<StoredCase>;
  findCaseIdByReceiptHash(receiptHash: Buffer): Promise<{ caseId: string; receiptHash: Buffer } | undefined>;
  getCase(caseId: string): Promise<StoredCase | undefined>;
  /** One page of cases; `total` counts every match unless `filter.count` is false. */
  listCases(filter: CaseFilter): Promise<{ items: CaseListEntry[]; total?: number }>;
  /** How many cases there are, per status, category and role, and how many are overdue at `now`. */
  /** Counts of the cases `visibleTo` may work (every case when absent): access per case, excluded ones never counted. */
  countCases(now: string, visibleTo?: string): Promise<CaseCounts>;
  changeCase(caseId: string, change: CaseChange): Promise<void>;
  events(caseId: string): Promise<StoredEvent[]>;
  messages(caseId: string): Promise<StoredMessage[]>;
  attachments(caseId: string): Promise<StoredAttachment[]>;
  unreadMessages(caseId: string): Promise<number>;

  /**
   * Claims an idempotency key (undefined = claimed); answers the existing record when the key is known, not
   * expired and — when pending — still leased.
   */
  claimIdempotencyKey(claim: IdempotencyClaimRequest): Promise<IdempotencyRecord | undefined>;
  /** Gives up this request's pending claim (the request failed); another request's claim is left alone. */
  releaseIdempotencyKey(keyHash: Buffer, claimId: string): Promise<void>;

  createSession(tokenHash: Buffer, caseId: string, expiresAt: string): Promise<void>;
  findSession(tokenHash: Buffer, now: string): Promise<{ caseId: string; expiresAt: string } | undefined>;
  deleteSession(tokenHash: Buffer): Promise<void>;

  createHandlerToken(token: HandlerToken, tokenHash: Buffer): Promise<void>;
  findHandlerToken(tokenHash: Buffer): Promise<HandlerToken | undefined>;
  listHandlerTokens(): Promise<HandlerToken[]>;
  revokeHandlerToken(id: string, at: string): Promise<boolean>;

  /**
   * Takes one hit of a rate-limit `bucket`'s allowance of `limit` hits, atomically (also across
   * server instances on one database): starts a window ending at `nowMs + windowMs` when there is
   * none or the last one ended, and answers the window after the hit; answers undefined, counting
   * nothing, when the window already holds `limit` hits.
   */
  takeRateLimit(bucket: string, nowMs: number, windowMs: number, limit: number): Promise<RateLimitWindow | undefined>;
  /** Gives back one hit taken from the window of `bucket` that ends at `resetsAt` (nothing when that window is over). */
  returnRateLimit(bucket: string, resetsAt: number): Promise<void>;
  /** The running window of `bucket` at `nowMs`, if any. */
  rateLimitWindow(bucket: string, nowMs: number): Promise<RateLimitWindow | undefined>;

  // Working a case (migration 9).
  notes(caseId: string): Promise<StoredNote[]>;
  minutes(caseId: string): Promise<StoredMinutes[]>;
  /**
   * Adds the next version of the minutes, atomically: only when `minutes.version` is one more than the
   * latest version (else false and nothing changes). A draft it replaces becomes `superseded`.
   */
  addMinutes(caseId: string, minutes: StoredMinutes, audit: NewAuditEntry[]): Promise<boolean>;
  /** Records the reporter's answer to `version`, only while it is the latest version and a draft (else false). */
  answerMinutes(caseId: string, answer: MinutesAnswerChange, audit: NewAuditEntry[]): Promise<boolean>;

  // Tasks from the protocol (migration 12).
  tasks(caseId: string): Promise<StoredTask[]>;
  /**
   * Sets a task's status with its audit entries, atomically; false (and nothing recorded) when the
   * task already has that status. Throws nothing for an unknown task: the caller checks it exists.
   */
  setTaskStatus(caseId: string, change: TaskStatusChange, audit: NewAuditEntry[]): Promise<boolean>;
  /** Records the people affected by role, adds `tasks` after the case's last task, with its audit entries, atomically. */
  recordAffectedPeople(caseId: string, change: AffectedPeopleChange, audit: NewAuditEntry[]): Promise<void>;

  // Aftercare check-ins (migration 14).
  checkIns(caseId: string): Promise<StoredCheckIn[]>;
  checkIn(checkInId: string): Promise<(StoredCheckIn & { caseId: string }) | undefined>;
  /** Stores the answer (with `jobs` and audit entries) while the check-in is open at `at` and unanswered; else false and nothing stored. */
  answerCheckIn(caseId: string, checkInId: string, answer: { at: string; answer: Schema<'CheckInAnswer'> }, jobs: NewJob[], audit: NewAuditEntry[]): Promise<boolean>;
  /** Cancels every unanswered check-in; the audit entries only when one was cancelled. Answers how many. */
  stopCheckIns(caseId: string, at: string, audit: NewAuditEntry[]): Promise<number>;
  /** Adds the task a check-in became after the case's last task, once, with its jobs and the audit entries; false (nothing stored) when it was made before. */
  addCheckInTask(caseId: string, checkInId: string, task: StoredTask, made: { at: string; jobs: NewJob[] }, audit: NewAuditEntry[]): Promise<boolean>;

  // Chain hand-overs (migration 15).
  handOvers(caseId: string): Promise<StoredHandOver[]>;
  /**
   * Stores the hand-over, the reporter's "referred" step when given (once per case), and `change`
   * (its audit entries; for a `no-action` exit also the closing), atomically.
   */
  addHandOver(caseId: string, handOver: StoredHandOver, referredTask: StoredTask | undefined, change: CaseChange): Promise<void>;

  /** Removes expired sessions, idempotency records and rate-limit windows. */
  purgeExpired(now: string): Promise<void>;
  close(): Promise<void>;
}

/** createReport found its idempotency claim taken over by another request: nothing was stored. */
export class IdempotencyClaimLostError extends Error {
  constructor() {
    super('The idempotency claim was taken over by another request');
    this.name = 'IdempotencyClaimLostError';
  }
}
