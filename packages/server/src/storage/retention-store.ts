// Retention in the database: which closed cases are due, legal holds, and the deletion of a case —
// its content, messages, attachments, sessions and everything else it owns — in one transaction
// with its `deleted` audit entry and its tombstone. The SQL is the same on both engines; the two
// stores (sqlite-retention-store.ts, postgres-retention-store.ts) differ only in how they run it.
import type { NewAuditEntry } from '../domain/audit-chain.js';
import type { NewJob } from './job-queue.js';
import type { CaseOutcome } from './store.js';

/** Jobs to enqueue with a deletion (its webhook event), made from the deleted case's reference. */
export type DeletionJobs = (reference: string) => NewJob[];

/** A closed case and when it was closed (the last `closed` event). */
export interface ClosedCase {
  caseId: string;
  outcome?: CaseOutcome;
  closedAt: string;
}

export interface DeletedCaseRecord {
  caseId: string;
  reference: string;
  receivedAt: string;
  closedAt?: string;
  outcome?: CaseOutcome;
  deletedAt: string;
  entryCount: number;
  headHash: string;
}

export interface RetentionStore {
  /** Closed cases not on legal hold, oldest closing first. */
  closedCasesNotHeld(): Promise<ClosedCase[]>;
  /** Whether the case is on legal hold, and when it was closed (undefined when open). */
  retentionOf(caseId: string): Promise<{ legalHold: boolean; closed?: ClosedCase }>;
  /** Puts a case on hold or lifts it, with its audit entry; false (and nothing written) when it already was so. */
  setLegalHold(caseId: string, legalHold: boolean, entry: NewAuditEntry): Promise<boolean>;
  /**
   * Deletes a closed case not on hold, in one transaction with its `deleted` audit entry and its
   * tombstone, and answers the storage names of its attachments (their bytes are removed after the
   * commit). Undefined, and nothing changed, when the case is gone, open again or held meanwhile.
   */
  deleteCase(caseId: string, entry: NewAuditEntry, jobs?: DeletionJobs): Promise<{ attachmentStorageNames: string[] } | undefined>;
  /** The tombstone of a deleted case. */
  deletedCase(caseId: string): Promise<DeletedCaseRecord | undefined>;
  /** Tombstones, most recently deleted first, after `after` (a deleted case id and its deletedAt). */
  deletedCases(after: { deletedAt: string; caseId: string } | undefined, limit: number): Promise<DeletedCaseRecord[]>;
}

/**
 * The tables that hold rows of a case, children first: deleting a case deletes its rows from each.
 * A new table with a `case_id` is added here, or deletion fails on its foreign key.
 */
export const CASE_OWNED_TABLES = ['follow_up_sessions', 'case_attachments', 'case_messages', 'case_events', 'legal_holds', 'case_notes', 'case_minutes', 'case_access', 'case_tasks', 'case_check_ins', 'case_hand_overs'] as const;

const CLOSED_AT = `(SELECT MAX(e.at) FROM case_events e WHERE e.case_id = c.id AND e.type = 'closed')`;
const TOMBSTONE = `SELECT d.case_id, d.reference, d.received_at, d.closed_at, d.outcome, d.deleted_at, a.entry_count, a.head_hash
  FROM deleted_cases d JOIN audit_chains a ON a.chain_id = d.case_id`;

export const RETENTION_SQL = {
  closedCasesNotHeld: `SELECT c.id AS case_id, c.outcome, ${CLOSED_AT} AS closed_at FROM cases c
    WHERE c.status = 'closed' AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.case_id = c.id) ORDER BY closed_at`,
  closedCase: `SELECT c.id AS case_id, c.outcome, ${CLOSED_AT} AS closed_at FROM cases c WHERE c.id = ? AND c.status = 'closed'`,
  legalHold: 'SELECT held_since FROM legal_holds WHERE case_id = ?',
  hold: 'INSERT INTO legal_holds (case_id, held_since) VALUES (?, ?) ON CONFLICT (case_id) DO NOTHING',
  lift: 'DELETE FROM legal_holds WHERE case_id = ?',
  /** The case to delete, still closed and not held (PostgreSQL locks it). */
  deletable: `SELECT c.id AS case_id, c.reference, c.received_at, c.outcome, ${CLOSED_AT} AS closed_at FROM cases c
    WHERE c.id = ? AND c.status = 'closed' AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.case_id = c.id)`,
  attachmentStorageNames: 'SELECT storage_name FROM case_attachments WHERE case_id = ?',
  tombstone: `INSERT INTO deleted_cases (case_id, reference, received_at, closed_at, outcome, deleted_at) VALUES (?, ?, ?, ?, ?, ?)`,
  markChainDeleted: 'UPDATE audit_chains SET deleted_at = ? WHERE chain_id = ?',
  deleteOwned: Object.fromEntries(CASE_OWNED_TABLES.map((table) => [table, `DELETE FROM ${table} WHERE case_id = ?`])) as Record<string, string>,
  deleteCase: 'DELETE FROM cases WHERE id = ?',
  deletedCase: `${TOMBSTONE} WHERE d.case_id = ?`,
  deletedFirst: `${TOMBSTONE} ORDER BY d.deleted_at DESC, d.case_id DESC LIMIT ?`,
  deletedAfter: `${TOMBSTONE} WHERE d.deleted_at < ? OR (d.deleted_at = ? AND d.case_id < ?) ORDER BY d.deleted_at DESC, d.case_id DESC LIMIT ?`,
} as const;

export interface ClosedCaseRow {
  case_id: string;
  outcome: CaseOutcome | null;
  closed_at: string | null;
}

export interface DeletableRow extends ClosedCaseRow {
  reference: string;
  received_at: string;
}

export interface DeletedCaseRow {
  case_id: string;
  reference: string;
  received_at: string;
  closed_at: string | null;
  outcome: CaseOutcome | null;
  deleted_at: string;
  entry_count: number | string;
  head_hash: string;
}

export function toClosedCase(row: ClosedCaseRow): ClosedCase {
  // A closed case always has its `closed` event; its closing time is then never missing.
  return { caseId: row.case_id, closedAt: row.closed_at ?? '', ...(row.outcome ? { outcome: row.outcome } : {}) };
}

export function toDeletedCase(row: DeletedCaseRow): DeletedCaseRecord {
  return {
    caseId: row.case_id,
    reference: row.reference,
    receivedAt: row.received_at,
    ...(row.closed_at ? { closedAt: row.closed_at } : {}),
    ...(row.outcome ? { outcome: row.outcome } : {}),
    deletedAt: row.deleted_at,
    entryCount: Number(row.entry_count),
    headHash: row.head_hash,
  };
}

/** The values of RETENTION_SQL.tombstone. */
export function tombstoneValues(row: DeletableRow, deletedAt: string): unknown[] {
  return [row.case_id, row.reference, row.received_at, row.closed_at, row.outcome, deletedAt];
}
