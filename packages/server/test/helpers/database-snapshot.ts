// A snapshot of every row of every table of a running reference server's database, to prove that
// a request changed nothing. It reads the SQLite file read-only (`<dataDir>/weerbaar.sqlite`), or
// PostgreSQL when the server runs on one (`server.databaseUrl`), so the same tests hold both.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/** Table name → its rows, each as canonical JSON, sorted (row order is not data). */
export type DatabaseSnapshot = Record<string, string[]>;

export interface SnapshotSource {
  dataDir: string;
  /** Set by the reference server when it runs on PostgreSQL. */
  databaseUrl?: string;
}

/**
 * Tables whose rows are *meant* to change with every request, such as rate-limit counters (a
 * throttled guess must count). Everything else is compared.
 */
export const COUNTER_TABLES = /rate_limit|throttle/i;

function canonical(row: Record<string, unknown>): string {
  const entries = Object.keys(row)
    .sort()
    .map((column) => {
      const value = row[column];
      if (Buffer.isBuffer(value)) return [column, `bytes:${value.toString('hex')}`];
      if (value instanceof Date) return [column, value.toISOString()];
      if (typeof value === 'bigint') return [column, value.toString()];
      return [column, value];
    });
  return JSON.stringify(entries);
}

function snapshotSqlite(dataDir: string, exclude: RegExp): DatabaseSnapshot {
  const db = new Database(join(dataDir, 'weerbaar.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    const snapshot: DatabaseSnapshot = {};
    for (const { name } of tables) {
      if (exclude.test(name)) continue;
      const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
      snapshot[name] = rows.map(canonical).sort();
    }
    return snapshot;
  } finally {
    db.close();
  }
}

async function snapshotPostgres(databaseUrl: string, exclude: RegExp): Promise<DatabaseSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
       ORDER BY table_schema, table_name`,
    );
    const snapshot: DatabaseSnapshot = {};
    for (const { schema, name } of tables.rows) {
      if (exclude.test(name)) continue;
      const quoted = `"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`;
      const rows = await client.query<Record<string, unknown>>(`SELECT * FROM ${quoted}`);
      snapshot[`${schema}.${name}`] = rows.rows.map(canonical).sort();
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

/** Every row of every table except the counter tables. */
export async function snapshotDatabase(source: SnapshotSource, exclude: RegExp = COUNTER_TABLES): Promise<DatabaseSnapshot> {
  return source.databaseUrl ? snapshotPostgres(source.databaseUrl, exclude) : snapshotSqlite(source.dataDir, exclude);
}

/** Fails with the tables (and a few rows) that differ. */
export function assertSameDatabase(after: DatabaseSnapshot, before: DatabaseSnapshot, label: string): void {
  const differences: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    const added = [...is].filter((row) => !was.has(row));
    const removed = [...was].filter((row) => !is.has(row));
    if (added.length || removed.length) {
      differences.push(`${table}: +${added.length} -${removed.length} ${[...added, ...removed].slice(0, 3).join(' ').slice(0, 400)}`);
    }
  }
  assert.deepEqual(differences, [], `${label}: the database changed`);
}
