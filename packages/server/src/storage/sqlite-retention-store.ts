// Retention in the SQLite file (see retention-store.ts): each change is one write transaction.
import type { Database } from 'better-sqlite3';
import type { NewAuditEntry } from '../domain/audit-chain.js';
import { appendAuditSqlite } from './sqlite-audit-log.js';
import {
  CASE_OWNED_TABLES,
  RETENTION_SQL as SQL,
  toClosedCase,
  toDeletedCase,
  tombstoneValues,
  type ClosedCaseRow,
  type DeletableRow,
  type DeletedCaseRow,
  type DeletionJobs,
  type RetentionStore,
} from './retention-store.js';
import { JOB_SQL, jobValues } from './job-queue.js';

export class SqliteRetentionStore implements RetentionStore {
  constructor(private readonly db: Database) {}

  async closedCasesNotHeld() {
    return (this.db.prepare(SQL.closedCasesNotHeld).all() as ClosedCaseRow[]).map(toClosedCase);
  }

  async retentionOf(caseId: string) {
    const held = this.db.prepare(SQL.legalHold).get(caseId) !== undefined;
    const closed = this.db.prepare(SQL.closedCase).get(caseId) as ClosedCaseRow | undefined;
    return { legalHold: held, ...(closed ? { closed: toClosedCase(closed) } : {}) };
  }

  async setLegalHold(caseId: string, legalHold: boolean, entry: NewAuditEntry) {
    return this.db
      .transaction(() => {
        const changed = legalHold ? this.db.prepare(SQL.hold).run(caseId, entry.at).changes > 0 : this.db.prepare(SQL.lift).run(caseId).changes > 0;
        if (changed) appendAuditSqlite(this.db, caseId, [entry], entry.at);
        return changed;
      })
      .immediate();
  }

  async deleteCase(caseId: string, entry: NewAuditEntry, jobs?: DeletionJobs) {
    return this.db
      .transaction(() => {
        const row = this.db.prepare(SQL.deletable).get(caseId) as DeletableRow | undefined;
        if (!row) return undefined;
        const names = (this.db.prepare(SQL.attachmentStorageNames).all(caseId) as { storage_name: string }[]).map((r) => r.storage_name);
        appendAuditSqlite(this.db, caseId, [entry], entry.at);
        this.db.prepare(SQL.tombstone).run(...tombstoneValues(row, entry.at));
        this.db.prepare(SQL.markChainDeleted).run(entry.at, caseId);
        for (const table of CASE_OWNED_TABLES) this.db.prepare(SQL.deleteOwned[table]!).run(caseId);
        this.db.prepare(SQL.deleteCase).run(caseId);
        for (const job of jobs?.(row.reference) ?? []) this.db.prepare(JOB_SQL.enqueue).run(...jobValues(job, entry.at));
        return { attachmentStorageNames: names };
      })
      .immediate();
  }

  async deletedCase(caseId: string) {
    const row = this.db.prepare(SQL.deletedCase).get(caseId) as DeletedCaseRow | undefined;
    return row ? toDeletedCase(row) : undefined;
  }

  async deletedCases(after: { deletedAt: string; caseId: string } | undefined, limit: number) {
    const rows = (
      after ? this.db.prepare(SQL.deletedAfter).all(after.deletedAt, after.deletedAt, after.caseId, limit) : this.db.prepare(SQL.deletedFirst).all(limit)
    ) as DeletedCaseRow[];
    return rows.map(toDeletedCase);
  }
}
