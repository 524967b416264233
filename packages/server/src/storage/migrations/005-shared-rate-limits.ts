// Version 5: rate limit counters shared by every instance; attachment bytes in the database
// (PostgreSQL). Released: never edit it.
import type { Migration } from './migration.js';

export const migration: Migration = {
  version: 5,
  name: 'rate limit counters shared by every instance; attachment bytes in the database (PostgreSQL)',
  sqlite: `
      CREATE TABLE rate_limit_counters (
        bucket TEXT PRIMARY KEY,
        hits INTEGER NOT NULL,
        resets_at INTEGER NOT NULL
      );
      CREATE INDEX rate_limit_counters_resets_at ON rate_limit_counters (resets_at);
    `,
  // Instances share no disk: attachment bytes live in the database, in chunks so that they stream.
  postgres: `
      CREATE TABLE rate_limit_counters (
        bucket TEXT PRIMARY KEY,
        hits INTEGER NOT NULL,
        resets_at BIGINT NOT NULL
      );
      CREATE INDEX rate_limit_counters_resets_at ON rate_limit_counters (resets_at);
      CREATE TABLE attachment_chunks (
        storage_name TEXT NOT NULL,
        seq INTEGER NOT NULL,
        bytes BYTEA NOT NULL,
        stored_at TEXT NOT NULL,
        PRIMARY KEY (storage_name, seq)
      );
    `,
};
