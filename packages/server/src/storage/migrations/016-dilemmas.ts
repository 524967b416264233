// Dilemmas (contract 1.2, capability `dilemmas`): the submissions people share anonymously (plain
// or sealed content, an optional read code as a hash; deleted by retention after a period) and the
// cards editors make of them (their texts as JSON, a state, and — to answer a read code after the
// submission is gone — the submission's read-code hash). No foreign key from a card to its
// submission: the card outlives it. Part of a released migration once landed: never edit it, add a
// new one.
import type { Migration } from './migration.js';

/** The same tables on both engines. */
const DILEMMAS = `
      CREATE TABLE dilemma_submissions (
        id TEXT PRIMARY KEY,
        received_at TEXT NOT NULL,
        delete_after TEXT NOT NULL,
        role TEXT NOT NULL,
        theme TEXT NOT NULL,
        locale TEXT,
        content_json TEXT,
        encrypted_content_json TEXT,
        read_code_hash TEXT
      );
      CREATE INDEX dilemma_submissions_delete_after ON dilemma_submissions (delete_after);
      CREATE INDEX dilemma_submissions_read_code ON dilemma_submissions (read_code_hash);
      CREATE TABLE dilemma_cards (
        id TEXT PRIMARY KEY,
        submission_id TEXT,
        read_code_hash TEXT,
        status TEXT NOT NULL,
        language TEXT NOT NULL,
        text_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        published_at TEXT
      );
      CREATE INDEX dilemma_cards_status ON dilemma_cards (status, language);
      CREATE INDEX dilemma_cards_submission ON dilemma_cards (submission_id);
      CREATE INDEX dilemma_cards_read_code ON dilemma_cards (read_code_hash);`;

export const migration: Migration = {
  version: 16,
  name: 'dilemmas',
  sqlite: DILEMMAS,
  postgres: DILEMMAS,
};
