// The protocol's steps as tasks on a case (contract 1.2, caseManagement.protocols): made in the
// transaction that creates the case, ticked off with who and when. Part of a released migration
// once landed: never edit it, add a new one.
import type { Migration } from './migration.js';

/** The same table on both engines; `position` keeps the protocol's order. */
const CASE_TASKS = `
      CREATE TABLE case_tasks (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        position INTEGER NOT NULL,
        protocol_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        titles_json TEXT NOT NULL,
        owner_group_id TEXT NOT NULL,
        due_at TEXT NOT NULL,
        visible_to_reporter INTEGER NOT NULL,
        status TEXT NOT NULL,
        done_at TEXT,
        done_by_json TEXT
      );
      CREATE INDEX case_tasks_case ON case_tasks (case_id, position);
      CREATE INDEX case_tasks_open_due ON case_tasks (status, due_at);`;

export const migration: Migration = {
  version: 12,
  name: 'tasks on a case from the protocol',
  sqlite: CASE_TASKS,
  postgres: CASE_TASKS,
};
