// Version 7: the audit chains (contract 1.1, "Audit trail"). A chain's head row holds its length
// and last hash (case heads are read from it; PostgreSQL appends lock it); entries are stored as the
// export shows them. Triggers refuse to change or remove an entry, so that only someone who drops
// them first can — and the chain then shows it.
import type { Migration } from './migration.js';

const CHAINS = (integer: string) => `
      CREATE TABLE audit_chains (
        chain_id TEXT PRIMARY KEY,
        case_reference TEXT,
        opened_at TEXT NOT NULL,
        entry_count ${integer} NOT NULL,
        head_hash TEXT NOT NULL,
        last_entry_at TEXT NOT NULL,
        deleted_at TEXT
      );
      CREATE INDEX audit_chains_by_opened_at ON audit_chains (opened_at, chain_id);
      CREATE TABLE audit_entries (
        chain_id TEXT NOT NULL REFERENCES audit_chains (chain_id),
        seq ${integer} NOT NULL,
        entry_json TEXT NOT NULL,
        PRIMARY KEY (chain_id, seq)
      );`;

export const migration: Migration = {
  version: 7,
  name: 'audit chains per case and global, append-only',
  sqlite: `${CHAINS('INTEGER')}
      CREATE TRIGGER audit_entries_append_only_update BEFORE UPDATE ON audit_entries
      BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
      CREATE TRIGGER audit_entries_append_only_delete BEFORE DELETE ON audit_entries
      BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
    `,
  postgres: `${CHAINS('BIGINT')}
      CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit entries are append-only';
      END $$;
      CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
    `,
};
