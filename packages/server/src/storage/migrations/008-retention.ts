// Version 8: retention. A legal hold is a row (present = held); a deleted case leaves a tombstone
// with no content (its audit trail stays in audit_chains/audit_entries). The same SQL on both
// engines. Released: never edit it.
import type { Migration } from './migration.js';

const statements = `
      CREATE TABLE legal_holds (
        case_id TEXT PRIMARY KEY REFERENCES cases (id),
        held_since TEXT NOT NULL
      );
      CREATE TABLE deleted_cases (
        case_id TEXT PRIMARY KEY,
        reference TEXT NOT NULL,
        received_at TEXT NOT NULL,
        closed_at TEXT,
        outcome TEXT,
        deleted_at TEXT NOT NULL
      );
      CREATE INDEX deleted_cases_by_deleted_at ON deleted_cases (deleted_at, case_id);
    `;

export const migration: Migration = {
  version: 8,
  name: 'retention: legal holds, tombstones of deleted cases',
  sqlite: statements,
  postgres: statements,
};
