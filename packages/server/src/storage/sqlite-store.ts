// The embedded default store: one SQLite file in the data directory. WAL with synchronous=FULL
// makes every committed transaction durable before the call returns, so a report whose 201 was
// sent survives the process being killed the next instant.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrateSqlite } from './migrations/index.js';
import { appendAuditSqlite } from './sqlite-audit-log.js';
import {
  caseAssignments,
  caseListQuery,
  caseReference,
  caseValues,
  eventValues,
  existingIdempotencyRecord,
  messageValues,
  attachmentValues,
  sealedResponseFor,
  toAttachment,
  toCase,
  toHandlerToken,
  toCaseCounts,
  toListEntry,
  toMessage,
  withoutNulls,
  type AttachmentRow,
  type CaseRow,
  type HandlerTokenRow,
  type IdempotencyRow,
  type ListedCaseRow,
  type MessageRow,
} from './rows.js';
import { CHECK_IN_SQL, checkInValues, toCheckIn, type CheckInRow } from './check-in-rows.js';
import { HAND_OVER_SQL, handOverValues, toHandOver, type HandOverRow } from './hand-over-rows.js';
import { overdueTasksQuery, TASK_SQL, taskValues, statusValues, toTask, type TaskRow } from './task-rows.js';
import { CASE_WORK_SQL, caseCountQueries, minutesValues, noteValues, toMinutes, toNote, type MinutesRow, type NoteRow } from './case-work-rows.js';
import { caseListPageParams, caseListSql, SQL, updateCaseSql } from './statements.js';
import { IdempotencyClaimLostError } from './store.js';
import { JOB_SQL, jobValues, type NewJob } from './job-queue.js';
import type {
  CaseChange,
  CaseCounts,
  CaseFilter,
  CaseListEntry,
  HandlerToken,
  IdempotencyClaimRequest,
  IdempotencyRecord,
  NewReport,
  RateLimitWindow,
  Store,
  StoredAttachment,
  StoredCase,
  StoredEvent,
  StoredMessage,
  MinutesAnswerChange,
  StoredMinutes,
  StoredTask,
  TaskStatusChange,
  AffectedPeopleChange,
  StoredCheckIn,
  StoredHandOver,
  StoredNote,
} from './store.js';
import type { NewAuditEntry } from '../domain/audit-chain.js';

export const DATABASE_FILE = 'weerbaar.sqlite';

export interface SqliteStoreOptions {
  /**
   * Forget pending Idempotency-Key claims: they belong to requests of an earlier server process that
   * died. Only the process that serves the file may; a CLI command run beside it (token create,
   * migrate) must not take the claims of the requests it is still handling.
   */
  releaseEarlierClaims?: boolean;
}

export class SqliteStore implements Store {
  readonly db: Database;
  /** The migrations this opening applied (empty when the database was up to date). */
  readonly appliedMigrations: number[];

  private constructor(db: Database, appliedMigrations: number[]) {
    this.db = db;
    this.appliedMigrations = appliedMigrations;
  }

  /** Opens (and creates) the database in `dataDir`, applies pending migrations and returns the store (twin of PostgresStore.open). */
  static async open(dataDir: string, { releaseEarlierClaims = false }: SqliteStoreOptions = {}): Promise<SqliteStore> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      const appliedMigrations = migrateSqlite(db);
      if (releaseEarlierClaims) db.prepare(`DELETE FROM idempotency_keys WHERE state = 'pending'`).run();
      return new SqliteStore(db, appliedMigrations);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async createReport(report: NewReport): Promise<StoredCase> {
    const c = report.case;
    return this.db.transaction(() => {
      const year = c.receivedAt.slice(0, 4);
      const { last_number } = this.db.prepare(SQL.nextCaseNumber).get(year) as { last_number: number };
      const reference = caseReference(year, last_number);
      this.db.prepare(SQL.insertCase).run(...caseValues(report, reference));
      this.insertEvents(c.id, [{ at: c.receivedAt, type: 'received', status: 'received' }]);
      if (report.minutes) this.db.prepare(CASE_WORK_SQL.insertMinutes).run(...minutesValues(c.id, report.minutes));
      appendAuditSqlite(this.db, c.id, report.audit ?? [], c.receivedAt);
      for (const [position, task] of (report.tasks ?? []).entries()) this.db.prepare(TASK_SQL.insertTask).run(...taskValues(c.id, position, task));
      for (const [position, checkIn] of (report.checkIns ?? []).entries()) this.db.prepare(CHECK_IN_SQL.insert).run(...checkInValues(c.id, position, checkIn));
      for (const job of report.jobs ?? []) this.db.prepare(JOB_SQL.enqueue).run(...jobValues(job, c.receivedAt));
      if (report.idempotency) {
        const { changes } = this.db
          .prepare(SQL.completeIdempotencyClaim)
          .run(sealedResponseFor(report.idempotency, reference), report.idempotency.keyHash, report.idempotency.claimId);
        // Throwing inside the transaction rolls the case back: the request that took the key over stores it.
        if (changes !== 1) throw new IdempotencyClaimLostError();
      }
      return { ...c, reference };
    })();
  }

