// Measures requests per second of the built reference server on this machine, over real HTTP on
// 127.0.0.1 with a real SQLite file, against a bare Node HTTP server answering the same content
// document as a baseline. A bounded load loop: CONCURRENCY clients, each sending its next request
// when the previous one is answered, for SECONDS after a one-second warm-up.
//
//   npm run build -w @weerbaar/server && node packages/server/scripts/measure-throughput.mjs
//
// Environment: MEASURE_SECONDS (default 5), MEASURE_CONCURRENCY (default 16), WEERBAAR_LOG_LEVEL (default info). The load generator runs on the same
// machine as the server, so the figures are for comparison on one machine, not absolute capacity.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SECONDS = Number(process.env.MEASURE_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.MEASURE_CONCURRENCY ?? 16);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

async function startReferenceServer(dataDir) {
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      WEERBAAR_DATA_DIR: dataDir,
      // Production logging (one line per request), written to a pipe that is drained.
      WEERBAAR_LOG_LEVEL: process.env.WEERBAAR_LOG_LEVEL ?? 'info',
      // The per-client report limit exists to stop abuse; this load comes from one client.
      WEERBAAR_REPORTS_PER_CLIENT: '100000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { origin, stop: () => new Promise((resolve) => (child.kill('SIGTERM'), child.on('exit', resolve))) };
}

/** A bare node:http server in its own process (like the reference server), answering `body`. */
async function startBareServer(body) {
  const program = `
    const { createServer } = require('node:http');
    const body = process.env.BODY;
    const server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    });
    server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
  `;
  const child = spawn(process.execPath, ['-e', program], { env: { ...process.env, BODY: body }, stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise((resolve) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]);
    });
  });
  return { origin, stop: () => new Promise((resolve) => (child.kill('SIGTERM'), child.on('exit', resolve))) };
}

/** Runs the load loop; `send` makes one request and resolves to its status. */
async function measure(label, send, expectedStatus) {
  let counting = false;
  let done = 0;
  let unexpected = 0;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const status = await send();
      if (!counting) continue;
      if (status === expectedStatus) done++;
      else unexpected++;
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, worker);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  counting = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  counting = false;
  const elapsed = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(workers);
  const rate = done / elapsed;
  console.log(`${label.padEnd(46)} ${rate.toFixed(0).padStart(7)} requests/s${unexpected ? `  (${unexpected} unexpected answers)` : ''}`);
  return rate;
}

const getter = (url) => async () => {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.status;
};

const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-measure-'));
const reference = await startReferenceServer(dataDir);
try {
  console.log(`Node ${process.version}, ${CONCURRENCY} concurrent clients, ${SECONDS} s per measurement, load generator on the same machine\n`);
  const norms = await (await fetch(`${reference.origin}/v1/norms`)).text();
  const bare = await startBareServer(norms);
  const baseline = await measure('bare node:http, same norms document', getter(bare.origin), 200);
  await bare.stop();
  const content = await measure('GET /v1/norms (content)', getter(`${reference.origin}/v1/norms`), 200);
  const report = JSON.stringify({
    role: 'civil-servant',
    category: 'threat-intimidation',
    content: { description: 'Meetrapport: een verzonnen melding om de doorvoer te meten.' },
  });
  const submissions = await measure(
    'POST /v1/reports (report submission)',
    async () => {
      const response = await fetch(`${reference.origin}/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: report,
      });
      await response.arrayBuffer();
      return response.status;
    },
    201,
  );
  console.log(`\ncontent endpoint / bare node:http: ${(content / baseline).toFixed(2)}`);
} finally {
  await reference.stop();
  await rm(dataDir, { recursive: true, force: true });
}
