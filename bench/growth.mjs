// Growth: does a request cost the same with 1k, 10k and 100k cases in the database, on SQLite and on
// PostgreSQL? For each engine and size a fresh database is seeded directly (the store from
// @weerbaar/server opens and migrates it; the same rows go in through the same SQL in one transaction,
// much faster than a report at a time; a trigger keeps the year's reference counter at the highest
// number inserted), then the built reference server is started on it and measured over HTTP, one
// request at a time: report submission and the handler's case list (first page, filtered by status,
// sorted by a deadline, a page at 90 % depth, overdue), by cursor and by page number (old clients).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore, SqliteStore, deadlinesOnReceipt, feedbackDueAfterAcknowledgement, sqlRunnerFor } from '@weerbaar/server';
import { findPostgresBinaries, startPostgres } from '../test-support/postgres.mjs';
import { createTestDatabase, startReferenceServer } from '../test-support/reference-server.mjs';
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

const CASE_COLUMNS = `id, reference, receipt_hash, role, category, locale, status, outcome, received_at, acknowledge_due_at,
  acknowledged_at, feedback_due_at, feedback_given_at, consents_json, content_json`;
/** Rows per INSERT: well under SQLite's 32 766 parameters and PostgreSQL's 65 535. */
const ROWS_PER_INSERT = 400;

/** One multi-row INSERT per ROWS_PER_INSERT rows, in `?` parameters (the SQL both engines' stores are written in). */
function* inserts(table, columns, rows, width) {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    yield { sql: `INSERT INTO ${table} (${columns}) VALUES ${chunk.map(() => tuple).join(', ')}`, params: chunk.flat() };
  }
}

/**
 * Seeds `count` cases into an opened (migrated) store, SQLite or PostgreSQL alike: the same rows, the
 * same SQL, in one transaction through the store's own handle (`sqlRunnerFor`). PostgreSQL's table
 * is then vacuumed and analysed, as autovacuum does with a table that grew to this size.
 */
export async function seedCases(store, count) {
  const cases = [];
  const events = [];
  for (const seeded of realisticCases(count, Date.now())) {
    cases.push([seeded.id, seeded.reference, seeded.receiptHash, seeded.role, seeded.category, seeded.locale, seeded.status, seeded.outcome, seeded.receivedAt,
      seeded.acknowledgeDueAt, seeded.acknowledgedAt, seeded.feedbackDueAt, seeded.feedbackGivenAt, '["privacy-statement"]', seeded.content]);
    events.push([seeded.id, seeded.receivedAt, 'received', 'received']);
    if (seeded.acknowledgedAt) events.push([seeded.id, seeded.acknowledgedAt, 'acknowledged', 'acknowledged']);
    if (seeded.status === 'closed') events.push([seeded.id, seeded.feedbackGivenAt, 'closed', 'closed']);
  }
  const runner = sqlRunnerFor(store);
  await runner.batch([...inserts('cases', CASE_COLUMNS, cases, 15), ...inserts('case_events', 'case_id, at, type, status', events, 4)]);
  // What autovacuum does to a table that grew by this many rows: statistics for the planner, and the
  // visibility map that lets a count read the index alone (without it every counted row is read too).
  if (runner.engine === 'postgres') await runner.run('VACUUM ANALYZE cases', []);
}

const REPORT = JSON.stringify({ role: 'council-member', category: 'bribery', content: { description: SENTENCES.slice(0, 3).join(' ') } });

/**
 * Sequential requests (one client), to every size's server in turn, the first one rotating each round,
 * so that a change in the machine's load hits every size alike: the median ms per request of each.
 */
async function timeInterleaved(count, sends) {
  const times = sends.map(() => []);
  for (let round = 0; round < count + 2; round++) {
    for (let turn = 0; turn < sends.length; turn++) {
      const which = (round + turn) % sends.length;
      const started = performance.now();
      await sends[which]();
      if (round >= 2) times[which].push(performance.now() - started);
    }
  }
  return times.map(median);
}

async function expectStatus(response, status, what) {
  await response.arrayBuffer();
  if (response.status !== status) throw new Error(`${what} answered ${response.status}`);
}

