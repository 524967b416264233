// Starts the BUILT reference server (`packages/server/dist/cli.js serve`) as a child process,
// for tests of the server itself, the SDK and the conformance kit: real HTTP on 127.0.0.1 with a
// random port, a real SQLite database in a fresh temporary data directory.
//
// With WEERBAAR_TEST_POSTGRES_URL set (the admin URL of a PostgreSQL cluster, see postgres.mjs),
// every server gets a fresh PostgreSQL database instead (CREATE DATABASE weerbaar_<random>),
// dropped by stop(); the data directory then holds only the installation secret (and the public
// encryption key), as in a PostgreSQL deployment.
//
// It needs `npm run build -w @weerbaar/server` to have run (`npm test` builds first).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryCli = fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url));
const LISTENING = /listening on (http:\/\/\S+)/;
// Generous: on 2 cores shared with other suites, a cold start (migrations, scrypt, content) can take
// well over 20 s; a real failure to start still ends the test with the server's own output.
const START_TIMEOUT_MS = 60_000;

/** The cluster admin URL when the tests run on PostgreSQL. */
const postgresAdminUrl = process.env.WEERBAAR_TEST_POSTGRES_URL || undefined;

/** Which database engine the reference servers of this test run use. */
export const testDatabase = postgresAdminUrl ? 'postgres' : 'sqlite';

/** Runs one statement on a cluster as its admin (database names cannot be parameters). */
async function adminQuery(sql, adminUrl) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database on the test cluster (WEERBAAR_TEST_POSTGRES_URL, or the cluster of
 * `adminUrl`, e.g. the bench's own); returns its URL and how to drop it.
 * @param {string} [adminUrl]
 * @returns {Promise<{ url: string, drop(): Promise<void> }>}
 */
export async function createTestDatabase(adminUrl = postgresAdminUrl) {
  const name = `weerbaar_${randomBytes(8).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`, adminUrl);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, adminUrl) };
}

