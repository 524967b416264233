// The store for several server instances on one PostgreSQL database (`WEERBAAR_DATABASE_URL`).
// Instances keep no state of their own: everything that must hold across them — idempotency
// claims, rate-limit counters, sessions, tokens, attachment bytes — is in the database, and every
// read-then-write is atomic there (a transaction with a row lock, an upsert, or an advisory lock).
// A commit is durable before it returns (PostgreSQL's default synchronous_commit), so a report
// whose 201 was sent survives any instance being killed.
import pg from 'pg';
import type { PoolClient } from 'pg';
import { INCOMING_PREFIX } from './attachments/database-attachments.js';
import { migratePostgres } from './migrations/index.js';
import { appendAuditPostgres } from './postgres-audit-log.js';
import { inTransaction } from './postgres-transaction.js';
import {
  attachmentValues,
  caseAssignments,
  caseListQuery,
  caseReference,
  caseValues,
  eventValues,
  existingIdempotencyRecord,
  messageValues,
  sealedResponseFor,
  toAttachment,
  toCase,
  toCaseCounts,
  toHandlerToken,
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

/** PostgreSQL's SQLSTATE for a duplicate key. */
const UNIQUE_VIOLATION = '23505';

/** Uploads that never completed (an instance died mid-upload) are removed after this long. */
const INCOMING_ATTACHMENT_MAX_AGE_MS = 60 * 60 * 1000;

/** `?` parameters → `$1, $2, …` (the shared SQL has no other question marks). */
const numbered = new Map<string, string>();
export function pgSql(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    numbered.set(sql, text);
  }
  return text;
}

type Queryable = Pick<PoolClient, 'query'>;

async function rows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(pgSql(sql), params)).rows as T[];
}

async function changes(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query(pgSql(sql), params)).rowCount ?? 0;
}

/** A case's change, inside the caller's transaction. */
async function applyChange(db: Queryable, caseId: string, change: CaseChange): Promise<void> {
  const { columns, values, clearOutcome } = caseAssignments(change);
  const update = updateCaseSql(columns, clearOutcome);
  if (update) await changes(db, update, [...values, caseId]);
  for (const e of change.events ?? []) await changes(db, SQL.insertEvent, eventValues(caseId, e));
  for (const m of change.messages ?? []) await changes(db, SQL.insertMessage, messageValues(caseId, m));
  for (const a of change.attachments ?? []) await changes(db, SQL.insertAttachment, attachmentValues(caseId, a));
  for (const n of change.notes ?? []) await changes(db, CASE_WORK_SQL.insertNote, noteValues(caseId, n));
  if (change.audit?.length) await appendAuditPostgres(db, caseId, change.audit, change.audit[0]!.at);
  for (const job of change.jobs ?? []) await changes(db, JOB_SQL.enqueue, jobValues(job, job.runAt));
}

export class PostgresStore implements Store {
  /** Also used for attachment bytes (DatabaseAttachments). */
  readonly pool: pg.Pool;
  private constructor(pool: pg.Pool, readonly appliedMigrations: number[]) {
    this.pool = pool;
  }

