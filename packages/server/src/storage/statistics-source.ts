// What statistics read: the codes and clocks of the cases received in a period (on the
// received_at index), never their content. The same SQL on both engines.
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import type { CaseClocks } from '../domain/statistics.js';
import { withoutNulls } from './rows.js';

export interface StatisticsSource {
  /** The cases received from `from` (inclusive) until `until` (exclusive), RFC 3339 UTC. */
  casesReceived(from: string, until: string): Promise<CaseClocks[]>;
}

const CASES_RECEIVED = `SELECT category, role, received_at AS "receivedAt", acknowledge_due_at AS "acknowledgeDueAt",
  acknowledged_at AS "acknowledgedAt", feedback_due_at AS "feedbackDueAt", feedback_given_at AS "feedbackGivenAt"
  FROM cases WHERE received_at >= ? AND received_at < ?`;

export function sqliteStatisticsSource(db: Database): StatisticsSource {
  return { casesReceived: async (from, until) => (db.prepare(CASES_RECEIVED).all(from, until) as CaseClocks[]).map(withoutNulls) };
}

export function postgresStatisticsSource(pool: pg.Pool): StatisticsSource {
  const sql = CASES_RECEIVED.replace('?', '$1').replace('?', '$2');
  return { casesReceived: async (from, until) => (await pool.query<CaseClocks>(sql, [from, until])).rows.map(withoutNulls) };
}