  async findCaseIdByReceiptHash(receiptHash: Buffer): Promise<{ caseId: string; receiptHash: Buffer } | undefined> {
    const row = this.db.prepare(SQL.findCaseByReceiptHash).get(receiptHash) as { id: string; receipt_hash: Buffer } | undefined;
    return row ? { caseId: row.id, receiptHash: row.receipt_hash } : undefined;
  }

  async getCase(caseId: string): Promise<StoredCase | undefined> {
    const row = this.db.prepare(SQL.getCase).get(caseId) as CaseRow | undefined;
    return row ? toCase(row) : undefined;
  }

  async listCases(filter: CaseFilter): Promise<{ items: CaseListEntry[]; total?: number }> {
    const { where, params, orderBy } = caseListQuery(filter);
    const sql = caseListSql(where, orderBy);
    const total = filter.count === false ? undefined : (this.db.prepare(sql.count).get(...params) as { total: number }).total;
    const rows = this.db.prepare(sql.page).all(...caseListPageParams(params, filter)) as ListedCaseRow[];
    return { items: rows.map(toListEntry), ...(total === undefined ? {} : { total }) };
  }

  async countCases(now: string, visibleTo?: string): Promise<CaseCounts> {
    const queries = caseCountQueries(visibleTo);
    return this.db.transaction(() => {
      const rows = this.db.prepare(queries.byCodes).all(...queries.params) as Parameters<typeof toCaseCounts>[0];
      const { overdue } = this.db.prepare(queries.overdue).get(now, ...queries.params) as { overdue: number };
      const tasks = overdueTasksQuery(visibleTo);
      const overdueTasks = (this.db.prepare(tasks.sql).get(now, ...tasks.params) as { overdue: number }).overdue;
      return toCaseCounts(rows, overdue, overdueTasks);
    })();
  }

  async changeCase(caseId: string, change: CaseChange): Promise<void> {
    this.db.transaction(() => this.applyChange(caseId, change))();
  }

  /** A case's change, inside the caller's transaction. */
  private applyChange(caseId: string, change: CaseChange): void {
    const { columns, values, clearOutcome } = caseAssignments(change);
    const update = updateCaseSql(columns, clearOutcome);
    if (update) this.db.prepare(update).run(...values, caseId);
    this.insertEvents(caseId, change.events ?? []);
    const insertMessage = this.db.prepare(SQL.insertMessage);
    for (const m of change.messages ?? []) insertMessage.run(...messageValues(caseId, m));
    const insertAttachment = this.db.prepare(SQL.insertAttachment);
    for (const a of change.attachments ?? []) insertAttachment.run(...attachmentValues(caseId, a));
    const insertNote = this.db.prepare(CASE_WORK_SQL.insertNote);
    for (const n of change.notes ?? []) insertNote.run(...noteValues(caseId, n));
    if (change.audit?.length) appendAuditSqlite(this.db, caseId, change.audit, change.audit[0]!.at);
    for (const job of change.jobs ?? []) this.db.prepare(JOB_SQL.enqueue).run(...jobValues(job, job.runAt));
  }

  private insertEvents(caseId: string, events: StoredEvent[]): void {
    const insert = this.db.prepare(SQL.insertEvent);
    for (const e of events) insert.run(...eventValues(caseId, e));
  }

  async events(caseId: string): Promise<StoredEvent[]> {
    return (this.db.prepare(SQL.events).all(caseId) as StoredEvent[]).map(withoutNulls);
  }

  async messages(caseId: string): Promise<StoredMessage[]> {
    return (this.db.prepare(SQL.messages).all(caseId) as MessageRow[]).map(toMessage);
  }

  async attachments(caseId: string): Promise<StoredAttachment[]> {
    return (this.db.prepare(SQL.attachments).all(caseId) as AttachmentRow[]).map(toAttachment);
  }

  async unreadMessages(caseId: string): Promise<number> {
    const row = this.db.prepare(`SELECT ${SQL.unread} AS unread FROM cases c WHERE c.id = ?`).get(caseId) as { unread: number } | undefined;
    return row?.unread ?? 0;
  }

