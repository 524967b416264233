// Rows of the case_check_ins table (migration 14) ↔ stored check-ins, and the SQL both stores run
// for them, written once with `?` parameters like statements.ts.
import { withoutNulls } from './rows.js';
import { TASK_SQL } from './task-rows.js';
import type { StoredCheckIn } from './store.js';

export const CHECK_IN_SQL = {
  insert: `INSERT INTO case_check_ins (id, case_id, position, opens_at, due_at, owner_group_id, answered_at, answer_json, cancelled_at, task_id)
    VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL)`,
  ofCase: `SELECT id, case_id, opens_at, due_at, owner_group_id, answered_at, answer_json, cancelled_at, task_id
    FROM case_check_ins WHERE case_id = ? ORDER BY position`,
  one: `SELECT id, case_id, opens_at, due_at, owner_group_id, answered_at, answer_json, cancelled_at, task_id
    FROM case_check_ins WHERE id = ?`,
  /** Answers it only while it is open and unanswered (one statement: a second answer changes nothing). */
  answer: `UPDATE case_check_ins SET answered_at = ?, answer_json = ?
    WHERE id = ? AND case_id = ? AND answered_at IS NULL AND cancelled_at IS NULL AND opens_at <= ?`,
  /** Cancels the ones still to come (a missed one stays missed: it may already be a task). */
  stop: 'UPDATE case_check_ins SET cancelled_at = ? WHERE case_id = ? AND answered_at IS NULL AND cancelled_at IS NULL AND due_at > ?',
  /** Links the task once: a second run of the job (another instance, a retry) links nothing. */
  linkTask: 'UPDATE case_check_ins SET task_id = ? WHERE id = ? AND task_id IS NULL',
  /** The task a check-in became, stored once (its id is made from the check-in's). */
  insertTaskOnce: `${TASK_SQL.insertTask} ON CONFLICT (id) DO NOTHING`,
} as const;

export interface CheckInRow {
  id: string;
  case_id: string;
  opens_at: string;
  due_at: string;
  owner_group_id: string;
  answered_at: string | null;
  answer_json: string | null;
  cancelled_at: string | null;
  task_id: string | null;
}

export function checkInValues(caseId: string, position: number, checkIn: StoredCheckIn): unknown[] {
  return [checkIn.checkInId, caseId, position, checkIn.opensAt, checkIn.dueAt, checkIn.ownerGroupId];
}

export function toCheckIn(row: CheckInRow): StoredCheckIn & { caseId: string } {
  return withoutNulls({
    checkInId: row.id,
    caseId: row.case_id,
    opensAt: row.opens_at,
    dueAt: row.due_at,
    ownerGroupId: row.owner_group_id,
    answeredAt: row.answered_at ?? undefined,
    answer: row.answer_json ? (JSON.parse(row.answer_json) as StoredCheckIn['answer']) : undefined,
    cancelledAt: row.cancelled_at ?? undefined,
    taskId: row.task_id ?? undefined,
  });
}
