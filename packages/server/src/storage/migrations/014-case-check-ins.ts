// Aftercare check-ins (contract 1.2, caseManagement.protocols): scheduled in the transaction that
// creates a threat case, answered by the reporter in follow-up, stopped by the reporter, and turned
// into a task (task_id) when the answer worries or none came by the due time. They outlive the
// case's closing; retention deletes them with the case. Part of a released migration once landed:
// never edit it, add a new one.
import type { Migration } from './migration.js';

/** The same table on both engines; `position` keeps the schedule's order. */
const CASE_CHECK_INS = `
      CREATE TABLE case_check_ins (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        position INTEGER NOT NULL,
        opens_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        owner_group_id TEXT NOT NULL,
        answered_at TEXT,
        answer_json TEXT,
        cancelled_at TEXT,
        task_id TEXT
      );
      CREATE INDEX case_check_ins_case ON case_check_ins (case_id, position);`;

export const migration: Migration = {
  version: 14,
  name: 'aftercare check-ins',
  sqlite: CASE_CHECK_INS,
  postgres: CASE_CHECK_INS,
};