  async claimIdempotencyKey(claim: IdempotencyClaimRequest): Promise<IdempotencyRecord | undefined> {
    return this.db.transaction(() => {
      const row = this.db.prepare(SQL.findIdempotencyKey).get(claim.keyHash) as IdempotencyRow | undefined;
      const existing = existingIdempotencyRecord(row, claim.now);
      if (existing) return existing;
      this.db.prepare(SQL.claimIdempotencyKey).run(claim.keyHash, claim.requestHash, claim.now, claim.expiresAt, claim.claimId, claim.leaseExpiresAt);
      return undefined;
    })();
  }

  async releaseIdempotencyKey(keyHash: Buffer, claimId: string): Promise<void> {
    this.db.prepare(SQL.releaseIdempotencyKey).run(keyHash, claimId);
  }

  async createSession(tokenHash: Buffer, caseId: string, expiresAt: string): Promise<void> {
    this.db.prepare(SQL.createSession).run(tokenHash, caseId, expiresAt);
  }

  async findSession(tokenHash: Buffer, now: string): Promise<{ caseId: string; expiresAt: string } | undefined> {
    const row = this.db.prepare(SQL.findSession).get(tokenHash, now) as { case_id: string; expires_at: string } | undefined;
    return row ? { caseId: row.case_id, expiresAt: row.expires_at } : undefined;
  }

  async deleteSession(tokenHash: Buffer): Promise<void> {
    this.db.prepare(SQL.deleteSession).run(tokenHash);
  }

  async createHandlerToken(token: HandlerToken, tokenHash: Buffer): Promise<void> {
    this.db.prepare(SQL.createHandlerToken).run(token.id, tokenHash, token.name, token.createdAt, token.expiresAt ?? null);
  }

  async findHandlerToken(tokenHash: Buffer): Promise<HandlerToken | undefined> {
    const row = this.db.prepare(SQL.findHandlerToken).get(tokenHash) as HandlerTokenRow | undefined;
    return row ? toHandlerToken(row) : undefined;
  }

  async listHandlerTokens(): Promise<HandlerToken[]> {
    return (this.db.prepare(SQL.listHandlerTokens).all() as HandlerTokenRow[]).map(toHandlerToken);
  }

  async revokeHandlerToken(id: string, at: string): Promise<boolean> {
    return this.db.prepare(SQL.revokeHandlerToken).run(at, id).changes > 0;
  }

  async takeRateLimit(bucket: string, nowMs: number, windowMs: number, limit: number): Promise<RateLimitWindow | undefined> {
    const row = this.db.prepare(SQL.takeRateLimit).get(bucket, nowMs + windowMs, nowMs, nowMs, nowMs, limit) as { hits: number; resets_at: number } | undefined;
    return row ? { hits: row.hits, resetsAt: row.resets_at } : undefined;
  }

  async returnRateLimit(bucket: string, resetsAt: number): Promise<void> {
    this.db.prepare(SQL.returnRateLimit).run(bucket, resetsAt);
  }

  async rateLimitWindow(bucket: string, nowMs: number): Promise<RateLimitWindow | undefined> {
    const row = this.db.prepare(SQL.rateLimitWindow).get(bucket, nowMs) as { hits: number; resets_at: number } | undefined;
    return row ? { hits: row.hits, resetsAt: row.resets_at } : undefined;
  }

  async notes(caseId: string): Promise<StoredNote[]> {
    return (this.db.prepare(CASE_WORK_SQL.notes).all(caseId) as NoteRow[]).map(toNote);
  }

  async tasks(caseId: string): Promise<StoredTask[]> {
    return (this.db.prepare(TASK_SQL.tasks).all(caseId) as TaskRow[]).map(toTask);
  }

