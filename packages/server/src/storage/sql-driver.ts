// One small interface over both engines for stores written once in shared SQL (`?` parameters):
// SQLite (better-sqlite3, synchronous, one process) and PostgreSQL (a pool, any number of
// instances). A read-then-write that must be atomic is written as one statement (a conditional
// UPDATE, DELETE … RETURNING, an upsert); statements that must change together go in one `batch`,
// one transaction on either engine, which rolls back when a statement's `expectChanges` is not met.
// A batch may append to a case's audit trail in the same transaction (the change and its entry
// land together or not at all).
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import type { NewAuditEntry } from '../domain/audit-chain.js';
import { appendAuditPostgres } from './postgres-audit-log.js';
import { appendAuditSqlite } from './sqlite-audit-log.js';

export interface SqlStatement {
  sql: string;
  params: unknown[];
  /** Roll the whole batch back (BatchConflictError) unless the statement changed exactly this many rows. */
  expectChanges?: number;
}

export interface SqlDriver {
  readonly engine: 'sqlite' | 'postgres';
  /** Rows of a query (or of a statement with RETURNING). */
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement; answers how many rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs the statements in one transaction, then appends `audit` (when given) to its chain in the same transaction. */
  batch(statements: SqlStatement[], audit?: AuditAppend): Promise<void>;
}

/** Entries for one audit chain (a case's id, or the global list), written with a batch. */
export interface AuditAppend {
  chainId: string;
  entries: NewAuditEntry[];
}

/** The audit chain of a batch's append does not exist (an unknown case): nothing of the batch was stored. */
export class AuditChainMissingError extends Error {
  constructor(readonly chainId: string) {
    super('The audit chain of the batch does not exist');
    this.name = 'AuditChainMissingError';
  }
}

/** When a chain that does not exist yet is opened by an append: the time of its first entry. */
function appendTime(audit: AuditAppend): string {
  return audit.entries[0]?.at ?? new Date().toISOString();
}

/** A batch statement's `expectChanges` was not met: nothing of the batch was stored. */
export class BatchConflictError extends Error {
  constructor(readonly statement: SqlStatement) {
    super('A statement of the batch changed another number of rows than expected');
    this.name = 'BatchConflictError';
  }
}

/** Whether an error is a unique-constraint violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function sqliteDriver(db: Database): SqlDriver {
  const statement = (sql: string) => db.prepare(sql);
  const runOne = (s: SqlStatement) => {
    const prepared = statement(s.sql);
    const changes = prepared.reader ? prepared.all(...s.params).length : prepared.run(...s.params).changes;
    if (s.expectChanges !== undefined && changes !== s.expectChanges) throw new BatchConflictError(s);
  };
  return {
    engine: 'sqlite',
    async all<T>(sql: string, params: unknown[] = []) {
      const prepared = statement(sql);
      if (prepared.reader) return prepared.all(...params) as T[];
      prepared.run(...params);
      return [];
    },
    async run(sql: string, params: unknown[] = []) {
      return statement(sql).run(...params).changes;
    },
    async batch(statements: SqlStatement[], audit?: AuditAppend) {
      db.transaction(() => {
        statements.forEach(runOne);
        if (audit && !appendAuditSqlite(db, audit.chainId, audit.entries, appendTime(audit))) throw new AuditChainMissingError(audit.chainId);
      })();
    },
  };
}

/** `?` parameters → `$1, $2, …` (the shared SQL has no other question marks). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function postgresDriver(pool: pg.Pool): SqlDriver {
  return {
    engine: 'postgres',
    async all<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(numbered(sql), params)).rows as T[];
    },
    async run(sql: string, params: unknown[] = []) {
      return (await pool.query(numbered(sql), params)).rowCount ?? 0;
    },
    async batch(statements: SqlStatement[], audit?: AuditAppend) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const s of statements) {
          const changes = (await client.query(numbered(s.sql), s.params)).rowCount ?? 0;
          if (s.expectChanges !== undefined && changes !== s.expectChanges) throw new BatchConflictError(s);
        }
        if (audit && !(await appendAuditPostgres(client, audit.chainId, audit.entries, appendTime(audit)))) throw new AuditChainMissingError(audit.chainId);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
