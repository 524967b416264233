// A read-only look inside the database a running reference server uses, for invariants the API
// cannot show (orphan rows, idempotency records). The same SQL runs on both engines: SQLite in the
// server's data directory, or PostgreSQL when the server object exposes a `databaseUrl`.
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

/** The rows of a query whose columns are all counts. */
type CountRow = Record<string, number>;

async function countQuery({ dataDir, databaseUrl }: DatabaseLocation, sql: string): Promise<CountRow[]> {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      // PostgreSQL answers COUNT(*) as a bigint string.
      const { rows } = await client.query<Record<string, string | number>>(sql);
      return rows.map((row) => Object.fromEntries(Object.entries(row).map(([name, value]) => [name, Number(value)])));
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as CountRow[];
  } finally {
    db.close();
  }
}

/** Rows of each case-owned table whose case does not exist. */
const ORPHANS = ['case_events', 'case_messages', 'case_attachments', 'follow_up_sessions']
  .map((table) => `(SELECT COUNT(*) FROM ${table} x WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = x.case_id)) AS ${table}`)
  .join(', ');

export interface DatabaseCounts {
  cases: number;
  /** Cases without their 'received' timeline event. */
  casesWithoutReceivedEvent: number;
  orphans: { case_events: number; case_messages: number; case_attachments: number; follow_up_sessions: number };
  idempotencyDone: number;
  idempotencyPending: number;
}

export async function databaseCounts(location: DatabaseLocation): Promise<DatabaseCounts> {
  const [row] = await countQuery(
    location,
    `SELECT
       (SELECT COUNT(*) FROM cases) AS cases,
       (SELECT COUNT(*) FROM cases c WHERE NOT EXISTS
          (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'received')) AS cases_without_received_event,
       (SELECT COUNT(*) FROM idempotency_keys WHERE state = 'done') AS idempotency_done,
       (SELECT COUNT(*) FROM idempotency_keys WHERE state = 'pending') AS idempotency_pending,
       ${ORPHANS}`,
  );
  const counts = row!;
  return {
    cases: counts.cases!,
    casesWithoutReceivedEvent: counts.cases_without_received_event!,
    orphans: {
      case_events: counts.case_events!,
      case_messages: counts.case_messages!,
      case_attachments: counts.case_attachments!,
      follow_up_sessions: counts.follow_up_sessions!,
    },
    idempotencyDone: counts.idempotency_done!,
    idempotencyPending: counts.idempotency_pending!,
  };
}
