// The chain hand-over (contract 1.2, caseManagement.protocols; the CCV model protocol's weighing):
// one row per hand-over with its exit and the redacted package exactly as it was made (the
// reporter's identity in it only with the recorded consent). Retention deletes the rows with the
// case. Part of a released migration once landed: never edit it, add a new one.
import type { Migration } from './migration.js';

/** The same table on both engines; `handed_over_at` keeps the order. */
const CASE_HAND_OVERS = `
      CREATE TABLE case_hand_overs (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        exit TEXT NOT NULL,
        handed_over_at TEXT NOT NULL,
        consent_given_on TEXT,
        package_json TEXT NOT NULL
      );
      CREATE INDEX case_hand_overs_case ON case_hand_overs (case_id, handed_over_at);`;

export const migration: Migration = {
  version: 15,
  name: 'chain hand-overs',
  sqlite: CASE_HAND_OVERS,
  postgres: CASE_HAND_OVERS,
};
