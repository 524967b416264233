// Version 11: scheduled work as rows in the database (issue 14, item 9), so that reminders and
// deliveries run once however many instances serve the database — never timers that each
// instance runs on its own; and the demo outbox, where the mails go that a server without SMTP
// would have sent (shown at /postvak). Part of a released migration once landed: never edit it.
//
// A job has a unique `job_key` (one reminder per case and kind, one delivery per notice and
// channel), so scheduling twice schedules once. `queued` jobs run from `run_at`; a claim sets
// `claimed`, a fresh `claim_id` and a lease; a claim whose lease ran out (its instance died) is
// claimed again. Times are RFC 3339 text as everywhere (always `toISOString()`, so they compare
// as text).
import type { Migration } from './migration.js';

function jobsTable(): string {
  return `
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        job_key TEXT NOT NULL UNIQUE,
        payload_json TEXT NOT NULL,
        state TEXT NOT NULL,
        run_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        claim_id TEXT,
        lease_expires_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX jobs_queued_by_run_at ON jobs (run_at) WHERE state = 'queued';
      CREATE INDEX jobs_claimed_by_lease ON jobs (lease_expires_at) WHERE state = 'claimed';
      CREATE INDEX jobs_finished_at ON jobs (finished_at) WHERE finished_at IS NOT NULL;
      CREATE TABLE mail_outbox (
        id TEXT PRIMARY KEY,
        sent_at TEXT NOT NULL,
        recipients TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX mail_outbox_sent_at ON mail_outbox (sent_at);`;
}

export const migration: Migration = {
  version: 11,
  name: 'jobs: scheduled work claimed once across instances; the demo mail outbox',
  // The same table on both engines: TEXT and INTEGER mean the same in each.
  sqlite: jobsTable(),
  postgres: jobsTable(),
};