  /** Connects, applies pending migrations (one instance at a time) and returns the store. */
  static async open(databaseUrl: string, options: { maxConnections?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10, idleTimeoutMillis: 30_000 });
    // An idle connection that breaks (database restart) must not crash the process; the next query reconnects.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    try {
      return new PostgresStore(pool, await migratePostgres(pool));
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }

  async createReport(report: NewReport): Promise<StoredCase> {
    const c = report.case;
    return this.transaction(async (db) => {
      // The upsert locks the year's counter row until commit: concurrent submissions take numbers one after the other.
      const year = c.receivedAt.slice(0, 4);
      const { last_number } = (await rows<{ last_number: number }>(db, SQL.nextCaseNumber, [year]))[0]!;
      const reference = caseReference(year, last_number);
      await changes(db, SQL.insertCase, caseValues(report, reference));
      await changes(db, SQL.insertEvent, eventValues(c.id, { at: c.receivedAt, type: 'received', status: 'received' }));
      if (report.minutes) await changes(db, CASE_WORK_SQL.insertMinutes, minutesValues(c.id, report.minutes));
      await appendAuditPostgres(db, c.id, report.audit ?? [], c.receivedAt);
      for (const [position, task] of (report.tasks ?? []).entries()) await changes(db, TASK_SQL.insertTask, taskValues(c.id, position, task));
      for (const [position, checkIn] of (report.checkIns ?? []).entries()) await changes(db, CHECK_IN_SQL.insert, checkInValues(c.id, position, checkIn));
      for (const job of report.jobs ?? []) await changes(db, JOB_SQL.enqueue, jobValues(job, c.receivedAt));
      if (report.idempotency) {
        const { keyHash, claimId } = report.idempotency;
        // Rolling back undoes the case: the request that took the key over stores it.
        const sealed = sealedResponseFor(report.idempotency, reference);
        if ((await changes(db, SQL.completeIdempotencyClaim, [sealed, keyHash, claimId])) !== 1) throw new IdempotencyClaimLostError();
      }
      return { ...c, reference };
    });
  }

  async findCaseIdByReceiptHash(receiptHash: Buffer): Promise<{ caseId: string; receiptHash: Buffer } | undefined> {
    const [row] = await rows<{ id: string; receipt_hash: Buffer }>(this.pool, SQL.findCaseByReceiptHash, [receiptHash]);
    return row ? { caseId: row.id, receiptHash: row.receipt_hash } : undefined;
  }

  async getCase(caseId: string): Promise<StoredCase | undefined> {
    const [row] = await rows<CaseRow>(this.pool, SQL.getCase, [caseId]);
    return row ? toCase(row) : undefined;
  }

  async listCases(filter: CaseFilter): Promise<{ items: CaseListEntry[]; total?: number }> {
    const { where, params, orderBy } = caseListQuery(filter);
    const sql = caseListSql(where, orderBy);
    if (filter.count === false) {
      const page = await rows<ListedCaseRow>(this.pool, sql.page, caseListPageParams(params, filter));
      return { items: page.map(toListEntry) };
    }
    // One snapshot for the total and the page, as SQLite's single connection gives.
    return this.readSnapshot(async (db) => {
      const { total } = (await rows<{ total: number }>(db, sql.count, params))[0]!;
      const page = await rows<ListedCaseRow>(db, sql.page, caseListPageParams(params, filter));
      return { items: page.map(toListEntry), total };
    });
  }

  async countCases(now: string, visibleTo?: string): Promise<CaseCounts> {
    const queries = caseCountQueries(visibleTo);
    return this.readSnapshot(async (db) => {
      const codes = await rows<Parameters<typeof toCaseCounts>[0][number]>(db, queries.byCodes, queries.params);
      const [{ overdue }] = (await rows<{ overdue: number }>(db, queries.overdue, [now, ...queries.params])) as [{ overdue: number }];
      const tasks = overdueTasksQuery(visibleTo);
      const [{ overdue: overdueTasks }] = (await rows<{ overdue: number }>(db, tasks.sql, [now, ...tasks.params])) as [{ overdue: number }];
      return toCaseCounts(codes, overdue, overdueTasks);
    });
  }

  /** Reads in one snapshot, as SQLite's single connection gives. */
  private readSnapshot<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.transaction(async (db) => {
      await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return work(db);
    });
  }

  async changeCase(caseId: string, change: CaseChange): Promise<void> {
    await this.transaction((db) => applyChange(db, caseId, change));
  }

  async events(caseId: string): Promise<StoredEvent[]> {
    return (await rows<StoredEvent>(this.pool, SQL.events, [caseId])).map(withoutNulls);
  }

  async messages(caseId: string): Promise<StoredMessage[]> {
    return (await rows<MessageRow>(this.pool, SQL.messages, [caseId])).map(toMessage);
  }

  async attachments(caseId: string): Promise<StoredAttachment[]> {
    return (await rows<AttachmentRow>(this.pool, SQL.attachments, [caseId])).map(toAttachment);
  }

  async unreadMessages(caseId: string): Promise<number> {
    const [row] = await rows<{ unread: number }>(this.pool, `SELECT ${SQL.unread} AS unread FROM cases c WHERE c.id = ?`, [caseId]);
    return row?.unread ?? 0;
  }

  async claimIdempotencyKey(claim: IdempotencyClaimRequest): Promise<IdempotencyRecord | undefined> {
    return this.transaction(async (db) => {
      // A new key: the insert wins outright (a concurrent insert of the same key waits for ours, then finds it).
      const inserted = await db.query(
        `INSERT INTO idempotency_keys (key_hash, request_hash, state, created_at, expires_at, claim_id, lease_expires_at)
         VALUES ($1, $2, 'pending', $3, $4, $5, $6) ON CONFLICT (key_hash) DO NOTHING`,
        [claim.keyHash, claim.requestHash, claim.now, claim.expiresAt, claim.claimId, claim.leaseExpiresAt],
      );
      if (inserted.rowCount === 1) return undefined;
      // A known key: decide on the locked row, so that only one instance can take an expired claim over.
      const [row] = await rows<IdempotencyRow>(db, `${SQL.findIdempotencyKey} FOR UPDATE`, [claim.keyHash]);
      const existing = existingIdempotencyRecord(row, claim.now);
      if (existing) return existing;
      await changes(db, SQL.claimIdempotencyKey, [claim.keyHash, claim.requestHash, claim.now, claim.expiresAt, claim.claimId, claim.leaseExpiresAt]);
      return undefined;
    });
  }

  async releaseIdempotencyKey(keyHash: Buffer, claimId: string): Promise<void> {
    await changes(this.pool, SQL.releaseIdempotencyKey, [keyHash, claimId]);
  }

  async createSession(tokenHash: Buffer, caseId: string, expiresAt: string): Promise<void> {
    await changes(this.pool, SQL.createSession, [tokenHash, caseId, expiresAt]);
  }

  async findSession(tokenHash: Buffer, now: string): Promise<{ caseId: string; expiresAt: string } | undefined> {
    const [row] = await rows<{ case_id: string; expires_at: string }>(this.pool, SQL.findSession, [tokenHash, now]);
    return row ? { caseId: row.case_id, expiresAt: row.expires_at } : undefined;
  }

  async deleteSession(tokenHash: Buffer): Promise<void> {
    await changes(this.pool, SQL.deleteSession, [tokenHash]);
  }

  async createHandlerToken(token: HandlerToken, tokenHash: Buffer): Promise<void> {
    await changes(this.pool, SQL.createHandlerToken, [token.id, tokenHash, token.name, token.createdAt, token.expiresAt ?? null]);
  }

  async findHandlerToken(tokenHash: Buffer): Promise<HandlerToken | undefined> {
    const [row] = await rows<HandlerTokenRow>(this.pool, SQL.findHandlerToken, [tokenHash]);
    return row ? toHandlerToken(row) : undefined;
  }

  async listHandlerTokens(): Promise<HandlerToken[]> {
    return (await rows<HandlerTokenRow>(this.pool, SQL.listHandlerTokens)).map(toHandlerToken);
  }

  async revokeHandlerToken(id: string, at: string): Promise<boolean> {
    return (await changes(this.pool, SQL.revokeHandlerToken, [at, id])) > 0;
  }

  async takeRateLimit(bucket: string, nowMs: number, windowMs: number, limit: number): Promise<RateLimitWindow | undefined> {
    const [row] = await rows<{ hits: number; resets_at: string }>(this.pool, SQL.takeRateLimit, [bucket, nowMs + windowMs, nowMs, nowMs, nowMs, limit]);
    // BIGINT arrives as text; milliseconds since the epoch are exact as a number.
    return row ? { hits: row.hits, resetsAt: Number(row.resets_at) } : undefined;
  }

  async returnRateLimit(bucket: string, resetsAt: number): Promise<void> {
    await changes(this.pool, SQL.returnRateLimit, [bucket, resetsAt]);
  }

  async rateLimitWindow(bucket: string, nowMs: number): Promise<RateLimitWindow | undefined> {
    const [row] = await rows<{ hits: number; resets_at: string }>(this.pool, SQL.rateLimitWindow, [bucket, nowMs]);
    return row ? { hits: row.hits, resetsAt: Number(row.resets_at) } : undefined;
  }

  async notes(caseId: string): Promise<StoredNote[]> {
    return (await rows<NoteRow>(this.pool, CASE_WORK_SQL.notes, [caseId])).map(toNote);
  }

  async tasks(caseId: string): Promise<StoredTask[]> {
    return (await rows<TaskRow>(this.pool, TASK_SQL.tasks, [caseId])).map(toTask);
  }

  async setTaskStatus(caseId: string, change: TaskStatusChange, audit: NewAuditEntry[]): Promise<boolean> {
    return this.transaction(async (db) => {
      if ((await changes(db, TASK_SQL.setStatus, statusValues(caseId, change))) !== 1) return false;
      await appendAuditPostgres(db, caseId, audit, change.at);
      return true;
    });
  }

  async recordAffectedPeople(caseId: string, change: AffectedPeopleChange, audit: NewAuditEntry[]): Promise<void> {
    await this.transaction(async (db) => {
      await changes(db, TASK_SQL.setAffectedPeople, [JSON.stringify(change.affectedPeople), caseId]);
      // Adding to a case's tasks locks the case's row first: two recordings one after the other, not interleaved.
      const { next } = (await rows<{ next: number }>(db, TASK_SQL.nextPosition, [caseId]))[0]!;
      for (const [offset, task] of change.tasks.entries()) await changes(db, TASK_SQL.insertTask, taskValues(caseId, Number(next) + offset, task));
      for (const job of change.jobs ?? []) await changes(db, JOB_SQL.enqueue, jobValues(job, change.at));
      await appendAuditPostgres(db, caseId, audit, change.at);
    });
  }

  async checkIns(caseId: string): Promise<StoredCheckIn[]> {
    return (await rows<CheckInRow>(this.pool, CHECK_IN_SQL.ofCase, [caseId])).map(toCheckIn);
  }

  async checkIn(checkInId: string): Promise<(StoredCheckIn & { caseId: string }) | undefined> {
    const [row] = await rows<CheckInRow>(this.pool, CHECK_IN_SQL.one, [checkInId]);
    return row ? toCheckIn(row) : undefined;
  }

  async answerCheckIn(caseId: string, checkInId: string, { at, answer }: { at: string; answer: StoredCheckIn['answer'] }, jobs: NewJob[], audit: NewAuditEntry[]): Promise<boolean> {
    return this.transaction(async (db) => {
      if ((await changes(db, CHECK_IN_SQL.answer, [at, JSON.stringify(answer), checkInId, caseId, at])) !== 1) return false;
      for (const job of jobs) await changes(db, JOB_SQL.enqueue, jobValues(job, at));
      await appendAuditPostgres(db, caseId, audit, at);
      return true;
    });
  }

  async stopCheckIns(caseId: string, at: string, audit: NewAuditEntry[]): Promise<number> {
    return this.transaction(async (db) => {
      const stopped = await changes(db, CHECK_IN_SQL.stop, [at, caseId, at]);
      if (stopped > 0) await appendAuditPostgres(db, caseId, audit, at);
      return stopped;
    });
  }

  async addCheckInTask(caseId: string, checkInId: string, task: StoredTask, { at, jobs }: { at: string; jobs: NewJob[] }, audit: NewAuditEntry[]): Promise<boolean> {
    return this.transaction(async (db) => {
      // The check-in's row is locked by the link: a second run waits, then links nothing.
      if ((await changes(db, CHECK_IN_SQL.linkTask, [task.taskId, checkInId])) !== 1) return false;
      const { next } = (await rows<{ next: number }>(db, TASK_SQL.nextPosition, [caseId]))[0]!;
      await changes(db, CHECK_IN_SQL.insertTaskOnce, taskValues(caseId, Number(next), task));
      for (const job of jobs) await changes(db, JOB_SQL.enqueue, jobValues(job, job.runAt));
      await appendAuditPostgres(db, caseId, audit, at);
      return true;
    });
  }

  async handOvers(caseId: string): Promise<StoredHandOver[]> {
    return (await rows<HandOverRow>(this.pool, HAND_OVER_SQL.ofCase, [caseId])).map(toHandOver);
  }

  async addHandOver(caseId: string, handOver: StoredHandOver, referredTask: StoredTask | undefined, change: CaseChange): Promise<void> {
    await this.transaction(async (db) => {
      await changes(db, HAND_OVER_SQL.insert, handOverValues(caseId, handOver));
      if (referredTask) {
        const { next } = (await rows<{ next: number }>(db, TASK_SQL.nextPosition, [caseId]))[0]!;
        await changes(db, HAND_OVER_SQL.insertReferredTaskOnce, taskValues(caseId, Number(next), referredTask));
      }
      await applyChange(db, caseId, change);
    });
  }

  async minutes(caseId: string): Promise<StoredMinutes[]> {
    return (await rows<MinutesRow>(this.pool, CASE_WORK_SQL.minutes, [caseId])).map(toMinutes);
  }

  async addMinutes(caseId: string, minutes: StoredMinutes, audit: NewAuditEntry[]): Promise<boolean> {
    try {
      return await this.transaction(async (db) => {
        const { latest } = (await rows<{ latest: number }>(db, CASE_WORK_SQL.latestMinutesVersion, [caseId]))[0]!;
        if (minutes.version !== latest + 1) return false;
        await changes(db, CASE_WORK_SQL.supersedeDraft, [caseId, latest]);
        await changes(db, CASE_WORK_SQL.insertMinutes, minutesValues(caseId, minutes));
        await appendAuditPostgres(db, caseId, audit, minutes.createdAt);
        return true;
      });
    } catch (error) {
      // Another instance stored this version first (the primary key): this revision is stale.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  }

  async answerMinutes(caseId: string, { version, status, answer }: MinutesAnswerChange, audit: NewAuditEntry[]): Promise<boolean> {
    return this.transaction(async (db) => {
      if ((await changes(db, CASE_WORK_SQL.answerMinutes, [status, JSON.stringify(answer), caseId, version, caseId])) !== 1) return false;
      await appendAuditPostgres(db, caseId, audit, answer.answeredAt);
      return true;
    });
  }

  async purgeExpired(now: string): Promise<void> {
    await changes(this.pool, SQL.purgeSessions, [now]);
    await changes(this.pool, SQL.purgeIdempotencyKeys, [now, now]);
    await changes(this.pool, SQL.purgeRateLimits, [Date.parse(now)]);
    const abandonedBefore = new Date(Date.parse(now) - INCOMING_ATTACHMENT_MAX_AGE_MS).toISOString();
    await this.pool.query(`DELETE FROM attachment_chunks WHERE starts_with(storage_name, $1) AND stored_at < $2`, [INCOMING_PREFIX, abandonedBefore]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
