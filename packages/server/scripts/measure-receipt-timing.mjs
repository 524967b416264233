// Measures how long the built reference server takes to answer `POST /v1/follow-up/sessions` for
// wrong receipts that share 0, 12 or 23 of the receipt's 24 characters with the right one, and for
// the right receipt itself: medians, spread and ratios. A guess that shares a longer prefix must
// not be answered faster or slower (the tests prove that structurally; this shows it in figures).
//
//   npm run build -w @weerbaar/server && node packages/server/scripts/measure-receipt-timing.mjs
//
// Environment: MEASURE_ROUNDS (default 40 per class). The classes are sent interleaved, one request
// at a time, so that machine load affects them alike. Real HTTP on 127.0.0.1, a real SQLite database
// in a fresh temporary directory. The server is started in this process through the package's own
// public API (`startServer` from dist/), like an embedding would: no test helpers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PREFIX_LENGTHS = [0, 12, 23];

/**
 * A wrong receipt that shares exactly the first `length` characters of `receipt` (dashes
 * included, as printed), every later letter or digit replaced by another one.
 */
export function guessSharingPrefix(receipt, length) {
  let guess = receipt.slice(0, length);
  for (const char of receipt.slice(length)) {
    guess += char === '-' ? '-' : ALPHABET[(ALPHABET.indexOf(char) + 1) % ALPHABET.length];
  }
  return guess;
}

function quantile(sorted, q) {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

async function timeOpen(apiUrl, receipt) {
  const started = performance.now();
  const response = await fetch(`${apiUrl}/follow-up/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ receipt }),
  });
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

async function main() {
  const rounds = Number(process.env.MEASURE_ROUNDS ?? 40);
  const { loadConfig, startServer } = await import('../dist/index.js');
  const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-receipt-timing-'));
  const config = loadConfig({
    PORT: '0',
    WEERBAAR_DATA_DIR: dataDir,
    WEERBAAR_LOG_LEVEL: 'warn',
    WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '1000000',
    WEERBAAR_FOLLOW_UP_MAX_FAILURES_TOTAL: '1000000',
    WEERBAAR_FOLLOW_UP_MAX_SESSIONS_PER_CASE: '1000000',
  });
  const running = await startServer(config);
  const server = { apiUrl: `${running.url}/v1` };
  try {
    const submitted = await fetch(`${server.apiUrl}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ role: 'civil-servant', category: 'bribery', content: { description: 'Meting van de tijd per ontvangstcode.' } }),
    });
    const { receipt } = await submitted.json();
    const classes = [
      ...PREFIX_LENGTHS.map((length) => ({ label: `wrong, ${length} of 24 characters right`, receipt: guessSharingPrefix(receipt, length), expected: 401 })),
      { label: 'right receipt', receipt, expected: 201 },
    ];
    // Warm-up: the first scrypt calls and connections are slower for every class alike.
    for (const entry of classes) await timeOpen(server.apiUrl, entry.receipt);
    const samples = classes.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [index, entry] of classes.entries()) {
        const { ms, status } = await timeOpen(server.apiUrl, entry.receipt);
        if (status !== entry.expected) throw new Error(`${entry.label}: expected ${entry.expected}, got ${status}`);
        samples[index].push(ms);
      }
    }
    const baseline = quantile([...samples[0]].sort((a, b) => a - b), 0.5);
    console.log(`POST /v1/follow-up/sessions, ${rounds} requests per class, interleaved (ms)`);
    console.log('| class | median | p10 | p90 | p90 − p10 | median / median of 0 right |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const [index, entry] of classes.entries()) {
      const sorted = [...samples[index]].sort((a, b) => a - b);
      const [median, p10, p90] = [0.5, 0.1, 0.9].map((q) => quantile(sorted, q));
      console.log(`| ${entry.label} | ${median.toFixed(1)} | ${p10.toFixed(1)} | ${p90.toFixed(1)} | ${(p90 - p10).toFixed(1)} | ${(median / baseline).toFixed(3)} |`);
    }
  } finally {
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
