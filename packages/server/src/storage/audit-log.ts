// The audit chains: one per case (its trail) and one global list, append-only. Appends to one chain
// are serialised in the database (SQLite: one writer; PostgreSQL: the chain's head row is locked
// until commit), so any number of instances extend a chain without a gap or a fork.
import { chainEntry, receivedEntry, ZERO_HASH, type AuditEntry, type NewAuditEntry } from '../domain/audit-chain.js';

/** The chain id of the global audit list (no case id can look like it); a case's chain id is the case id. */
export const GLOBAL_CHAIN = '(global)';

export interface AuditHead {
  entryCount: number;
  headHash: string;
}

export interface CaseAuditHead extends AuditHead {
  caseId: string;
  reference: string;
  lastEntryAt: string;
  /** When the case was deleted under the retention rules (its trail stays). */
  deletedAt?: string;
}

export interface CaseTrail extends CaseAuditHead {
  entries: AuditEntry[];
}

/** A position in the case heads, in the order the cases arrived. */
export interface CaseHeadPosition {
  openedAt: string;
  caseId: string;
}

export interface AuditLog {
  /**
   * Appends `entries` to a chain in one transaction and answers the last one written. A case's chain
   * that does not exist yet (a case stored before audit trails existed) starts with its `received`
   * entry; an unknown case is `undefined` and nothing is written.
   */
  append(chainId: string, entries: NewAuditEntry[]): Promise<AuditEntry | undefined>;
  /** A case's whole trail; undefined when the case never had one. */
  caseTrail(caseId: string): Promise<CaseTrail | undefined>;
  /** Up to `limit` entries of the global list from `fromSeq`, with the list's head. */
  globalEntries(fromSeq: number, limit: number): Promise<{ items: AuditEntry[] } & AuditHead>;
  /** Up to `limit` case heads after `after`, in the order the cases arrived. */
  caseHeads(after: CaseHeadPosition | undefined, limit: number): Promise<(CaseAuditHead & CaseHeadPosition)[]>;
}

/** The columns of `audit_chains` a head is read from. */
export interface AuditChainRow {
  chain_id: string;
  case_reference: string | null;
  opened_at: string;
  entry_count: number | string;
  head_hash: string;
  last_entry_at: string;
  deleted_at: string | null;
}

export function toCaseHead(row: AuditChainRow): CaseAuditHead & CaseHeadPosition {
  return {
    caseId: row.chain_id,
    reference: row.case_reference!,
    openedAt: row.opened_at,
    // PostgreSQL answers BIGINT as text.
    entryCount: Number(row.entry_count),
    headHash: row.head_hash,
    lastEntryAt: row.last_entry_at,
    ...(row.deleted_at ? { deletedAt: row.deleted_at } : {}),
  };
}

export const AUDIT_SQL = {
  chain: 'SELECT * FROM audit_chains WHERE chain_id = ?',
  openChain: `INSERT INTO audit_chains (chain_id, case_reference, opened_at, entry_count, head_hash, last_entry_at)
    VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (chain_id) DO NOTHING`,
  /** What a case's first entry is made of, for a case stored before its chain. */
  caseForGenesis: `SELECT reference, received_at, CASE WHEN encrypted_content_json IS NULL THEN 0 ELSE 1 END AS encrypted
    FROM cases WHERE id = ?`,
  insertEntry: 'INSERT INTO audit_entries (chain_id, seq, entry_json) VALUES (?, ?, ?)',
  moveHead: 'UPDATE audit_chains SET entry_count = ?, head_hash = ?, last_entry_at = ? WHERE chain_id = ?',
  entries: 'SELECT entry_json FROM audit_entries WHERE chain_id = ? AND seq >= ? ORDER BY seq LIMIT ?',
  allEntries: 'SELECT entry_json FROM audit_entries WHERE chain_id = ? ORDER BY seq',
  caseHeadsFirst: `SELECT * FROM audit_chains WHERE case_reference IS NOT NULL ORDER BY opened_at, chain_id LIMIT ?`,
  caseHeadsAfter: `SELECT * FROM audit_chains WHERE case_reference IS NOT NULL AND (opened_at > ? OR (opened_at = ? AND chain_id > ?))
    ORDER BY opened_at, chain_id LIMIT ?`,
} as const;

/** The case a chain is opened for (a row of AUDIT_SQL.caseForGenesis). */
export interface GenesisCaseRow {
  reference: string;
  received_at: string;
  encrypted: number;
}

/**
 * The entries to write after the chain's locked head `row`: a case chain without entries starts
 * with the case's `received` entry, then `entries`, each linked to the one before.
 */
export function entriesAfter(row: AuditChainRow, genesisCase: GenesisCaseRow | undefined, entries: NewAuditEntry[]): AuditEntry[] {
  const all = genesisCase ? [receivedEntry(genesisCase.received_at, genesisCase.encrypted === 1), ...entries] : entries;
  const written: AuditEntry[] = [];
  let previousHash = row.head_hash;
  let seq = Number(row.entry_count);
  for (const entry of all) {
    const chained = chainEntry(++seq, previousHash, entry);
    written.push(chained);
    previousHash = chained.hash;
  }
  return written;
}

/** Whether a chain needs its case's `received` entry before anything else. */
export function needsGenesis(row: AuditChainRow): boolean {
  return row.chain_id !== GLOBAL_CHAIN && Number(row.entry_count) === 0;
}

/** The values of AUDIT_SQL.openChain for a chain not in the database yet. */
export function openChainValues(chainId: string, genesisCase: GenesisCaseRow | undefined, now: string): unknown[] {
  const openedAt = genesisCase?.received_at ?? now;
  return [chainId, genesisCase?.reference ?? null, openedAt, ZERO_HASH, openedAt];
}

/** The head of a chain without entries. */
export const ZERO_HEAD: AuditHead = { entryCount: 0, headHash: ZERO_HASH };
