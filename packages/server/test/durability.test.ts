import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../src/storage/migrations/index.js';

/** Every version a migrated database records (numbers are assigned per branch, so they need not be contiguous). */
const ALL_VERSIONS = MIGRATIONS.map((migration) => migration.version);
import { DATABASE_FILE } from '../src/storage/sqlite-store.js';
import { SECRET_FILE } from '../src/security/installation-secret.js';
import { testDatabase } from '../../../test-support/reference-server.mjs';
import { idempotencyKey, MINIMAL_REPORT } from './helpers/contract-client.js';
import { openSession, startTestServer, submitReport, type TestServer } from './helpers/server.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const run = promisify(execFile);

function schemaVersions(dataDir: string): number[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((row) => row.version);
  } finally {
    db.close();
  }
}

describe('durability', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.server.stop());

  const sqliteOnly = testDatabase === 'postgres' && 'reads the SQLite file; on PostgreSQL, postgres.test.ts checks schema_migrations';

  it('creates the database in an empty data directory with every migration recorded', { skip: sqliteOnly }, () => {
    assert.deepEqual(schemaVersions(t.server.dataDir), ALL_VERSIONS);
  });

  it('keeps reports, receipts and handler tokens across a restart', async () => {
    const receipt = await submitReport(t.api);
    await t.server.restart();
    const token = await openSession(t.api, receipt);
    assert.equal((await t.api.call('getFollowUpCase', { token })).body.status, 'received');
    assert.equal((await t.api.call('listCases', { token: t.server.handlerToken! })).status, 200);
  });

  it('keeps a report whose 201 was sent even when the process is killed (SIGKILL) the next instant', async () => {
    const response = await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': idempotencyKey() } });
    await t.server.kill('SIGKILL');
    assert.equal(response.status, 201);
    await t.server.restart();
    const token = await openSession(t.api, response.body.receipt);
    const view = await t.api.call('getFollowUpCase', { token });
    assert.equal(view.body.receivedAt, response.body.receivedAt);
  });

  it('replays an idempotent submission after a restart with the same receipt', async () => {
    const key = idempotencyKey();
    const first = await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': key } });
    await t.server.restart();
    const again = await t.api.call('submitReport', { json: MINIMAL_REPORT, headers: { 'Idempotency-Key': key } });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.receipt, first.body.receipt);
  });
});

describe('migrations from an older database', {
  skip: testDatabase === 'postgres' && 'a frozen version-1 SQLite database; on PostgreSQL, postgres.test.ts checks concurrent and too-new migrations',
}, () => {
  let dataDir: string;
  let t: TestServer | undefined;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-v1-'));
    await copyFile(join(fixturesDir, 'v1-installation.secret'), join(dataDir, SECRET_FILE));
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.exec(await readFile(join(fixturesDir, 'v1-database.sql'), 'utf8'));
    db.close();
  });
  after(async () => {
    await t?.server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates a version-1 database with `migrate`, and keeps its cases readable and followable', async () => {
    const env = { ...process.env, WEERBAAR_DATA_DIR: dataDir };
    const migrated = await run(process.execPath, [cli, 'migrate'], { env });
    const later = ALL_VERSIONS.slice(1);
    assert.match(migrated.stdout, new RegExp(`Applied migrations ${later.join(', ')}\\b`));
    assert.deepEqual(schemaVersions(dataDir), [1, ...later]);
    const again = await run(process.execPath, [cli, 'migrate'], { env });
    assert.match(again.stdout, /up to date/);

    t = await startTestServer({ dataDir });
    const found = await t.api.call('getCase', { token: t.server.handlerToken!, path: { caseId: 'c_v1FixtureCase01' } });
    assert.equal(found.status, 200);
    assert.equal(found.body.content.description, 'Een melding uit de tijd van schema versie 1.');
    assert.deepEqual(found.body.attachments, []);
    const list = await t.api.call('listCases', { token: t.server.handlerToken! });
    assert.equal(list.body.items[0].unreadMessages, 1);
    const token = await openSession(t.api, 'v1v1 test case OOOO OOO1');
    const view = await t.api.call('getFollowUpCase', { token });
    assert.equal(view.body.status, 'acknowledged');
    assert.equal(view.body.messages.length, 2);
    // A case older than audit trails gets its trail on first use, starting with its arrival.
    const trail = (await t.api.call('getCaseAudit', { token: t.server.handlerToken!, path: { caseId: 'c_v1FixtureCase01' } })).body;
    assert.deepEqual(trail.entries.map((entry: { action: string }) => entry.action), ['received', 'read', 'follow-up-opened', 'audit-exported']);
    assert.equal(trail.entries[0].at, new Date(found.body.receivedAt).toISOString());
  });

  it('refuses to start on a database newer than it knows', async () => {
    const newer = await mkdtemp(join(tmpdir(), 'weerbaar-newer-'));
    try {
      const db = new Database(join(newer, DATABASE_FILE));
      db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
        INSERT INTO schema_migrations VALUES (${LATEST_SCHEMA_VERSION + 1}, 'from the future', '2030-01-01T00:00:00Z');`);
      db.close();
      await assert.rejects(run(process.execPath, [cli, 'migrate'], { env: { ...process.env, WEERBAAR_DATA_DIR: newer } }), /newer than this server knows/);
    } finally {
      await rm(newer, { recursive: true, force: true });
    }
  });
});