  async setTaskStatus(caseId: string, change: TaskStatusChange, audit: NewAuditEntry[]): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.db.prepare(TASK_SQL.setStatus).run(...statusValues(caseId, change)).changes !== 1) return false;
      appendAuditSqlite(this.db, caseId, audit, change.at);
      return true;
    })();
  }

  async recordAffectedPeople(caseId: string, change: AffectedPeopleChange, audit: NewAuditEntry[]): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare(TASK_SQL.setAffectedPeople).run(JSON.stringify(change.affectedPeople), caseId);
      const { next } = this.db.prepare(TASK_SQL.nextPosition).get(caseId) as { next: number };
      for (const [offset, task] of change.tasks.entries()) this.db.prepare(TASK_SQL.insertTask).run(...taskValues(caseId, next + offset, task));
      for (const job of change.jobs ?? []) this.db.prepare(JOB_SQL.enqueue).run(...jobValues(job, change.at));
      appendAuditSqlite(this.db, caseId, audit, change.at);
    })();
  }

  async checkIns(caseId: string): Promise<StoredCheckIn[]> {
    return (this.db.prepare(CHECK_IN_SQL.ofCase).all(caseId) as CheckInRow[]).map(toCheckIn);
  }

  async checkIn(checkInId: string): Promise<(StoredCheckIn & { caseId: string }) | undefined> {
    const row = this.db.prepare(CHECK_IN_SQL.one).get(checkInId) as CheckInRow | undefined;
    return row ? toCheckIn(row) : undefined;
  }

  async answerCheckIn(caseId: string, checkInId: string, { at, answer }: { at: string; answer: StoredCheckIn['answer'] }, jobs: NewJob[], audit: NewAuditEntry[]): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.db.prepare(CHECK_IN_SQL.answer).run(at, JSON.stringify(answer), checkInId, caseId, at).changes !== 1) return false;
      for (const job of jobs) this.db.prepare(JOB_SQL.enqueue).run(...jobValues(job, at));
      appendAuditSqlite(this.db, caseId, audit, at);
      return true;
    })();
  }

  async stopCheckIns(caseId: string, at: string, audit: NewAuditEntry[]): Promise<number> {
    return this.db.transaction(() => {
      const stopped = this.db.prepare(CHECK_IN_SQL.stop).run(at, caseId, at).changes;
      if (stopped > 0) appendAuditSqlite(this.db, caseId, audit, at);
      return stopped;
    })();
  }

  async addCheckInTask(caseId: string, checkInId: string, task: StoredTask, { at, jobs }: { at: string; jobs: NewJob[] }, audit: NewAuditEntry[]): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.db.prepare(CHECK_IN_SQL.linkTask).run(task.taskId, checkInId).changes !== 1) return false;
      const { next } = this.db.prepare(TASK_SQL.nextPosition).get(caseId) as { next: number };
      this.db.prepare(CHECK_IN_SQL.insertTaskOnce).run(...taskValues(caseId, next, task));
      for (const job of jobs) this.db.prepare(JOB_SQL.enqueue).run(...jobValues(job, job.runAt));
      appendAuditSqlite(this.db, caseId, audit, at);
      return true;
    })();
  }

  async handOvers(caseId: string): Promise<StoredHandOver[]> {
    return (this.db.prepare(HAND_OVER_SQL.ofCase).all(caseId) as HandOverRow[]).map(toHandOver);
  }

  async addHandOver(caseId: string, handOver: StoredHandOver, referredTask: StoredTask | undefined, change: CaseChange): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare(HAND_OVER_SQL.insert).run(...handOverValues(caseId, handOver));
      if (referredTask) {
        const { next } = this.db.prepare(TASK_SQL.nextPosition).get(caseId) as { next: number };
        this.db.prepare(HAND_OVER_SQL.insertReferredTaskOnce).run(...taskValues(caseId, next, referredTask));
      }
      this.applyChange(caseId, change);
    })();
  }

  async minutes(caseId: string): Promise<StoredMinutes[]> {
    return (this.db.prepare(CASE_WORK_SQL.minutes).all(caseId) as MinutesRow[]).map(toMinutes);
  }

  async addMinutes(caseId: string, minutes: StoredMinutes, audit: NewAuditEntry[]): Promise<boolean> {
    return this.db.transaction(() => {
      const { latest } = this.db.prepare(CASE_WORK_SQL.latestMinutesVersion).get(caseId) as { latest: number };
      if (minutes.version !== latest + 1) return false;
      this.db.prepare(CASE_WORK_SQL.supersedeDraft).run(caseId, latest);
      this.db.prepare(CASE_WORK_SQL.insertMinutes).run(...minutesValues(caseId, minutes));
      appendAuditSqlite(this.db, caseId, audit, minutes.createdAt);
      return true;
    })();
  }

  async answerMinutes(caseId: string, { version, status, answer }: MinutesAnswerChange, audit: NewAuditEntry[]): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.db.prepare(CASE_WORK_SQL.answerMinutes).run(status, JSON.stringify(answer), caseId, version, caseId).changes !== 1) return false;
      appendAuditSqlite(this.db, caseId, audit, answer.answeredAt);
      return true;
    })();
  }

  async purgeExpired(now: string): Promise<void> {
    this.db.prepare(SQL.purgeSessions).run(now);
    this.db.prepare(SQL.purgeIdempotencyKeys).run(now, now);
    this.db.prepare(SQL.purgeRateLimits).run(Date.parse(now));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
