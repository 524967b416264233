// Growth: does a request cost the same with 1k, 10k and 100k cases in the database? For each size
// a fresh data directory is seeded directly (SqliteStore from @weerbaar/server opens and migrates
// it; the rows go in with one transaction, much faster than a report at a time; a trigger keeps the
// year's reference counter at the highest number inserted), then the built reference server is
// started on it and measured over HTTP, one request at a time: report submission and the handler's
// case listing (first page, filtered by status, sorted by a deadline, a deep page, overdue).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore, deadlinesOnReceipt, feedbackDueAfterAcknowledgement } from '@weerbaar/server';
import { startReferenceServer } from '../test-support/reference-server.mjs';
import { formatRatio, median, ratio } from './lib/stats.mjs';
import { renderTable } from './lib/table.mjs';

const ROLES = ['civil-servant', 'administrator', 'council-member', 'other'];
const CATEGORIES = ['threat-intimidation', 'bribery', 'infiltration', 'undue-pressure', 'other'];
const OUTCOMES = ['measures-taken', 'referred', 'no-action-needed', 'insufficient-information', 'withdrawn'];
const DAY = 24 * 60 * 60 * 1000;
const SPAN_DAYS = 3 * 365;
const PAGE_SIZE = 20;

const SENTENCES = [
  'Na de raadsvergadering sprak een projectontwikkelaar mij aan bij de fiets.',
  'Hij bood aan de verbouwing van mijn huis te betalen als de vergunning er snel kwam.',
  'Er werd een foto van mijn kinderen bij school in mijn brievenbus gelegd.',
  'Een leverancier vroeg herhaaldelijk naar de inhoud van een vertrouwelijke aanbesteding.',
  'Op sociale media worden mijn adres en dat van mijn ouders gedeeld met dreigende teksten.',
  'Een collega heeft toegang gegeven tot het zaaksysteem aan iemand van buiten.',
  'Ik werd onder druk gezet om een handhavingsbesluit uit te stellen.',
  'De horecaondernemer zei dat het slecht zou aflopen als de sluiting doorging.',
];

/** A deterministic pseudo-random sequence, so that every size is seeded with the same kind of cases. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}
const pick = (next, list) => list[Math.floor(next() * list.length)];

/** Cases spread over three years up to now: older ones mostly closed, recent ones still open. */
function* realisticCases(count, now) {
  const next = random(count);
  const receivedTimes = Array.from({ length: count }, () => now - Math.floor(next() * SPAN_DAYS * DAY)).sort((a, b) => a - b);
  const perYear = new Map();
  for (const time of receivedTimes) {
    const receivedAt = new Date(time).toISOString();
    const ageDays = (now - time) / DAY;
    const roll = next();
    const status = ageDays < 7 && roll < 0.6 ? 'received' : ageDays < 120 && roll < 0.5 ? 'acknowledged' : ageDays < 200 && roll < 0.8 ? 'investigating' : 'closed';
    const { acknowledgeDueAt, feedbackDueAt } = deadlinesOnReceipt(receivedAt);
    const acknowledgedAt = status === 'received' ? undefined : new Date(time + (1 + Math.floor(next() * 6)) * DAY).toISOString();
    const year = receivedAt.slice(0, 4);
    const number = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, number);
    const sentences = Array.from({ length: 2 + Math.floor(next() * 5) }, () => pick(next, SENTENCES));
    yield {
      id: randomUUID(),
      reference: `WB-${year}-${String(number).padStart(4, '0')}`,
      receiptHash: randomBytes(32),
      role: pick(next, ROLES),
      category: pick(next, CATEGORIES),
      locale: next() < 0.9 ? 'nl' : 'en',
      status,
      outcome: status === 'closed' ? pick(next, OUTCOMES) : null,
      receivedAt,
      acknowledgeDueAt,
      acknowledgedAt: acknowledgedAt ?? null,
      feedbackDueAt: acknowledgedAt ? feedbackDueAfterAcknowledgement(acknowledgedAt) : feedbackDueAt,
      feedbackGivenAt: status === 'closed' ? new Date(time + 60 * DAY).toISOString() : null,
      content: JSON.stringify({ description: sentences.join(' '), location: next() < 0.5 ? 'Stadhuis, Voorbeeldstad' : undefined }),
    };
  }
}

