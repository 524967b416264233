// Versioned schema migrations, applied in order on start (and by `weerbaar-server migrate`).
// A migration is never edited once released: add a new one instead. `schema_migrations` records
// which versions a database has. Each version has its SQL for SQLite and for PostgreSQL: the same
// tables, columns and meaning (timestamps as RFC 3339 text, JSON as text), each engine's types.
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/**
 * What migration 6 does alike on both engines (a generated column is computed on read in SQLite and
 * stored in PostgreSQL, which has no other kind). Part of a released migration: never edit it.
 */
function caseListIndexesV6(generatedColumn: 'VIRTUAL' | 'STORED'): string {
  return `
      DROP INDEX cases_received_at;
      DROP INDEX cases_acknowledge_due_at;
      DROP INDEX cases_feedback_due_at;
      CREATE INDEX cases_by_received_at ON cases (received_at, reference);
      CREATE INDEX cases_by_acknowledge_due_at ON cases (acknowledge_due_at, reference);
      CREATE INDEX cases_by_feedback_due_at ON cases (feedback_due_at, reference);
      CREATE INDEX cases_by_status ON cases (status, received_at, reference);
      CREATE INDEX cases_by_category ON cases (category, received_at, reference);
      ALTER TABLE cases ADD COLUMN open_deadline_at TEXT GENERATED ALWAYS AS (
        CASE
          WHEN acknowledged_at IS NULL AND (feedback_given_at IS NOT NULL OR acknowledge_due_at < feedback_due_at) THEN acknowledge_due_at
          WHEN feedback_given_at IS NULL THEN feedback_due_at
        END
      ) ${generatedColumn};
      CREATE INDEX cases_by_open_deadline_at ON cases (open_deadline_at);
      CREATE INDEX cases_open_by_received_at ON cases (received_at, reference) WHERE open_deadline_at IS NOT NULL;
      CREATE INDEX cases_open_by_acknowledge_due_at ON cases (acknowledge_due_at, reference) WHERE open_deadline_at IS NOT NULL;
      CREATE INDEX cases_open_by_feedback_due_at ON cases (feedback_due_at, reference) WHERE open_deadline_at IS NOT NULL;
      ALTER TABLE cases ADD COLUMN has_contact INTEGER NOT NULL DEFAULT 0;`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, timeline, messages, follow-up sessions, handler tokens, idempotency keys',
    sqlite: `
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        receipt_hash BLOB NOT NULL UNIQUE,
        role TEXT NOT NULL,
        category TEXT NOT NULL,
        locale TEXT,
        status TEXT NOT NULL,
        outcome TEXT,
        received_at TEXT NOT NULL,
        acknowledge_due_at TEXT NOT NULL,
        acknowledged_at TEXT,
        feedback_due_at TEXT NOT NULL,
        feedback_given_at TEXT,
        consents_json TEXT NOT NULL,
        content_json TEXT,
        encrypted_content_json TEXT
      );
      CREATE INDEX cases_received_at ON cases (received_at);
      CREATE TABLE case_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL REFERENCES cases (id),
        at TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT,
        outcome TEXT,
        note TEXT
      );
      CREATE INDEX case_events_case ON case_events (case_id, seq);
      CREATE TABLE case_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        case_id TEXT NOT NULL REFERENCES cases (id),
        sender TEXT NOT NULL,
        kind TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        body TEXT,
        encrypted_body_json TEXT
      );
      CREATE INDEX case_messages_case ON case_messages (case_id, seq);
      CREATE TABLE follow_up_sessions (
        token_hash BLOB PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        expires_at TEXT NOT NULL
      );
      CREATE TABLE handler_tokens (
        id TEXT PRIMARY KEY,
        token_hash BLOB NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE idempotency_keys (
        key_hash BLOB PRIMARY KEY,
        request_hash TEXT NOT NULL,
        state TEXT NOT NULL,
        sealed_response BLOB,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        receipt_hash BYTEA NOT NULL UNIQUE,
        role TEXT NOT NULL,
        category TEXT NOT NULL,
        locale TEXT,
        status TEXT NOT NULL,
        outcome TEXT,
        received_at TEXT NOT NULL,
        acknowledge_due_at TEXT NOT NULL,
        acknowledged_at TEXT,
        feedback_due_at TEXT NOT NULL,
        feedback_given_at TEXT,
        consents_json TEXT NOT NULL,
        content_json TEXT,
        encrypted_content_json TEXT
      );
      CREATE INDEX cases_received_at ON cases (received_at);
      CREATE TABLE case_events (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        at TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT,
        outcome TEXT,
        note TEXT
      );
      CREATE INDEX case_events_case ON case_events (case_id, seq);
      CREATE TABLE case_messages (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        case_id TEXT NOT NULL REFERENCES cases (id),
        sender TEXT NOT NULL,
        kind TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        body TEXT,
        encrypted_body_json TEXT
      );
      CREATE INDEX case_messages_case ON case_messages (case_id, seq);
      CREATE TABLE follow_up_sessions (
        token_hash BYTEA PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        expires_at TEXT NOT NULL
      );
      CREATE TABLE handler_tokens (
        id TEXT PRIMARY KEY,
        token_hash BYTEA NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE idempotency_keys (
        key_hash BYTEA PRIMARY KEY,
        request_hash TEXT NOT NULL,
        state TEXT NOT NULL,
        sealed_response BYTEA,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'attachments, unread reporter messages, deadline indexes',
    sqlite: `
      ALTER TABLE cases ADD COLUMN last_handler_action_at TEXT;
      CREATE INDEX cases_acknowledge_due_at ON cases (acknowledge_due_at);
      CREATE INDEX cases_feedback_due_at ON cases (feedback_due_at);
      CREATE TABLE case_attachments (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
    `,
    postgres: `
      ALTER TABLE cases ADD COLUMN last_handler_action_at TEXT;
      CREATE INDEX cases_acknowledge_due_at ON cases (acknowledge_due_at);
      CREATE INDEX cases_feedback_due_at ON cases (feedback_due_at);
      CREATE TABLE case_attachments (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    `,
  },
  {
    version: 3,
    name: 'idempotency claims with an id and a lease',
    sqlite: `
      ALTER TABLE idempotency_keys ADD COLUMN claim_id TEXT;
      ALTER TABLE idempotency_keys ADD COLUMN lease_expires_at TEXT;
    `,
    postgres: `
      ALTER TABLE idempotency_keys ADD COLUMN claim_id TEXT;
      ALTER TABLE idempotency_keys ADD COLUMN lease_expires_at TEXT;
    `,
  },
  {
    version: 4,
    name: 'handler token expiry',
    sqlite: `
      ALTER TABLE handler_tokens ADD COLUMN expires_at TEXT;
    `,
    postgres: `
      ALTER TABLE handler_tokens ADD COLUMN expires_at TEXT;
    `,
  },
  {
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
  },
  {
    version: 6,
    name: 'case lists and references that stay flat as cases grow: list indexes, open deadline, contact flag, reference counters',
    // The list pages ids on an index (received_at/deadline + reference, the tie-break) and reads only
    // the page's rows; the status and category filters each have an index in the default order.
    // open_deadline_at is the earliest deadline not met yet (NULL when both are), so "overdue at t"
    // is one indexable range, open_deadline_at < t (the count), and the overdue page walks the open
    // cases alone in the order asked (the cases_open_by_* partial indexes), never the closed ones.
    // has_contact spares the list reading the report.
    // The counters number each year's cases with one upsert instead of counting the year's cases,
    // seeded here from the highest number each year already has. A trigger keeps them at least at
    // the number of any case inserted another way — by an instance of the previous version during a
    // rolling update, which still counts — so that the next number never collides with it; another
    // sets has_contact on such a case (that version does not know the column).
    sqlite: `${caseListIndexesV6('VIRTUAL')}
      UPDATE cases SET has_contact = 1 WHERE json_extract(content_json, '$.contact') IS NOT NULL;
      CREATE TABLE case_reference_counters (
        year TEXT PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
      INSERT INTO case_reference_counters (year, last_number)
        SELECT substr(reference, 4, 4), MAX(CAST(substr(reference, 9) AS INTEGER)) FROM cases
        WHERE reference GLOB 'WB-[0-9][0-9][0-9][0-9]-[0-9]*' GROUP BY substr(reference, 4, 4);
      CREATE TRIGGER cases_reference_counted AFTER INSERT ON cases
      WHEN NEW.reference GLOB 'WB-[0-9][0-9][0-9][0-9]-[0-9]*'
      BEGIN
        INSERT INTO case_reference_counters (year, last_number)
          VALUES (substr(NEW.reference, 4, 4), CAST(substr(NEW.reference, 9) AS INTEGER))
          ON CONFLICT (year) DO UPDATE SET last_number = MAX(last_number, excluded.last_number);
      END;
      CREATE TRIGGER cases_contact_flagged AFTER INSERT ON cases
      WHEN NEW.has_contact = 0 AND json_extract(NEW.content_json, '$.contact') IS NOT NULL
      BEGIN
        UPDATE cases SET has_contact = 1 WHERE id = NEW.id;
      END;
    `,
    postgres: `${caseListIndexesV6('STORED')}
      UPDATE cases SET has_contact = 1 WHERE content_json IS NOT NULL AND content_json::jsonb -> 'contact' IS NOT NULL
        AND content_json::jsonb -> 'contact' <> 'null'::jsonb;
      CREATE TABLE case_reference_counters (
        year TEXT PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
      INSERT INTO case_reference_counters (year, last_number)
        SELECT substring(reference from 4 for 4), MAX(CAST(substring(reference from 9) AS INTEGER)) FROM cases
        WHERE reference ~ '^WB-[0-9]{4}-[0-9]+$' GROUP BY substring(reference from 4 for 4);
      CREATE FUNCTION cases_reference_counted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.reference ~ '^WB-[0-9]{4}-[0-9]+$' THEN
          INSERT INTO case_reference_counters (year, last_number)
            VALUES (substring(NEW.reference from 4 for 4), CAST(substring(NEW.reference from 9) AS INTEGER))
            ON CONFLICT (year) DO UPDATE SET last_number = GREATEST(case_reference_counters.last_number, excluded.last_number);
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER cases_reference_counted AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_reference_counted();
      CREATE FUNCTION cases_contact_flagged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.content_json IS NOT NULL AND NEW.content_json::jsonb -> 'contact' IS NOT NULL
          AND NEW.content_json::jsonb -> 'contact' <> 'null'::jsonb THEN
          NEW.has_contact := 1;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER cases_contact_flagged BEFORE INSERT ON cases FOR EACH ROW WHEN (NEW.has_contact = 0)
        EXECUTE FUNCTION cases_contact_flagged();
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Refuses a database that has a migration this server does not know (it was written by a newer server). */
export function refuseNewerSchema(applied: Iterable<number>): void {
  const newest = Math.max(0, ...applied);
  if (newest > LATEST_SCHEMA_VERSION) {
    throw new Error(`The database has schema version ${newest}, newer than this server knows (${LATEST_SCHEMA_VERSION}): upgrade the server.`);
  }
}

/** Applies the migrations the SQLite database does not have yet; returns the versions applied. */
export function migrate(db: Database, now: () => string = () => new Date().toISOString()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version));
  refuseNewerSchema(applied);
  const done: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, now());
    })();
    done.push(migration.version);
  }
  return done;
}
