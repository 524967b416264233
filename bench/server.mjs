// Server: autocannon against the built reference server (real HTTP on 127.0.0.1, a real SQLite
// file, production logging) and, in the same run with the same concurrency, against bare node:http
// servers that answer the same bytes: the content documents (200, and 304 to If-None-Match; asked
// without Accept-Encoding and with `br`, as a browser asks), and a
// report submission that does only what bounds the real one, one scrypt with the receipt hash's
// parameters. Runs are interleaved (bare, real, bare, real, …) so drift in machine load hits both.
// The load generator shares the machine with the servers: the ratios are the result, not the rates.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startProgram, startReferenceServerProcess } from './lib/processes.mjs';
import { formatRatio, interleave, median, ratio } from './lib/stats.mjs';
import { renderTable } from './lib/table.mjs';

const CONTENT_PATHS = ['/v1/norms', '/v1/support-contacts'];
/** No Accept-Encoding (as earlier rounds measured), and brotli, as a browser asks since the API's content is compressed. */
const CODINGS = ['identity', 'br'];

/** A GET's body exactly as sent (node:http does not decode), with its ETag and coding. */
function documentAsSent(url, coding) {
  return new Promise((resolve, reject) => {
    request(url, { headers: coding === 'identity' ? {} : { 'accept-encoding': coding } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const sent = response.headers['content-encoding'] ?? 'identity';
        if (sent !== coding) return reject(new Error(`${url} sent ${sent} when asked for ${coding}`));
        resolve({ body: Buffer.concat(chunks).toString('base64'), etag: response.headers.etag, coding });
      });
    })
      .on('error', reject)
      .end();
  });
}

const REPORT = JSON.stringify({
  role: 'civil-servant',
  category: 'threat-intimidation',
  content: { description: 'Meetrapport: een verzonnen melding om de doorvoer te meten.' },
});

