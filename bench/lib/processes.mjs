// Servers in their own processes, so that the load generator and the server never share an event
// loop. Their output goes to a file, not a pipe into this process: reading (and, as a test helper
// does, keeping) every log line of a server under load would take CPU from the load generator.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const LISTENING = /listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 20_000;
const referenceCli = fileURLToPath(new URL('../../packages/server/dist/cli.js', import.meta.url));

/** Runs node with `args`; resolves once the process has written `listening on URL` to its log file. */
export async function startNodeServer(args, env = {}) {
  const logDir = await mkdtemp(join(tmpdir(), 'weerbaar-bench-log-'));
  const logFile = join(logDir, 'output.log');
  const output = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', output, output] });
  closeSync(output);
  let exitCode;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exitCode = code ?? signal))));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(logDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && exitCode === undefined) {
    const match = LISTENING.exec(await readFile(logFile, 'utf8'));
    if (match) return { origin: match[1], apiUrl: `${match[1]}/v1`, stop };
    await sleep(50);
  }
  const printed = await readFile(logFile, 'utf8');
  await stop();
  throw new Error(`the server did not start (${exitCode ?? 'timeout'}):\n${printed}`);
}

/** Runs `program` (JavaScript module source) with node, like startNodeServer. */
export const startProgram = (program, env) => startNodeServer(['--input-type=module', '-e', program], env);

/** The built reference server (`weerbaar-server serve`) on 127.0.0.1, a free port, its own data directory. */
export async function startReferenceServerProcess(dataDir, env = {}) {
  return startNodeServer([referenceCli, 'serve'], { HOST: '127.0.0.1', PORT: '0', WEERBAAR_DATA_DIR: dataDir, ...env });
}
