// Writes to a running reference server's database behind its back, as someone with database access
// would: to prove that the audit chain shows what was done to it (audit-trail.test.ts).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASE_FILE } from '../../src/storage/sqlite-store.js';
import type { DatabaseLocation } from './read-only-database.js';

export interface WritableDatabase {
  engine: 'sqlite' | 'postgres';
  /** Runs one statement with `?` parameters. */
  run(sql: string, params?: unknown[]): Promise<void>;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export async function withWritableDatabase<T>({ dataDir, databaseUrl }: DatabaseLocation, work: (db: WritableDatabase) => Promise<T>): Promise<T> {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const numbered = (sql: string) => {
      let n = 0;
      return sql.replace(/\?/g, () => `$${++n}`);
    };
    try {
      return await work({
        engine: 'postgres',
        run: async (sql, params = []) => void (await client.query(numbered(sql), params)),
        all: async <R>(sql: string, params: unknown[] = []) => (await client.query(numbered(sql), params)).rows as R[],
      });
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(dataDir, DATABASE_FILE), { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    return await work({
      engine: 'sqlite',
      run: async (sql, params = []) => void db.prepare(sql).run(...params),
      all: async <R>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as R[],
    });
  } finally {
    db.close();
  }
}

/** Drops the triggers that keep audit entries append-only (what an attacker with database access does first). */
export async function dropAppendOnlyTriggers(db: WritableDatabase): Promise<void> {
  if (db.engine === 'postgres') {
    await db.run('DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries');
  } else {
    await db.run('DROP TRIGGER IF EXISTS audit_entries_append_only_update');
    await db.run('DROP TRIGGER IF EXISTS audit_entries_append_only_delete');
  }
}

const REFUSAL = 'test_refuse_audit_entries';

/**
 * Makes every new audit entry of one chain fail to be written (a full disk, a broken table), to
 * prove that a change and its entry land together. `chainId` is a server-made case id (no quoting needed).
 */
export async function refuseAuditEntries(db: WritableDatabase, chainId: string): Promise<void> {
  if (!/^[A-Za-z0-9_-]+$/.test(chainId)) throw new Error(`not a case id: ${chainId}`);
  if (db.engine === 'postgres') {
    await db.run(`CREATE OR REPLACE FUNCTION ${REFUSAL}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit entry refused'; END $$`);
    await db.run(`CREATE TRIGGER ${REFUSAL} BEFORE INSERT ON audit_entries FOR EACH ROW WHEN (NEW.chain_id = '${chainId}') EXECUTE FUNCTION ${REFUSAL}()`);
  } else {
    await db.run(`CREATE TRIGGER ${REFUSAL} BEFORE INSERT ON audit_entries WHEN NEW.chain_id = '${chainId}' BEGIN SELECT RAISE(ABORT, 'audit entry refused'); END`);
  }
}

/** Undoes refuseAuditEntries. */
export async function allowAuditEntries(db: WritableDatabase): Promise<void> {
  await db.run(db.engine === 'postgres' ? `DROP TRIGGER IF EXISTS ${REFUSAL} ON audit_entries` : `DROP TRIGGER IF EXISTS ${REFUSAL}`);
}
