// A throwaway PostgreSQL cluster for tests: initdb into a temporary directory, postgres on
// 127.0.0.1 with a free port (its unix socket in the same directory), trust authentication for
// loopback only, removed again by stop(). Uses the OS packages' binaries
// (/usr/lib/postgresql/<version>/bin); postgres refuses to run as root, so as root (here and in CI)
// the binaries run as the `postgres` user through runuser with the directory chowned to it.
//
// fsync is OFF: it only protects against the operating system crashing or losing power, which a
// cluster that lives for one test run never needs to survive. Every commit is still written to the
// WAL before it returns (synchronous_commit stays on), so killing a server process — or postgres
// itself — loses nothing, and the crash tests stay meaningful. It saves the disk flushes of
// thousands of commits on a shared two-core machine.
//
// Also a command: `node test-support/postgres.mjs` starts a cluster, prints its admin URL
// (for WEERBAAR_TEST_POSTGRES_URL) and keeps it until Ctrl+C.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const START_TIMEOUT_MS = 30_000;
const READY = /database system is ready to accept connections/;

/** The bin directory of the newest PostgreSQL installed from the OS packages, or undefined. */
export function findPostgresBinaries() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(base, name, 'bin', 'initdb')) && existsSync(join(base, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The command line that runs `binary` as the postgres user when we are root. */
function asClusterOwner(binary, args) {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

/**
 * Starts a fresh cluster.
 * @returns {Promise<{ url: string, port: number, dir: string, stop(): Promise<void> }>} `url` is the
 *   admin connection URL (`postgres://weerbaar@127.0.0.1:PORT/postgres`, a superuser)
 */
export async function startPostgres() {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql');
  const dir = await mkdtemp(join(tmpdir(), 'weerbaar-pg-'));
  const dataDir = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    await chown(dir, uid, gid);
  }
  try {
    const [initCommand, initArgs] = asClusterOwner(join(bin, 'initdb'), [
      '-D', dataDir, '-U', 'weerbaar', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync',
    ]);
    execFileSync(initCommand, initArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${error.stderr?.toString() ?? error.message}`);
  }

  // The port is free when probed; another process could take it before postgres binds, so retry.
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const child = await startPostmaster(bin, dataDir, dir, port);
      return {
        url: `postgres://weerbaar@127.0.0.1:${port}/postgres`,
        port,
        dir,
        async stop() {
          const exited = new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));
          // runuser does not pass signals on reliably: signal the postmaster itself (SIGINT = fast shutdown).
          const pid = postmasterPid(dataDir);
          if (pid) process.kill(pid, 'SIGINT');
          else child.kill('SIGINT');
          await exited;
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}

function postmasterPid(dataDir) {
  try {
    return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

function startPostmaster(bin, dataDir, socketDir, port) {
  const [command, args] = asClusterOwner(join(bin, 'postgres'), [
    '-D', dataDir,
    '-p', String(port),
    '-k', socketDir,
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=off',
    '-c', 'full_page_writes=off',
    '-c', 'max_connections=300',
    '-c', 'shared_buffers=64MB',
    '-c', 'log_min_messages=warning',
    '-c', 'logging_collector=off',
  ]);
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`postgres did not start within ${START_TIMEOUT_MS} ms:\n${log}`)), START_TIMEOUT_MS);
    function fail(error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    child.stderr.on('data', (chunk) => {
      log += chunk.toString('utf8');
      if (READY.test(log)) {
        clearTimeout(timer);
        // Keep reading so a full pipe never blocks postgres; later messages are not needed.
        child.stderr.removeAllListeners('data');
        child.stderr.resume();
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`postgres exited (${code ?? signal}) before it was ready:\n${log}`)));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cluster = await startPostgres();
  console.log(`WEERBAAR_TEST_POSTGRES_URL=${cluster.url}`);
  console.log('Stop with Ctrl+C.');
  const stop = () => cluster.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