export async function seedCases(dataDir, count) {
  const store = await SqliteStore.open(dataDir);
  try {
    const insertCase = store.db.prepare(
      `INSERT INTO cases (id, reference, receipt_hash, role, category, locale, status, outcome, received_at, acknowledge_due_at,
         acknowledged_at, feedback_due_at, feedback_given_at, consents_json, content_json)
       VALUES (@id, @reference, @receiptHash, @role, @category, @locale, @status, @outcome, @receivedAt, @acknowledgeDueAt,
         @acknowledgedAt, @feedbackDueAt, @feedbackGivenAt, '["privacy-statement"]', @content)`,
    );
    const insertEvent = store.db.prepare(`INSERT INTO case_events (case_id, at, type, status) VALUES (?, ?, ?, ?)`);
    store.db.transaction(() => {
      for (const seeded of realisticCases(count, Date.now())) {
        insertCase.run(seeded);
        insertEvent.run(seeded.id, seeded.receivedAt, 'received', 'received');
        if (seeded.acknowledgedAt) insertEvent.run(seeded.id, seeded.acknowledgedAt, 'acknowledged', 'acknowledged');
        if (seeded.status === 'closed') insertEvent.run(seeded.id, seeded.feedbackGivenAt, 'closed', 'closed');
      }
    })();
  } finally {
    await store.close();
  }
}

const REPORT = JSON.stringify({ role: 'council-member', category: 'bribery', content: { description: SENTENCES.slice(0, 3).join(' ') } });

/** Sequential requests (one client, nothing else running against the server): median ms per request. */
async function timeRequests(count, send) {
  const times = [];
  for (let i = 0; i < count + 2; i++) {
    const started = performance.now();
    await send();
    if (i >= 2) times.push(performance.now() - started);
  }
  return median(times);
}

async function expectStatus(response, status, what) {
  await response.arrayBuffer();
  if (response.status !== status) throw new Error(`${what} answered ${response.status}`);
}

export async function runGrowth({ sizes = [1_000, 10_000, 100_000], requests = 15 } = {}) {
  const results = [];
  for (const size of sizes) {
    const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-bench-growth-'));
    try {
      const seedStarted = performance.now();
      await seedCases(dataDir, size);
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const server = await startReferenceServer({ dataDir, env: { WEERBAAR_REPORTS_PER_CLIENT: '100000000', WEERBAAR_LOG_LEVEL: 'warn' } });
      try {
        const authorization = { authorization: `Bearer ${server.handlerToken}` };
        const list = (query) => () =>
          fetch(`${server.apiUrl}/cases${query}`, { headers: authorization }).then((response) => expectStatus(response, 200, `GET /cases${query}`));
        const deepPage = Math.max(1, Math.floor((size * 0.9) / PAGE_SIZE));
        const measures = {
          submit: await timeRequests(requests, () =>
            fetch(`${server.apiUrl}/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: REPORT })
              .then((response) => expectStatus(response, 201, 'POST /reports'))),
          firstPage: await timeRequests(requests, list('')),
          byStatus: await timeRequests(requests, list('?status=investigating')),
          byDeadline: await timeRequests(requests, list('?sort=feedbackDueAt')),
          deepPage: await timeRequests(requests, list(`?page=${deepPage}`)),
          overdue: await timeRequests(requests, list('?overdue=true&sort=acknowledgeDueAt')),
        };
        results.push({ size, seedSeconds, deepPage, medians: measures });
      } finally {
        await server.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return { requests, results };
}

const LABELS = {
  submit: 'POST /v1/reports',
  firstPage: 'GET /v1/cases (first page)',
  byStatus: 'GET /v1/cases?status=investigating',
  byDeadline: 'GET /v1/cases?sort=feedbackDueAt',
  deepPage: 'GET /v1/cases?page=(90 %)',
  overdue: 'GET /v1/cases?overdue=true&sort=acknowledgeDueAt',
};

export function growthTable({ requests, results }) {
  const [smallest] = results;
  const header = ['request', ...results.flatMap(({ size }) => (size === smallest.size ? [`${size} ms`] : [`${size} ms`, `vs ${smallest.size}`]))];
  const rows = Object.entries(LABELS).map(([key, label]) => [
    label,
    ...results.flatMap(({ size, medians }) => {
      const value = medians[key].toFixed(1);
      return size === smallest.size ? [value] : [value, formatRatio(ratio(medians[key], smallest.medians[key]))];
    }),
  ]);
  return renderTable(`Growth: median ms per request (one client, ${requests} sequential requests) by number of cases, and the ratio to ${smallest.size}`, header, rows);
}
