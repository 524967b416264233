// `npm start` (scripts/start.mjs) tells its caller how the demo server ended: 0 after a clean stop
// on SIGTERM, non-zero when the server was ended by a signal it could not handle (killed, out of
// memory) — a script or a benchmark waiting on it must not take that for success. Runs the real
// script on the built repository (npm test builds first) with its own data directory and port 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDirs = [];

/** Starts `npm start`'s script and resolves once the server says it is listening. */
function startDemo() {
  const dataDir = mkdtempSync(join(tmpdir(), 'weerbaar-start-'));
  dataDirs.push(dataDir);
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', WEERBAAR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  const ended = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, errors })));
  const listening = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/Weerbaar server listening on http:\/\/\S+/.test(output)) resolve();
    });
    ended.then(({ code }) => reject(new Error(`npm start ended (${code}) before listening:\n${output}\n${errors}`)));
  });
  return { child, listening, ended };
}

/** The processes started by `pid` (Linux: /proc). */
function childrenOf(pid) {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // Field 4 of /proc/PID/stat is the parent; the name in field 2 may hold spaces, so split after it.
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === pid;
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
}

describe('npm start tells how the demo server ended', { timeout: 180_000 }, () => {
  after(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('exits 0 when stopped with SIGTERM (the server closes cleanly)', async () => {
    const { child, listening, ended } = startDemo();
    await listening;
    child.kill('SIGTERM');
    const { code, signal } = await ended;
    assert.deepEqual({ code, signal }, { code: 0, signal: null });
  });

  it('exits non-zero and says so when the server is killed', async () => {
    const { child, listening, ended } = startDemo();
    await listening;
    const [server] = childrenOf(child.pid);
    assert.ok(server, 'the server runs as a child of the script');
    process.kill(server, 'SIGKILL');
    const { code, errors } = await ended;
    assert.equal(code, 1);
    assert.match(errors, /ended by SIGKILL/);
  });
});