// A bare server for every scenario: fixed documents by path and Accept-Encoding, the bytes the
// reference server sent (its brotli body as it is, with its ETag for that coding, so that
// If-None-Match gets a 304 as cheaply as node:http can), and POST answered after one scrypt
// with the receipt hash's parameters (packages/server/src/security/receipts.ts).
const BARE_SERVER = `
  import { createServer } from 'node:http';
  import { randomBytes, scrypt } from 'node:crypto';
  const documents = JSON.parse(process.env.DOCUMENTS);
  const receiptAnswer = process.env.RECEIPT_ANSWER;
  const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
  const server = createServer((request, response) => {
    if (request.method === 'POST') {
      request.resume();
      request.on('end', () => scrypt(randomBytes(20), randomBytes(32), 32, SCRYPT, () => {
        response.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(receiptAnswer) });
        response.end(receiptAnswer);
      }));
      return;
    }
    const document = documents[request.url + ' ' + (request.headers['accept-encoding'] ?? 'identity')];
    if (!document) { response.writeHead(404).end(); return; }
    const coding = document.coding === 'identity' ? {} : { 'content-encoding': document.coding, vary: 'Accept-Encoding' };
    if (request.headers['if-none-match'] === document.etag) { response.writeHead(304, { etag: document.etag, ...coding }).end(); return; }
    const body = Buffer.from(document.body, 'base64');
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, etag: document.etag, ...coding });
    response.end(body);
  });
  server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/** One autocannon run; every answer must have `expectedStatus`, or the figures would be for errors. */
async function load({ url, method = 'GET', headers = {}, body, expectedStatus, connections, seconds, uniqueIdempotencyKey = false }) {
  const result = await autocannon({
    url,
    method,
    headers,
    body,
    connections,
    duration: seconds,
    requests: uniqueIdempotencyKey ? [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': crypto.randomUUID() } }) }] : undefined,
  });
  // autocannon counts answers by status class; everything outside the expected class is a failure.
  const answered = ['1xx', '2xx', '3xx', '4xx', '5xx'].reduce((sum, statusClass) => sum + result[statusClass], 0);
  const unexpected = answered - result[`${Math.floor(expectedStatus / 100)}xx`] + result.errors + result.timeouts;
  if (unexpected > 0) throw new Error(`${method} ${url}: ${unexpected} unexpected answers of ${answered} (expected ${expectedStatus})`);
  // On a saturated machine a submission (one scrypt each) may not finish within a short run: 0 req/s is the figure then.
  if (answered === 0) console.warn(`  ${method} ${url}: no answer within ${seconds} s`);
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

export async function runServer({ seconds = 3, rounds = 3, connections = 10 } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-bench-server-'));
  // Production logging (a line per request); the per-client report limit stops abuse, and this load comes from one client.
  const reference = await startReferenceServerProcess(dataDir, { WEERBAAR_REPORTS_PER_CLIENT: '100000000', WEERBAAR_LOG_LEVEL: 'info' });
  let bare;
  try {
    const documents = {};
    for (const path of CONTENT_PATHS) {
      for (const coding of CODINGS) {
        const document = await documentAsSent(`${reference.origin}${path}`, coding);
        if (!document.etag) throw new Error(`${path} has no ETag`);
        documents[`${path} ${coding}`] = document;
      }
    }
    const submitted = await fetch(`${reference.apiUrl}/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }, body: REPORT });
    if (submitted.status !== 201) throw new Error(`POST /v1/reports answered ${submitted.status}`);
    // Same size as the real answer; its content (a receipt) is never printed.
    const receiptAnswer = 'x'.repeat((await submitted.text()).length);
    bare = await startProgram(BARE_SERVER, { DOCUMENTS: JSON.stringify(documents), RECEIPT_ANSWER: receiptAnswer });

    const scenarios = [];
    for (const coding of CODINGS) {
      for (const path of CONTENT_PATHS) {
        const { etag } = documents[`${path} ${coding}`];
        const asked = coding === 'identity' ? {} : { 'accept-encoding': coding };
        const label = `GET ${path}${coding === 'identity' ? '' : `, ${coding}`}`;
        scenarios.push({ label, real: { url: `${reference.origin}${path}`, headers: asked, expectedStatus: 200 }, bare: { url: `${bare.origin}${path}`, headers: asked, expectedStatus: 200 } });
        scenarios.push({
          label: `${label}, If-None-Match (304)`,
          real: { url: `${reference.origin}${path}`, headers: { ...asked, 'if-none-match': etag }, expectedStatus: 304 },
          bare: { url: `${bare.origin}${path}`, headers: { ...asked, 'if-none-match': etag }, expectedStatus: 304 },
        });
      }
    }
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: REPORT, expectedStatus: 201, uniqueIdempotencyKey: true };
    scenarios.push({ label: 'POST /v1/reports (bare: one scrypt)', real: { ...post, url: `${reference.apiUrl}/reports` }, bare: { ...post, url: `${bare.origin}/v1/reports` } });

    const results = [];
    for (const scenario of scenarios) {
      const runs = await interleave(rounds, {
        bare: () => load({ ...scenario.bare, connections, seconds }),
        real: () => load({ ...scenario.real, connections, seconds }),
      });
      const summary = (list) => ({
        requestsPerSecond: median(list.map((run) => run.requestsPerSecond)),
        p50: median(list.map((run) => run.p50)),
        p99: median(list.map((run) => run.p99)),
        runs: list,
      });
      results.push({ label: scenario.label, bare: summary(runs.bare), reference: summary(runs.real) });
    }
    return { seconds, rounds, connections, scenarios: results };
  } finally {
    await bare?.stop();
    await reference.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function serverTable({ seconds, rounds, connections, scenarios }) {
  return renderTable(
    `Server: reference server vs bare node:http, same bytes, ${connections} connections, median of ${rounds} interleaved ${seconds} s runs`,
    ['scenario', 'bare req/s', 'ours req/s', 'ours/bare req/s', 'bare p50/p99 ms', 'ours p50/p99 ms', 'ours/bare p99'],
    scenarios.map(({ label, bare, reference }) => [
      label,
      bare.requestsPerSecond.toFixed(0),
      reference.requestsPerSecond.toFixed(0),
      formatRatio(ratio(reference.requestsPerSecond, bare.requestsPerSecond)),
      `${bare.p50}/${bare.p99}`,
      `${reference.p50}/${reference.p99}`,
      formatRatio(ratio(reference.p99, bare.p99)),
    ]),
  );
}