/** Where a size's cases live: a fresh SQLite data directory, or a fresh database on the bench's PostgreSQL cluster. */
const ENGINES = {
  sqlite: () => async (dataDir) => ({ store: await SqliteStore.open(dataDir), serverOptions: {}, drop: async () => {} }),
  postgres: (adminUrl) => async () => {
    const database = await createTestDatabase(adminUrl);
    try {
      return { store: await PostgresStore.open(database.url), serverOptions: { databaseUrl: database.url }, drop: database.drop };
    } catch (error) {
      await database.drop();
      throw error;
    }
  },
};

/**
 * No rate limit on the bench's one client; and every closing outcome kept 10 years, so that the
 * retention sweep deletes none of the three years of seeded cases while they are measured (with the
 * default periods it deleted the ~37 % closed more than a year ago just after the start).
 */
const SERVER_ENV = {
  WEERBAAR_REPORTS_PER_CLIENT: '100000000',
  WEERBAAR_LOG_LEVEL: 'warn',
  ...Object.fromEntries(OUTCOMES.map((outcome) => [`WEERBAAR_RETENTION_DAYS_${outcome.toUpperCase().replace(/-/g, '_')}`, '3650'])),
};

/** The lists measured both ways: by cursor (what goal 4 is judged on) and by page number (old clients). */
const LISTS = {
  firstPage: '',
  byStatus: 'status=investigating',
  byDeadline: 'sort=feedbackDueAt',
  overdue: 'overdue=true&sort=acknowledgeDueAt',
};
/** The largest page the contract allows (PageSize), to walk to a deep cursor in few requests. */
const WALK_PAGE_SIZE = 100;

/**
 * The cursor at `depth` cases into the newest-first list, reached as a client does: from the first
 * page, each next page from the previous answer's `nextCursor` (the cursor is opaque; nothing forged).
 */
async function cursorAtDepth(server, headers, depth) {
  let cursor;
  for (let passed = 0; passed < depth; ) {
    const query = cursor ? `cursor=${cursor}` : 'paging=cursor';
    const response = await fetch(`${server.apiUrl}/cases?${query}&pageSize=${Math.min(WALK_PAGE_SIZE, depth - passed)}`, { headers });
    if (response.status !== 200) throw new Error(`walking the cursor list answered ${response.status}`);
    const page = await response.json();
    passed += page.items.length;
    cursor = page.nextCursor;
    if (!cursor) throw new Error(`the cursor list ended after ${passed} cases, before ${depth}`);
  }
  return cursor;
}

