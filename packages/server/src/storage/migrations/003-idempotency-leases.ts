// Version 3: idempotency claims with an id and a lease. The same SQL on both engines. Released: never edit it.
import type { Migration } from './migration.js';

const statements = `
      ALTER TABLE idempotency_keys ADD COLUMN claim_id TEXT;
      ALTER TABLE idempotency_keys ADD COLUMN lease_expires_at TEXT;
    `;

export const migration: Migration = {
  version: 3,
  name: 'idempotency claims with an id and a lease',
  sqlite: statements,
  postgres: statements,
};
