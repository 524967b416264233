// Read-only access to the database a running reference server uses, for what the API cannot show
// (that a request changed nothing, orphan rows, idempotency records). The same SQL runs on both
// engines: SQLite in the server's data directory, or PostgreSQL when the server object exposes a
// `databaseUrl` (the suite runs a second time on PostgreSQL).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASE_FILE } from '../../src/storage/sqlite-store.js';

/** Where a reference server keeps its data (the reference server object is one). */
export interface DatabaseLocation {
  dataDir: string;
  /** Set when the server runs on PostgreSQL. */
  databaseUrl?: string;
}

export type Row = Record<string, unknown>;

export interface ReadOnlyDatabase {
  query(sql: string): Promise<Row[]>;
  /** Every table, as the name to select from (quoted) and the name to report. */
  tables(): Promise<{ from: string; name: string }[]>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Opens the server's database read-only for the duration of `work`. */
export async function withReadOnlyDatabase<T>({ dataDir, databaseUrl }: DatabaseLocation, work: (db: ReadOnlyDatabase) => Promise<T>): Promise<T> {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('SET default_transaction_read_only = on');
      return await work({
        query: async (sql) => (await client.query<Row>(sql)).rows,
        tables: async () =>
          (
            await client.query<{ schema: string; name: string }>(
              `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
               WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
               ORDER BY table_schema, table_name`,
            )
          ).rows.map(({ schema, name }) => ({ from: `${quote(schema)}.${quote(name)}`, name: `${schema}.${name}` })),
      });
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return await work({
      query: async (sql) => db.prepare(sql).all() as Row[],
      tables: async () =>
        (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(({ name }) => ({
          from: quote(name),
          name,
        })),
    });
  } finally {
    db.close();
  }
}
