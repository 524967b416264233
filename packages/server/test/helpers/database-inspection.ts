// Invariants of a running reference server's database that the API cannot show: orphan rows,
// cases without their first timeline event, idempotency records (read-only-database.ts).
import { withReadOnlyDatabase, type DatabaseLocation } from './read-only-database.js';

/** The rows of a query whose columns are all counts (PostgreSQL answers COUNT(*) as a bigint string). */
async function countQuery(location: DatabaseLocation, sql: string): Promise<Record<string, number>[]> {
  const rows = await withReadOnlyDatabase(location, (db) => db.query(sql));
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([name, value]) => [name, Number(value)])));
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
