// Rows of the case_tasks table (migration 12) ↔ stored tasks, and the SQL both stores run for them,
// written once with `?` parameters like statements.ts.
import { ACCESSIBLE_CASE_CONDITION, accessibleCaseParams } from './people-store.js';
import { withoutNulls } from './rows.js';
import type { StoredTask, TaskStatusChange } from './store.js';

export const TASK_SQL = {
  insertTask: `INSERT INTO case_tasks (id, case_id, position, protocol_id, step_id, titles_json, owner_group_id, due_at, visible_to_reporter, status, done_at, done_by_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  tasks: `SELECT id, protocol_id, step_id, titles_json, owner_group_id, due_at, visible_to_reporter, status, done_at, done_by_json
    FROM case_tasks WHERE case_id = ? ORDER BY position`,
  /** Changes the status only when it differs (one statement: a double tick records one entry). */
  setStatus: 'UPDATE case_tasks SET status = ?, done_at = ?, done_by_json = ? WHERE case_id = ? AND id = ? AND status <> ?',
  /** The roles a handler recorded (migration 13). */
  setAffectedPeople: 'UPDATE cases SET affected_people_json = ? WHERE id = ?',
  /** Where added tasks go: after the case's last one. */
  nextPosition: 'SELECT CAST(COALESCE(MAX(position), -1) + 1 AS INTEGER) AS next FROM case_tasks WHERE case_id = ?',
} as const;

/** Open tasks past due on the cases `visibleTo` may work (every case when absent). */
export function overdueTasksQuery(visibleTo?: string): { sql: string; params: unknown[] } {
  const scope = visibleTo ? ACCESSIBLE_CASE_CONDITION : '1 = 1';
  return {
    sql: `SELECT CAST(COUNT(*) AS INTEGER) AS overdue FROM case_tasks t JOIN cases c ON c.id = t.case_id WHERE t.status = 'open' AND t.due_at <= ? AND ${scope}`,
    params: visibleTo ? accessibleCaseParams(visibleTo) : [],
  };
}

export interface TaskRow {
  id: string;
  protocol_id: string;
  step_id: string;
  titles_json: string;
  owner_group_id: string;
  due_at: string;
  visible_to_reporter: number;
  status: StoredTask['status'];
  done_at: string | null;
  done_by_json: string | null;
}

export function taskValues(caseId: string, position: number, task: StoredTask): unknown[] {
  return [
    task.taskId,
    caseId,
    position,
    task.protocolId,
    task.stepId,
    JSON.stringify(task.titles),
    task.ownerGroupId,
    task.dueAt,
    task.visibleToReporter ? 1 : 0,
    task.status,
    task.doneAt ?? null,
    task.doneBy ? JSON.stringify(task.doneBy) : null,
  ];
}

export function statusValues(caseId: string, change: TaskStatusChange): unknown[] {
  const done = change.status === 'done';
  return [change.status, done ? change.at : null, done ? JSON.stringify(change.by) : null, caseId, change.taskId, change.status];
}

export function toTask(row: TaskRow): StoredTask {
  return withoutNulls({
    taskId: row.id,
    protocolId: row.protocol_id,
    stepId: row.step_id,
    titles: JSON.parse(row.titles_json) as Record<string, string>,
    ownerGroupId: row.owner_group_id,
    dueAt: row.due_at,
    visibleToReporter: Number(row.visible_to_reporter) === 1,
    status: row.status,
    doneAt: row.done_at ?? undefined,
    doneBy: row.done_by_json ? (JSON.parse(row.done_by_json) as StoredTask['doneBy']) : undefined,
  });
}
