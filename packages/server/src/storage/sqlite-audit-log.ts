// The audit chains in the SQLite file. SQLite has one writer at a time: an append in a write
// transaction sees the head no other append can move before it commits.
import type { Database } from 'better-sqlite3';
import type { AuditEntry, NewAuditEntry } from '../domain/audit-chain.js';
import {
  AUDIT_SQL,
  entriesAfter,
  GLOBAL_CHAIN,
  needsGenesis,
  openChainValues,
  toCaseHead,
  ZERO_HEAD,
  type AuditChainRow,
  type AuditLog,
  type CaseHeadPosition,
  type GenesisCaseRow,
} from './audit-log.js';

/**
 * Appends to a chain inside the caller's transaction (a case change and its entries commit
 * together). Answers the last entry written; undefined for a case that does not exist.
 */
export function appendAuditSqlite(db: Database, chainId: string, entries: NewAuditEntry[], now: string): AuditEntry | undefined {
  let row = db.prepare(AUDIT_SQL.chain).get(chainId) as AuditChainRow | undefined;
  let genesisCase: GenesisCaseRow | undefined;
  if (!row || needsGenesis(row)) {
    if (chainId !== GLOBAL_CHAIN) {
      genesisCase = db.prepare(AUDIT_SQL.caseForGenesis).get(chainId) as GenesisCaseRow | undefined;
      if (!genesisCase) return undefined;
    }
    if (!row) {
      db.prepare(AUDIT_SQL.openChain).run(...openChainValues(chainId, genesisCase, now));
      row = db.prepare(AUDIT_SQL.chain).get(chainId) as AuditChainRow;
    }
  }
  const written = entriesAfter(row, genesisCase, entries);
  const insert = db.prepare(AUDIT_SQL.insertEntry);
  for (const entry of written) insert.run(chainId, entry.seq, JSON.stringify(entry));
  const last = written.at(-1);
  if (last) db.prepare(AUDIT_SQL.moveHead).run(last.seq, last.hash, last.at, chainId);
  return last;
}

export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: Database, private readonly now: () => string = () => new Date().toISOString()) {}

  async append(chainId: string, entries: NewAuditEntry[]): Promise<AuditEntry | undefined> {
    return this.db.transaction(() => appendAuditSqlite(this.db, chainId, entries, this.now())).immediate();
  }

  async caseTrail(caseId: string) {
    const row = this.db.prepare(AUDIT_SQL.chain).get(caseId) as AuditChainRow | undefined;
    if (!row || row.case_reference === null) return undefined;
    const entries = (this.db.prepare(AUDIT_SQL.allEntries).all(caseId) as { entry_json: string }[]).map((r) => JSON.parse(r.entry_json) as AuditEntry);
    return { ...toCaseHead(row), entries };
  }

  async globalEntries(fromSeq: number, limit: number) {
    return this.db.transaction(() => {
      const row = this.db.prepare(AUDIT_SQL.chain).get(GLOBAL_CHAIN) as AuditChainRow | undefined;
      const items = (this.db.prepare(AUDIT_SQL.entries).all(GLOBAL_CHAIN, fromSeq, limit) as { entry_json: string }[]).map(
        (r) => JSON.parse(r.entry_json) as AuditEntry,
      );
      return { items, ...(row ? { entryCount: Number(row.entry_count), headHash: row.head_hash } : ZERO_HEAD) };
    })();
  }

  async caseHeads(after: CaseHeadPosition | undefined, limit: number) {
    const rows = (
      after
        ? this.db.prepare(AUDIT_SQL.caseHeadsAfter).all(after.openedAt, after.openedAt, after.caseId, limit)
        : this.db.prepare(AUDIT_SQL.caseHeadsFirst).all(limit)
    ) as AuditChainRow[];
    return rows.map(toCaseHead);
  }
}
