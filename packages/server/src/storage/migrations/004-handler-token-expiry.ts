// Version 4: handler token expiry. The same SQL on both engines. Released: never edit it.
import type { Migration } from './migration.js';

const statements = `
      ALTER TABLE handler_tokens ADD COLUMN expires_at TEXT;
    `;

export const migration: Migration = {
  version: 4,
  name: 'handler token expiry',
  sqlite: statements,
  postgres: statements,
};