/** Every instance on one PostgreSQL database needs the same installation secret: create it like an operator would. */
async function provideInstallationSecret(dataDir) {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(join(dataDir, 'installation.secret'), randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
}

/**
 * @typedef {object} ReferenceServerOptions
 * @property {Record<string, string>} [env] extra environment variables (e.g. `WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT`)
 * @property {string} [dataDir] use this data directory instead of a fresh temporary one (it is then not removed)
 * @property {string} [databaseUrl] run on this PostgreSQL database (made and dropped by the caller) instead of
 *   the test cluster's fresh one or SQLite
 * @property {boolean} [handlerToken] run `token create` first and return the handler token (default true)
 * @property {boolean} [encryption] run `keys generate` first and return the private JWK (default false)
 * @property {string[]} [allowedOrigins] CORS origins to allow (`WEERBAAR_ALLOWED_ORIGINS`)
 * @property {string} [cli] the `weerbaar-server` script to run (default: this repository's build; the
 *   pack check passes the one installed from the packed tarball)
 * @property {ReferenceServer} [shareWith] another instance on the SAME database and data directory
 *   (installation secret, keys): several instances behave as one. It reuses that server's handler
 *   token and private key; its stop() leaves the shared data alone.
 */

/**
 * @typedef {object} ReferenceServer
 * @property {string} origin `http://127.0.0.1:PORT`
 * @property {string} apiUrl `origin + '/v1'`
 * @property {string} dataDir the server's data directory
 * @property {string} [databaseUrl] the server's PostgreSQL database (`WEERBAAR_DATABASE_URL`), when on PostgreSQL
 * @property {Record<string, string>} env the environment the server runs with, for running its CLI (`token create`, `migrate`)
 * @property {string} [handlerToken] a handler bearer token (unless `handlerToken: false`)
 * @property {JsonWebKey} [privateKeyJwk] the integrity officer's private key (with `encryption: true`)
 * @property {() => string} output everything the processes printed (stdout and stderr), for log-secrecy tests
 * @property {() => Promise<void>} stop SIGTERM and wait for the exit; removes a temporary data directory and drops its database
 * @property {(signal?: NodeJS.Signals) => Promise<void>} kill send a signal (default SIGKILL) and wait; keeps the data directory
 * @property {() => Promise<void>} restart start again on the same data directory (the port may change)
 */

/**
 * Starts the built reference server on 127.0.0.1:0 in a fresh temporary data directory.
 * @param {ReferenceServerOptions} [options]
 * @returns {Promise<ReferenceServer>}
 */
export async function startReferenceServer(options = {}) {
  const cli = options.cli ?? repositoryCli;
  if (!existsSync(cli)) {
    throw new Error(`${cli} does not exist: run \`npm run build -w @weerbaar/server\` first.`);
  }
  const shared = options.shareWith;
  const ownsDataDir = options.dataDir === undefined && !shared;
  const dataDir = shared?.dataDir ?? options.dataDir ?? (await mkdtemp(join(tmpdir(), 'weerbaar-server-')));
  const database = shared || options.databaseUrl ? undefined : postgresAdminUrl ? await createTestDatabase() : undefined;
  const databaseUrl = shared?.databaseUrl ?? options.databaseUrl ?? database?.url;
  if (databaseUrl) await provideInstallationSecret(dataDir);
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    WEERBAAR_DATA_DIR: dataDir,
    WEERBAAR_LOG_LEVEL: 'info',
    ...(databaseUrl ? { WEERBAAR_DATABASE_URL: databaseUrl } : {}),
    ...(options.allowedOrigins ? { WEERBAAR_ALLOWED_ORIGINS: options.allowedOrigins.join(',') } : {}),
    ...options.env,
  };
  let captured = '';
  const record = (chunk) => {
    captured += chunk.toString('utf8');
  };

  /** Runs a one-off CLI command and returns its stdout. */
  async function command(args) {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk.toString('utf8');
      record(chunk);
    });
    child.stderr.on('data', record);
    const code = await new Promise((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`weerbaar-server ${args.join(' ')} exited with ${code}:\n${captured}`);
    return stdout;
  }

  let handlerToken = shared?.handlerToken;
  if (!shared && options.handlerToken !== false) {
    const printed = await command(['token', 'create', '--name', 'test-handler']);
    handlerToken = /\b(wbh_[A-Za-z0-9_-]+)/.exec(printed)?.[1];
    if (!handlerToken) throw new Error(`token create printed no token:\n${printed}`);
  }
  let privateKeyJwk = shared?.privateKeyJwk;
  if (!shared && options.encryption) {
    const printed = await command(['keys', 'generate']);
    const json = printed.slice(printed.indexOf('{'), printed.lastIndexOf('}') + 1);
    privateKeyJwk = JSON.parse(json);
  }

  let child;
  let exited;

  async function start() {
    child = spawn(process.execPath, [cli, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.stderr.on('data', record);
    const origin = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start within ${START_TIMEOUT_MS} ms:\n${captured}`)), START_TIMEOUT_MS);
      let seen = '';
      child.stdout.on('data', (chunk) => {
        record(chunk);
        seen += chunk.toString('utf8');
        const match = LISTENING.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code ?? signal}) before listening:\n${captured}`));
      });
    });
    server.origin = origin;
    server.apiUrl = `${origin}/v1`;
  }

  async function signalAndWait(signal) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  }

  /** @type {ReferenceServer} */
  const server = {
    origin: '',
    apiUrl: '',
    dataDir,
    databaseUrl,
    env,
    handlerToken,
    privateKeyJwk,
    output: () => captured,
    async stop() {
      await signalAndWait('SIGTERM');
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
    async kill(signal = 'SIGKILL') {
      await signalAndWait(signal);
    },
    async restart() {
      await signalAndWait('SIGTERM');
      await start();
    },
  };
  await start();
  return server;
}
