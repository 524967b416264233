// What only PostgreSQL has to prove: migrations that several instances may start at once, the
// refusals (a newer database, a missing installation secret), and that nothing secret or bulky
// stays outside the database: no receipt in a dump, no attachment bytes on the instance's disk.
// The rest of the server's tests run on PostgreSQL as they are ("server on PostgreSQL" in npm test).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { findPostgresBinaries } from '../../../test-support/postgres.mjs';
import { createTestDatabase, testDatabase } from '../../../test-support/reference-server.mjs';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../src/storage/migrations/index.js';
import { openSession, startTestServer, submitReport, type TestServer } from './helpers/server.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = promisify(execFile);

const skip = testDatabase !== 'postgres' && 'needs PostgreSQL: runs in the "server on PostgreSQL" suite of npm test (WEERBAAR_TEST_POSTGRES_URL)';

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function appliedVersions(databaseUrl: string): Promise<number[]> {
  return (await query<{ version: number }>(databaseUrl, 'SELECT version FROM schema_migrations ORDER BY version')).map((row) => row.version);
}

/** A fresh database and a data directory for CLI runs against it; removes both afterwards. */
async function withEmptyDatabase(work: (env: NodeJS.ProcessEnv, databaseUrl: string, dataDir: string) => Promise<void>): Promise<void> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-pg-cli-'));
  try {
    await work({ ...process.env, WEERBAAR_DATA_DIR: dataDir, WEERBAAR_DATABASE_URL: database.url }, database.url, dataDir);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}

describe('migrations on PostgreSQL', { skip }, () => {
  it('records every migration once when three instances migrate an empty database at the same moment', async () => {
    await withEmptyDatabase(async (env, databaseUrl) => {
      const runs = await Promise.all([1, 2, 3].map(() => run(process.execPath, [cli, 'migrate'], { env })));
      const applied = runs.filter((result) => /Applied migrations/.test(result.stdout));
      assert.equal(applied.length, 1, 'one instance applied them, under the advisory lock');
      assert.match(applied[0]!.stdout, new RegExp(`Applied migrations ${MIGRATIONS.map((m) => m.version).join(', ')}\\.`));
      assert.equal(runs.filter((result) => /up to date/.test(result.stdout)).length, 2);
      assert.deepEqual(await appliedVersions(databaseUrl), MIGRATIONS.map((migration) => migration.version));
    });
  });

  it('refuses a database newer than the server knows, and changes nothing in it', async () => {
    await withEmptyDatabase(async (env, databaseUrl) => {
      await query(
        databaseUrl,
        `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
         INSERT INTO schema_migrations VALUES (${LATEST_SCHEMA_VERSION + 1}, 'from the future', '2030-01-01T00:00:00Z');`,
      );
      await assert.rejects(run(process.execPath, [cli, 'migrate'], { env }), /newer than this server knows/);
      assert.deepEqual(await appliedVersions(databaseUrl), [LATEST_SCHEMA_VERSION + 1]);
      const tables = await query<{ tablename: string }>(databaseUrl, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
      assert.deepEqual(tables.map((row) => row.tablename), ['schema_migrations']);
    });
  });
});

describe('the installation secret on PostgreSQL', { skip }, () => {
  it('is never made up per instance: serve refuses to start without it, `secret generate` creates it once', async () => {
    await withEmptyDatabase(async (env, _databaseUrl, dataDir) => {
      const refused = await run(process.execPath, [cli, 'serve'], { env: { ...env, PORT: '0' } }).then(
        () => assert.fail('serve started without an installation secret'),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /installation secret .* does not exist.*secret generate/s);
      assert.deepEqual(await readdir(dataDir), [], 'no secret was created');

      const created = await run(process.execPath, [cli, 'secret', 'generate'], { env });
      assert.match(created.stdout, /Installation secret created/);
      assert.equal((await stat(join(dataDir, 'installation.secret'))).mode & 0o777, 0o600);
      await assert.rejects(run(process.execPath, [cli, 'secret', 'generate'], { env }), /exists already/);
    });
  });
});

describe('what a PostgreSQL instance keeps', { skip }, () => {
  let t: TestServer;
  let receipt: string;
  before(async () => {
    t = await startTestServer();
    receipt = await submitReport(t.api);
    const token = await openSession(t.api, receipt);
    const form = new FormData();
    form.append('file', new Blob(['Een verslag in platte tekst.\n'], { type: 'text/plain' }), 'verslag.txt');
    assert.equal((await t.api.call('addFollowUpAttachment', { token, body: form })).status, 201);
  });
  after(() => t.server.stop());

  it('stores the receipt only as a hash: a dump of the whole database does not contain it', async () => {
    const pgDump = join(findPostgresBinaries()!, 'pg_dump');
    const { stdout: dump } = await run(pgDump, ['--dbname', t.server.databaseUrl!, '--data-only', '--inserts'], { maxBuffer: 64 * 1024 * 1024 });
    assert.match(dump, /INSERT INTO public\.cases /, 'the dump holds the case');
    for (const form of [receipt, receipt.replace(/-/g, '')]) assert.ok(!dump.includes(form), 'the dump holds the receipt');
  });

  it('keeps attachment bytes in the database and nothing but the installation secret on its own disk', async () => {
    const chunks = await query<{ bytes: Buffer }>(t.server.databaseUrl!, 'SELECT bytes FROM attachment_chunks');
    assert.equal(Buffer.concat(chunks.map((row) => row.bytes)).toString('utf8'), 'Een verslag in platte tekst.\n');
    assert.deepEqual(await readdir(t.server.dataDir), ['installation.secret']);
  });
});
