// One way to run a statement written once for both engines (`?` parameters), for the small stores
// beside the main one (the job table, the demo outbox): SQLite through better-sqlite3, PostgreSQL
// through the pool with `$n` parameters.
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { PostgresStore, pgSql } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';
import { inTransaction } from './postgres-transaction.js';

/** One statement of a batch; `mustChangeOne`: the batch is rolled back unless it changes exactly one row. */
export interface BatchStatement {
  sql: string;
  params: unknown[];
  mustChangeOne?: boolean;
}

/** Thrown inside a batch's transaction to roll it back. */
class BatchRefused extends Error {}

export interface SqlRunner {
  engine: 'sqlite' | 'postgres';
  /** Runs a statement; answers how many rows it changed. */
  run(sql: string, params: unknown[]): Promise<number>;
  all<T>(sql: string, params: unknown[]): Promise<T[]>;
  /** Runs the statements in one transaction; false, and nothing changed, when a `mustChangeOne` statement did not change one row. */
  batch(statements: BatchStatement[]): Promise<boolean>;
}

function refuseUnlessOne(statement: BatchStatement, changes: number): void {
  if (statement.mustChangeOne && changes !== 1) throw new BatchRefused();
}

async function refusedAsFalse(work: () => Promise<void>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    if (error instanceof BatchRefused) return false;
    throw error;
  }
}

export function sqliteRunner(db: Database): SqlRunner {
  return {
    engine: 'sqlite',
    run: async (sql, params) => db.prepare(sql).run(...params).changes,
    all: async <T>(sql: string, params: unknown[]) => db.prepare(sql).all(...params) as T[],
    batch: (statements) =>
      refusedAsFalse(async () =>
        db.transaction(() => {
          for (const statement of statements) refuseUnlessOne(statement, db.prepare(statement.sql).run(...statement.params).changes);
        }).immediate(),
      ),
  };
}

export function postgresRunner(pool: pg.Pool): SqlRunner {
  return {
    engine: 'postgres',
    run: async (sql, params) => (await pool.query(pgSql(sql), params)).rowCount ?? 0,
    all: async <T>(sql: string, params: unknown[]) => (await pool.query(pgSql(sql), params)).rows as T[],
    batch: (statements) =>
      refusedAsFalse(() =>
        inTransaction(pool, async (client) => {
          for (const statement of statements) refuseUnlessOne(statement, (await client.query(pgSql(statement.sql), statement.params)).rowCount ?? 0);
        }),
      ),
  };
}

/** The runner on the database of `store`. */
export function sqlRunnerFor(store: Store): SqlRunner {
  if (store instanceof SqliteStore) return sqliteRunner(store.db);
  if (store instanceof PostgresStore) return postgresRunner(store.pool);
  throw new Error('unknown store');
}
