// A snapshot of every row of every table of a running reference server's database, to prove that
// a request changed nothing, on SQLite or PostgreSQL alike (read-only-database.ts).
import assert from 'node:assert/strict';
import { withReadOnlyDatabase, type DatabaseLocation } from './read-only-database.js';

/** Table name → its rows, each as canonical JSON, sorted (row order is not data). */
export type DatabaseSnapshot = Record<string, string[]>;

/**
 * Tables whose rows are *meant* to change with every request, such as rate-limit counters (a
 * throttled guess must count), or in the background, whatever the requests: the job table and
 * the demo outbox its notices fill (a job is only ever added with a stored report, which the
 * cases table shows). Everything else is compared.
 */
export const COUNTER_TABLES = /rate_limit|throttle|(^|\.)jobs$|(^|\.)mail_outbox$/i;

/** The audit chains, which grow with every read a request makes (a read with harmless noise is still a read). */
export const COUNTERS_AND_AUDIT_TABLES = new RegExp(`${COUNTER_TABLES.source}|audit_chains|audit_entries`, 'i');

function canonical(row: Record<string, unknown>): string {
  const entries = Object.keys(row)
    .sort()
    .map((column) => {
      const value = row[column];
      if (Buffer.isBuffer(value)) return [column, `bytes:${value.toString('hex')}`];
      if (value instanceof Date) return [column, value.toISOString()];
      if (typeof value === 'bigint') return [column, value.toString()];
      return [column, value];
    });
  return JSON.stringify(entries);
}

/** Every row of every table except the counter tables. */
export async function snapshotDatabase(source: DatabaseLocation, exclude: RegExp = COUNTER_TABLES): Promise<DatabaseSnapshot> {
  return withReadOnlyDatabase(source, async (db) => {
    const snapshot: DatabaseSnapshot = {};
    for (const { from, name } of await db.tables()) {
      if (!exclude.test(name)) snapshot[name] = (await db.query(`SELECT * FROM ${from}`)).map(canonical).sort();
    }
    return snapshot;
  });
}

/** Fails with the tables (and a few rows) that differ. */
export function assertSameDatabase(after: DatabaseSnapshot, before: DatabaseSnapshot, label: string): void {
  const differences: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    const added = [...is].filter((row) => !was.has(row));
    const removed = [...was].filter((row) => !is.has(row));
    if (added.length || removed.length) {
      differences.push(`${table}: +${added.length} -${removed.length} ${[...added, ...removed].slice(0, 3).join(' ').slice(0, 400)}`);
    }
  }
  assert.deepEqual(differences, [], `${label}: the database changed`);
}
