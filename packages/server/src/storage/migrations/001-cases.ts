// Version 1: cases, their timeline and messages, follow-up sessions, handler tokens, idempotency keys.
// Released: never edit it; add a new migration instead.
import type { Migration } from './migration.js';

export const migration: Migration = {
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
};
