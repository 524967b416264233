// Server: autocannon against the built reference server (real HTTP on 127.0.0.1, a real SQLite
// file, production logging) and, in the same run with the same concurrency, against bare node:http
// servers: the content documents (200, and 304 to If-None-Match; asked without Accept-Encoding and
// with `br`, as a browser asks), and a report submission that does only what bounds the real one,
// one scrypt with the receipt hash's parameters. Two bare servers answer the content: one with
// the reference server's very bytes (every header, in order, and the body; a fresh Request-Id per
// answer), the baseline goal 3 is judged on, and one with only the 3–5 headers a bare server needs
// (the baseline of earlier rounds, kept for comparison: the load generator parses every header, so
// 13 headers cost the client as much as the server). Runs are interleaved (bare, bare, real, …) so
// drift in machine load hits all alike. The load generator shares the machine with the servers:
// the ratios are the result, not the rates.
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
/** Headers node:http writes itself (the bare server's node writes the same ones). */
const WRITTEN_BY_NODE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** One answer exactly as sent (node:http does not decode): status, raw headers in order, body. */
function answerAsSent(url, headers) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, rawHeaders: response.rawHeaders, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/** The headers a server chose, as a flat [name, value, …] list in their order (without node's own). */
const ownHeaders = (rawHeaders) => rawHeaders.flatMap((value, index) => (index % 2 === 0 && !WRITTEN_BY_NODE.has(value.toLowerCase()) ? [value, rawHeaders[index + 1]] : []));

/** A content document as the reference server sends it for one coding: its 200 and its 304, every byte. */
async function documentAsSent(url, coding) {
  const asked = coding === 'identity' ? {} : { 'accept-encoding': coding };
  const ok = await answerAsSent(url, asked);
  const sent = ok.headers['content-encoding'] ?? 'identity';
  if (ok.status !== 200 || sent !== coding) throw new Error(`${url} answered ${ok.status} in ${sent} when asked for ${coding}`);
  if (!ok.headers.etag) throw new Error(`${url} has no ETag`);
  const notModified = await answerAsSent(url, { ...asked, 'if-none-match': ok.headers.etag });
  if (notModified.status !== 304) throw new Error(`${url} answered ${notModified.status} to its own ETag`);
  return {
    body: ok.body.toString('base64'),
    etag: ok.headers.etag,
    coding,
    headers: ownHeaders(ok.rawHeaders),
    notModifiedHeaders: ownHeaders(notModified.rawHeaders),
    keepAliveSeconds: Number(/timeout=(\d+)/.exec(ok.headers['keep-alive'] ?? '')?.[1] ?? 5),
  };
}

/** What a comparison of two answers sees: status, headers in order (Request-Id and Date values masked), body. */
const comparable = ({ status, rawHeaders, body }) =>
  JSON.stringify([status, rawHeaders.map((value, index) => (index % 2 === 1 && /^(request-id|date)$/i.test(rawHeaders[index - 1]) ? '…' : value)), body.toString('base64')]);

/** Throws unless the bare server answers `path` with the reference server's bytes (apart from Request-Id and Date). */
async function assertSameBytes(reference, bare, path, headers) {
  const [ours, theirs] = await Promise.all([answerAsSent(reference + path, headers), answerAsSent(bare + path, headers)]);
  if (comparable(ours) !== comparable(theirs)) throw new Error(`the same-bytes bare server differs from the reference server for ${path} ${JSON.stringify(headers)}:\n${comparable(ours)}\n${comparable(theirs)}`);
}

const REPORT = JSON.stringify({
  role: 'civil-servant',
  category: 'threat-intimidation',
  content: { description: 'Meetrapport: een verzonnen melding om de doorvoer te meten.' },
});

