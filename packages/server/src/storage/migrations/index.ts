// Versioned schema migrations, applied in order on start (and by `weerbaar-server migrate`), one file
// per version beside this one. `schema_migrations` records which versions a database has. The two
// runners, one per engine, sit side by side here.
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import type { Migration } from './migration.js';
import { migration as cases } from './001-cases.js';
import { migration as attachments } from './002-attachments.js';
import { migration as idempotencyLeases } from './003-idempotency-leases.js';
import { migration as handlerTokenExpiry } from './004-handler-token-expiry.js';
import { migration as sharedRateLimits } from './005-shared-rate-limits.js';
import { migration as flatCaseLists } from './006-flat-case-lists.js';
import { migration as auditTrail } from './007-audit-trail.js';
import { migration as retention } from './008-retention.js';
import { migration as caseWork } from './009-case-work.js';
import { migration as peopleAndAccess } from './010-people-and-access.js';
import { migration as jobs } from './011-jobs.js';
import { migration as caseTasks } from './012-case-tasks.js';
import { migration as affectedPeople } from './013-affected-people.js';
import { migration as checkIns } from './014-case-check-ins.js';
import { migration as handOvers } from './015-case-hand-overs.js';
import { migration as dilemmas } from './016-dilemmas.js';

export type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [cases, attachments, idempotencyLeases, handlerTokenExpiry, sharedRateLimits, flatCaseLists, auditTrail, retention, caseWork, peopleAndAccess, jobs, caseTasks, affectedPeople, checkIns, handOvers, dilemmas];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

const CREATE_SCHEMA_MIGRATIONS = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

// The PostgreSQL advisory lock key of migrations (any fixed 64-bit number; keep it when adding others).
const MIGRATION_LOCK = 0x5765_6572_0001;

/** Refuses a database that has a migration this server does not know (it was written by a newer server). */
export function refuseNewerSchema(applied: Iterable<number>): void {
  const newest = Math.max(0, ...applied);
  if (newest > LATEST_SCHEMA_VERSION) {
    throw new Error(`The database has schema version ${newest}, newer than this server knows (${LATEST_SCHEMA_VERSION}): upgrade the server.`);
  }
}

/** Applies the migrations the SQLite database does not have yet, each in its own transaction; returns the versions applied. */
export function migrateSqlite(db: Database, now: () => string = () => new Date().toISOString()): number[] {
  db.exec(CREATE_SCHEMA_MIGRATIONS);
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

/**
 * Applies the migrations the PostgreSQL database does not have yet, each in its own transaction,
 * under an advisory lock so that instances starting together migrate one after the other (the later
 * ones find nothing left to do). Returns the versions applied.
 */
export async function migratePostgres(pool: pg.Pool, now: () => string = () => new Date().toISOString()): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(CREATE_SCHEMA_MIGRATIONS);
      const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
      refuseNewerSchema(applied);
      const done: number[] = [];
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.postgres);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, now()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        done.push(migration.version);
      }
      return done;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
