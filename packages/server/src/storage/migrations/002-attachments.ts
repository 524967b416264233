// Version 2: attachments, unread reporter messages, deadline indexes. Alike on both engines but for
// the row sequence column (each engine's auto-increment). Released: never edit it.
import type { Migration } from './migration.js';

function statements(sequenceColumn: string): string {
  return `
      ALTER TABLE cases ADD COLUMN last_handler_action_at TEXT;
      CREATE INDEX cases_acknowledge_due_at ON cases (acknowledge_due_at);
      CREATE INDEX cases_feedback_due_at ON cases (feedback_due_at);
      CREATE TABLE case_attachments (
        ${sequenceColumn},
        id TEXT NOT NULL UNIQUE,
        case_id TEXT NOT NULL REFERENCES cases (id),
        storage_name TEXT NOT NULL UNIQUE,
        name TEXT,
        media_type TEXT,
        description TEXT,
        size_bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        encryption_json TEXT,
        added_at TEXT NOT NULL
      );
      CREATE INDEX case_attachments_case ON case_attachments (case_id, seq);
    `;
}

export const migration: Migration = {
  version: 2,
  name: 'attachments, unread reporter messages, deadline indexes',
  sqlite: statements('seq INTEGER PRIMARY KEY AUTOINCREMENT'),
  postgres: statements('seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'),
};
