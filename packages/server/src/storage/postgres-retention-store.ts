// Retention in PostgreSQL (see retention-store.ts). Deleting locks the case row first (FOR UPDATE),
// so that two instances running retention at once delete it once, and a hold set meanwhile wins.
import type pg from 'pg';
import type { NewAuditEntry } from '../domain/audit-chain.js';
import { appendAuditPostgres } from './postgres-audit-log.js';
import { inTransaction, runSql as query } from './postgres-transaction.js';
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

export class PostgresRetentionStore implements RetentionStore {
  constructor(private readonly pool: pg.Pool) {}

  async closedCasesNotHeld() {
    return (await query<ClosedCaseRow>(this.pool, SQL.closedCasesNotHeld)).rows.map(toClosedCase);
  }

  async retentionOf(caseId: string) {
    const held = (await query(this.pool, SQL.legalHold, [caseId])).rowCount > 0;
    const [closed] = (await query<ClosedCaseRow>(this.pool, SQL.closedCase, [caseId])).rows;
    return { legalHold: held, ...(closed ? { closed: toClosedCase(closed) } : {}) };
  }

  async setLegalHold(caseId: string, legalHold: boolean, entry: NewAuditEntry) {
    return inTransaction(this.pool, async (db) => {
      // The case row's lock orders a hold against a deletion running at the same time.
      await query(db, 'SELECT id FROM cases WHERE id = ? FOR UPDATE', [caseId]);
      const changed = (await query(db, legalHold ? SQL.hold : SQL.lift, legalHold ? [caseId, entry.at] : [caseId])).rowCount > 0;
      if (changed) await appendAuditPostgres(db, caseId, [entry], entry.at);
      return changed;
    });
  }

  async deleteCase(caseId: string, entry: NewAuditEntry, jobs?: DeletionJobs) {
    return inTransaction(this.pool, async (db) => {
      const [locked] = (await query<{ id: string }>(db, 'SELECT id FROM cases WHERE id = ? FOR UPDATE', [caseId])).rows;
      const [row] = locked ? (await query<DeletableRow>(db, SQL.deletable, [caseId])).rows : [];
      if (!row) return undefined;
      const names = (await query<{ storage_name: string }>(db, SQL.attachmentStorageNames, [caseId])).rows.map((r) => r.storage_name);
      await appendAuditPostgres(db, caseId, [entry], entry.at);
      await query(db, SQL.tombstone, tombstoneValues(row, entry.at));
      await query(db, SQL.markChainDeleted, [entry.at, caseId]);
      for (const table of CASE_OWNED_TABLES) await query(db, SQL.deleteOwned[table]!, [caseId]);
      await query(db, SQL.deleteCase, [caseId]);
      for (const job of jobs?.(row.reference) ?? []) await query(db, JOB_SQL.enqueue, jobValues(job, entry.at));
      return { attachmentStorageNames: names };
    });
  }

  async deletedCase(caseId: string) {
    const [row] = (await query<DeletedCaseRow>(this.pool, SQL.deletedCase, [caseId])).rows;
    return row ? toDeletedCase(row) : undefined;
  }

  async deletedCases(after: { deletedAt: string; caseId: string } | undefined, limit: number) {
    const { rows } = after
      ? await query<DeletedCaseRow>(this.pool, SQL.deletedAfter, [after.deletedAt, after.deletedAt, after.caseId, limit])
      : await query<DeletedCaseRow>(this.pool, SQL.deletedFirst, [limit]);
    return rows.map(toDeletedCase);
  }
}
