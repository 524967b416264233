// One way to run a statement written once for both engines (`?` parameters), for the small stores
// beside the main one (the job table, the demo outbox): SQLite through better-sqlite3, PostgreSQL
// through the pool with `$n` parameters.
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { PostgresStore, pgSql } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export interface SqlRunner {
  engine: 'sqlite' | 'postgres';
  /** Runs a statement; answers how many rows it changed. */
  run(sql: string, params: unknown[]): Promise<number>;
  all<T>(sql: string, params: unknown[]): Promise<T[]>;
}

export function sqliteRunner(db: Database): SqlRunner {
  return {
    engine: 'sqlite',
    run: async (sql, params) => db.prepare(sql).run(...params).changes,
    all: async <T>(sql: string, params: unknown[]) => db.prepare(sql).all(...params) as T[],
  };
}

export function postgresRunner(pool: pg.Pool): SqlRunner {
  return {
    engine: 'postgres',
    run: async (sql, params) => (await pool.query(pgSql(sql), params)).rowCount ?? 0,
    all: async <T>(sql: string, params: unknown[]) => (await pool.query(pgSql(sql), params)).rows as T[],
  };
}

/** The runner on the database of `store`. */
export function sqlRunnerFor(store: Store): SqlRunner {
  if (store instanceof SqliteStore) return sqliteRunner(store.db);
  if (store instanceof PostgresStore) return postgresRunner(store.pool);
  throw new Error('unknown store');
}
