// Working a case (contract 1.1, caseManagement.workflow, notes, intake): a substatus and the channel
// a report came in by on the case, internal notes, and every version of the minutes of an oral
// report. Part of a released migration once landed: never edit it, add a new one.
import type { Migration } from './migration.js';

/** The tables, with each engine's type for a growing sequence number. */
function caseWorkTables(sequence: string): string {
  return `
      ALTER TABLE cases ADD COLUMN substatus TEXT;
      ALTER TABLE cases ADD COLUMN channel TEXT;
      CREATE TABLE case_notes (
        seq ${sequence},
        id TEXT NOT NULL UNIQUE,
        case_id TEXT NOT NULL REFERENCES cases (id),
        author_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        body TEXT,
        encrypted_body_json TEXT
      );
      CREATE INDEX case_notes_case ON case_notes (case_id, seq);
      CREATE TABLE case_minutes (
        case_id TEXT NOT NULL REFERENCES cases (id),
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        author_json TEXT NOT NULL,
        status TEXT NOT NULL,
        body TEXT NOT NULL,
        answer_json TEXT,
        PRIMARY KEY (case_id, version)
      );`;
}

// The primary key (case_id, version) is what keeps two revisions based on the same version from both
// being stored, on any number of instances: the second insert of that version fails.
export const migration: Migration = {
  version: 9,
  name: 'working a case: substatus, channel, internal notes, versioned minutes',
  sqlite: caseWorkTables('INTEGER PRIMARY KEY AUTOINCREMENT'),
  postgres: caseWorkTables('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'),
};
