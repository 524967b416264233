// Deleting a case (retention) deletes its rows from every table in CASE_OWNED_TABLES first; a
// table that points at cases but is missing from that list makes the deletion fail on its foreign
// key. This reads the schema the migrations build, so a new table cannot be forgotten.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrateSqlite } from '../src/storage/migrations/index.js';
import { CASE_OWNED_TABLES } from '../src/storage/retention-store.js';

// Tables that point at a case on purpose beyond its deletion: the tombstone and the audit trail.
const KEPT_AFTER_DELETION = new Set(['deleted_cases', 'audit_chains', 'audit_entries']);

test('every table with a foreign key to cases is deleted with the case (CASE_OWNED_TABLES)', () => {
  const db = new Database(':memory:');
  migrateSqlite(db);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name);
  const pointingAtCases = tables.filter((table) =>
    (db.pragma(`foreign_key_list(${table})`) as { table: string }[]).some((key) => key.table === 'cases'),
  );
  assert.ok(pointingAtCases.length >= 5, `expected several tables pointing at cases, found ${pointingAtCases.join(', ')}`);
  const owned = new Set<string>(CASE_OWNED_TABLES);
  const forgotten = pointingAtCases.filter((table) => !owned.has(table) && !KEPT_AFTER_DELETION.has(table));
  assert.deepEqual(forgotten, [], 'tables that would make deleting a case fail');
  db.close();
});
