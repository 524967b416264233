// The audit chains in PostgreSQL, shared by every instance. An append locks the chain's head row
// (SELECT … FOR UPDATE) until its transaction commits: a concurrent append to the same chain, from
// any instance, waits and then builds on the new head. The (chain_id, seq) primary key would refuse
// a fork even if that lock were missed.
import type pg from 'pg';
import type { PoolClient } from 'pg';
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

type Queryable = Pick<PoolClient, 'query'>;

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

async function query<T>(db: Queryable, sql: string, params: unknown[]): Promise<T[]> {
  return (await db.query(numbered(sql), params)).rows as T[];
}

const lockChain = `${AUDIT_SQL.chain} FOR UPDATE`;

/**
 * Appends to a chain inside the caller's transaction (a case change and its entries commit
 * together). Answers the last entry written; undefined for a case that does not exist.
 */
export async function appendAuditPostgres(db: Queryable, chainId: string, entries: NewAuditEntry[], now: string): Promise<AuditEntry | undefined> {
  let [row] = await query<AuditChainRow>(db, lockChain, [chainId]);
  let genesisCase: GenesisCaseRow | undefined;
  if (!row || needsGenesis(row)) {
    if (chainId !== GLOBAL_CHAIN) {
      [genesisCase] = await query<GenesisCaseRow>(db, AUDIT_SQL.caseForGenesis, [chainId]);
      if (!genesisCase) return undefined;
    }
    if (!row) {
      // A concurrent opening of the same chain makes this insert wait for it, then do nothing.
      await query(db, AUDIT_SQL.openChain, openChainValues(chainId, genesisCase, now));
      [row] = await query<AuditChainRow>(db, lockChain, [chainId]);
      // Another transaction may have written the first entries meanwhile.
      if (!needsGenesis(row!)) genesisCase = undefined;
    }
  }
  const written = entriesAfter(row!, genesisCase, entries);
  for (const entry of written) await query(db, AUDIT_SQL.insertEntry, [chainId, entry.seq, JSON.stringify(entry)]);
  const last = written.at(-1);
  if (last) await query(db, AUDIT_SQL.moveHead, [last.seq, last.hash, last.at, chainId]);
  return last;
}

export class PostgresAuditLog implements AuditLog {
  constructor(private readonly pool: pg.Pool, private readonly now: () => string = () => new Date().toISOString()) {}

  async append(chainId: string, entries: NewAuditEntry[]): Promise<AuditEntry | undefined> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const last = await appendAuditPostgres(client, chainId, entries, this.now());
      await client.query('COMMIT');
      return last;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async caseTrail(caseId: string) {
    // One snapshot: the head and the entries agree.
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [row] = await query<AuditChainRow>(client, AUDIT_SQL.chain, [caseId]);
      const entries = row?.case_reference ? await query<{ entry_json: string }>(client, AUDIT_SQL.allEntries, [caseId]) : [];
      await client.query('COMMIT');
      if (!row || row.case_reference === null) return undefined;
      return { ...toCaseHead(row), entries: entries.map((r) => JSON.parse(r.entry_json) as AuditEntry) };
    } finally {
      client.release();
    }
  }

  async globalEntries(fromSeq: number, limit: number) {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [row] = await query<AuditChainRow>(client, AUDIT_SQL.chain, [GLOBAL_CHAIN]);
      const items = await query<{ entry_json: string }>(client, AUDIT_SQL.entries, [GLOBAL_CHAIN, fromSeq, limit]);
      await client.query('COMMIT');
      return {
        items: items.map((r) => JSON.parse(r.entry_json) as AuditEntry),
        ...(row ? { entryCount: Number(row.entry_count), headHash: row.head_hash } : ZERO_HEAD),
      };
    } finally {
      client.release();
    }
  }

  async caseHeads(after: CaseHeadPosition | undefined, limit: number) {
    const rows = after
      ? await query<AuditChainRow>(this.pool, AUDIT_SQL.caseHeadsAfter, [after.openedAt, after.openedAt, after.caseId, limit])
      : await query<AuditChainRow>(this.pool, AUDIT_SQL.caseHeadsFirst, [limit]);
    return rows.map(toCaseHead);
  }
}
