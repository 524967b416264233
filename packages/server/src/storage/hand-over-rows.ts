// Rows of the case_hand_overs table (migration 15) ↔ stored hand-overs, and the SQL both stores run
// for them, written once with `?` parameters like statements.ts.
import { TASK_SQL } from './task-rows.js';
import type { StoredHandOver } from './store.js';

export const HAND_OVER_SQL = {
  insert: 'INSERT INTO case_hand_overs (id, case_id, exit, handed_over_at, consent_given_on, package_json) VALUES (?, ?, ?, ?, ?, ?)',
  ofCase: 'SELECT id, package_json FROM case_hand_overs WHERE case_id = ? ORDER BY handed_over_at, id',
  /** The reporter's one "referred" step: its id is made from the case's, so a second referral adds none. */
  insertReferredTaskOnce: `${TASK_SQL.insertTask} ON CONFLICT (id) DO NOTHING`,
} as const;

export interface HandOverRow {
  id: string;
  package_json: string;
}

export function handOverValues(caseId: string, handOver: StoredHandOver): unknown[] {
  const { package: made } = handOver;
  return [made.handOverId, caseId, made.exit, made.handedOverAt, made.reporterConsent?.givenOn ?? null, JSON.stringify(made)];
}

export function toHandOver(row: HandOverRow): StoredHandOver {
  return { package: JSON.parse(row.package_json) as StoredHandOver['package'] };
}