/** Every request of the table against every size's running server, interleaved (`timeInterleaved`). */
async function measureSizes(running, requests) {
  const medians = running.map(() => ({}));
  const record = async (key, sendOf) => {
    const values = await timeInterleaved(requests, running.map(sendOf));
    values.forEach((value, index) => (medians[index][key] = value));
  };
  const list = ({ server, headers }, query) => () =>
    fetch(`${server.apiUrl}/cases${query ? `?${query}` : ''}`, { headers }).then((response) => expectStatus(response, 200, `GET /cases?${query}`));
  await record('submit', ({ server }) => () =>
    fetch(`${server.apiUrl}/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: REPORT })
      .then((response) => expectStatus(response, 201, 'POST /reports')));
  for (const [key, query] of Object.entries(LISTS)) {
    await record(`cursor${key[0].toUpperCase()}${key.slice(1)}`, (size) => list(size, ['paging=cursor', query].filter(Boolean).join('&')));
  }
  // After the submissions, so that the walk and the page-number deep page start from the same list.
  const deepPages = running.map(({ size }) => Math.max(1, Math.floor((size * 0.9) / PAGE_SIZE)));
  const deepCursors = [];
  for (const [index, { server, headers }] of running.entries()) deepCursors.push(await cursorAtDepth(server, headers, (deepPages[index] - 1) * PAGE_SIZE));
  await record('cursorDeepPage', (size, index) => list(size, `cursor=${deepCursors[index]}`));
  for (const [key, query] of Object.entries(LISTS)) await record(key, (size) => list(size, query));
  await record('deepPage', (size, index) => list(size, `page=${deepPages[index]}`));
  return running.map(({ size, seedSeconds }, index) => ({ size, seedSeconds, deepPage: deepPages[index], medians: medians[index] }));
}

/** Seeds a database of every size, starts a server on each, and measures them side by side. */
async function growthOn(openEngine, sizes, requests) {
  const running = [];
  try {
    for (const size of sizes) {
      const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-bench-growth-'));
      const entry = { size, dataDir, drop: async () => {} };
      running.push(entry);
      const { store, serverOptions, drop } = await openEngine(dataDir);
      entry.drop = drop;
      const seedStarted = performance.now();
      try {
        await seedCases(store, size);
      } finally {
        await store.close();
      }
      entry.seedSeconds = (performance.now() - seedStarted) / 1000;
      entry.server = await startReferenceServer({ dataDir, ...serverOptions, env: SERVER_ENV });
      entry.headers = { authorization: `Bearer ${entry.server.handlerToken}` };
    }
    return await measureSizes(running, requests);
  } finally {
    for (const { server, drop, dataDir } of running) {
      await server?.stop();
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

/**
 * Every size on SQLite, then on PostgreSQL (a throwaway cluster, test-support/postgres.mjs); without
 * PostgreSQL's binaries, or when its cluster does not start, `skipped.postgres` says why.
 */
export async function runGrowth({ sizes = [1_000, 10_000, 100_000], requests = 25 } = {}) {
  const stores = { sqlite: await growthOn(ENGINES.sqlite(), sizes, requests) };
  const skipped = {};
  if (!findPostgresBinaries()) skipped.postgres = 'PostgreSQL binaries missing (no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql)';
  else {
    let cluster;
    try {
      cluster = await startPostgres();
    } catch (error) {
      skipped.postgres = `the PostgreSQL cluster did not start (${error.message.split('\n')[0]})`;
    }
    if (cluster) {
      try {
        stores.postgres = await growthOn(ENGINES.postgres(cluster.url), sizes, requests);
      } finally {
        await cluster.stop();
      }
    }
  }
  return { requests, stores, skipped };
}

const LABELS = {
  submit: 'POST /v1/reports',
  cursorFirstPage: 'GET /v1/cases?paging=cursor (first page)',
  cursorByStatus: 'GET /v1/cases?paging=cursor&status=investigating',
  cursorByDeadline: 'GET /v1/cases?paging=cursor&sort=feedbackDueAt',
  cursorDeepPage: 'GET /v1/cases?cursor=(90 %)',
  cursorOverdue: 'GET /v1/cases?paging=cursor&overdue=true&sort=acknowledgeDueAt',
  firstPage: 'old clients: GET /v1/cases (first page)',
  byStatus: 'old clients: GET /v1/cases?status=investigating',
  byDeadline: 'old clients: GET /v1/cases?sort=feedbackDueAt',
  deepPage: 'old clients: GET /v1/cases?page=(90 %)',
  overdue: 'old clients: GET /v1/cases?overdue=true&sort=acknowledgeDueAt',
};
const ENGINE_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function engineTable(engine, requests, results) {
  const [smallest] = results;
  const header = ['request', ...results.flatMap(({ size }) => (size === smallest.size ? [`${size} ms`] : [`${size} ms`, `vs ${smallest.size}`]))];
  const rows = Object.entries(LABELS).map(([key, label]) => [
    label,
    ...results.flatMap(({ size, medians }) => {
      const value = medians[key].toFixed(1);
      return size === smallest.size ? [value] : [value, formatRatio(ratio(medians[key], smallest.medians[key]))];
    }),
  ]);
  return renderTable(`Growth on ${ENGINE_NAMES[engine]}: median ms per request (one client, ${requests} sequential requests to each size, interleaved) by number of cases, and the ratio to ${smallest.size}`, header, rows);
}

export function growthTable({ requests, stores, skipped = {} }) {
  return [
    ...Object.entries(stores).map(([engine, results]) => engineTable(engine, requests, results)),
    ...Object.entries(skipped).map(([engine, why]) => `### Growth on ${ENGINE_NAMES[engine]}\n\nnot measured: ${why}`),
  ].join('\n\n');
}