// A bare server for every scenario: fixed documents by path and Accept-Encoding, the bytes the
// reference server sent (its brotli body as it is, with its ETag for that coding, so that
// If-None-Match gets a 304 as cheaply as node:http can), and POST answered after one scrypt
// with the receipt hash's parameters (packages/server/src/security/receipts.ts). HEADERS=same: every
// header the reference server sent, in its order, with a fresh Request-Id drawn as the reference
// server draws it (plugins/request-id.ts); HEADERS=few: only the ones a bare server needs.
const BARE_SERVER = `
  import { createServer } from 'node:http';
  import { randomBytes, randomFillSync, scrypt } from 'node:crypto';
  const documents = JSON.parse(process.env.DOCUMENTS);
  const sameHeaders = process.env.HEADERS === 'same';
  const receiptAnswer = process.env.RECEIPT_ANSWER;
  const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
  const pool = Buffer.alloc(3072);
  let used = pool.length;
  const newRequestId = () => {
    if (used === pool.length) { randomFillSync(pool); used = 0; }
    used += 12;
    return pool.toString('base64url', used - 12, used);
  };
  for (const document of Object.values(documents)) document.body = Buffer.from(document.body, 'base64');
  const withRequestId = (headers) => headers.map((value, index) => (index % 2 === 1 && headers[index - 1].toLowerCase() === 'request-id' ? newRequestId() : value));
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
    const notModified = request.headers['if-none-match'] === document.etag;
    if (sameHeaders) {
      response.writeHead(notModified ? 304 : 200, withRequestId(notModified ? document.notModifiedHeaders : document.headers));
      response.end(notModified ? undefined : document.body);
      return;
    }
    const coding = document.coding === 'identity' ? {} : { 'content-encoding': document.coding, vary: 'Accept-Encoding' };
    if (notModified) { response.writeHead(304, { etag: document.etag, ...coding }).end(); return; }
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': document.body.length, etag: document.etag, ...coding });
    response.end(document.body);
  });
  // The same idle timeout as the reference server, so that the Keep-Alive header is the same too.
  if (sameHeaders) server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_SECONDS) * 1000;
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
  let bareSameBytes;
  try {
    const documents = {};
    for (const path of CONTENT_PATHS) {
      for (const coding of CODINGS) documents[`${path} ${coding}`] = await documentAsSent(`${reference.origin}${path}`, coding);
    }
    const submitted = await fetch(`${reference.apiUrl}/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }, body: REPORT });
    if (submitted.status !== 201) throw new Error(`POST /v1/reports answered ${submitted.status}`);
    // Same size as the real answer; its content (a receipt) is never printed.
    const receiptAnswer = 'x'.repeat((await submitted.text()).length);
    const environment = { DOCUMENTS: JSON.stringify(documents), RECEIPT_ANSWER: receiptAnswer };
    bare = await startProgram(BARE_SERVER, { ...environment, HEADERS: 'few' });
    bareSameBytes = await startProgram(BARE_SERVER, { ...environment, HEADERS: 'same', KEEP_ALIVE_SECONDS: String(documents[`${CONTENT_PATHS[0]} identity`].keepAliveSeconds) });

    const scenarios = [];
    for (const coding of CODINGS) {
      for (const path of CONTENT_PATHS) {
        const { etag } = documents[`${path} ${coding}`];
        const asked = coding === 'identity' ? {} : { 'accept-encoding': coding };
        const label = `GET ${path}${coding === 'identity' ? '' : `, ${coding}`}`;
        for (const [suffix, headers, expectedStatus] of [['', asked, 200], [', If-None-Match (304)', { ...asked, 'if-none-match': etag }, 304]]) {
          await assertSameBytes(reference.origin, bareSameBytes.origin, path, headers);
          scenarios.push({
            label: label + suffix,
            real: { url: `${reference.origin}${path}`, headers, expectedStatus },
            bare: { url: `${bare.origin}${path}`, headers, expectedStatus },
            bareSameBytes: { url: `${bareSameBytes.origin}${path}`, headers, expectedStatus },
          });
        }
      }
    }
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: REPORT, expectedStatus: 201, uniqueIdempotencyKey: true };
    scenarios.push({ label: 'POST /v1/reports (bare: one scrypt)', real: { ...post, url: `${reference.apiUrl}/reports` }, bare: { ...post, url: `${bare.origin}/v1/reports` } });

    const summary = (list) => ({
      requestsPerSecond: median(list.map((run) => run.requestsPerSecond)),
      p50: median(list.map((run) => run.p50)),
      p99: median(list.map((run) => run.p99)),
      runs: list,
    });
    const results = [];
    for (const scenario of scenarios) {
      const runs = await interleave(rounds, {
        bare: () => load({ ...scenario.bare, connections, seconds }),
        ...(scenario.bareSameBytes && { bareSameBytes: () => load({ ...scenario.bareSameBytes, connections, seconds }) }),
        real: () => load({ ...scenario.real, connections, seconds }),
      });
      results.push({
        label: scenario.label,
        bare: summary(runs.bare),
        ...(runs.bareSameBytes && { bareSameBytes: summary(runs.bareSameBytes) }),
        reference: summary(runs.real),
      });
    }
    return { seconds, rounds, connections, scenarios: results };
  } finally {
    await bare?.stop();
    await bareSameBytes?.stop();
    await reference.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function serverTable({ seconds, rounds, connections, scenarios }) {
  const perSecond = (run) => (run ? run.requestsPerSecond.toFixed(0) : '–');
  return renderTable(
    `Server: reference server vs bare node:http (the same bytes; and with 3–5 headers), ${connections} connections, median of ${rounds} interleaved ${seconds} s runs`,
    ['scenario', 'bare, same bytes req/s', 'ours req/s', 'ours/bare same bytes', 'bare, few headers req/s', 'ours/bare few headers', 'bare same bytes / few headers p50/p99 ms', 'ours p50/p99 ms'],
    scenarios.map(({ label, bare, bareSameBytes, reference }) => [
      label,
      perSecond(bareSameBytes),
      perSecond(reference),
      bareSameBytes ? formatRatio(ratio(reference.requestsPerSecond, bareSameBytes.requestsPerSecond)) : '–',
      perSecond(bare),
      formatRatio(ratio(reference.requestsPerSecond, bare.requestsPerSecond)),
      `${bareSameBytes ? `${bareSameBytes.p50}/${bareSameBytes.p99}` : '–'} / ${bare.p50}/${bare.p99}`,
      `${reference.p50}/${reference.p99}`,
    ]),
  );
}
