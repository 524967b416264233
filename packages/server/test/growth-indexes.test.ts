// Case lists and submissions that stay flat as the database grows (migration 6): every list filter
// and sort is served by an index — proved on the query plans the engines print, not on timings —
// and case references come from a per-year counter that continues the numbering of an existing
// database and gives each of many concurrent submissions its own number, without gaps.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createTestDatabase, testDatabase } from '../../../test-support/reference-server.mjs';
import { deadlinesOnReceipt } from '../src/domain/deadlines.js';
import { PostgresStore } from '../src/storage/postgres-store.js';
import { caseListQuery, caseValues } from '../src/storage/rows.js';
import { DATABASE_FILE, SqliteStore } from '../src/storage/sqlite-store.js';
import { caseListPageParams, caseListSql, SQL } from '../src/storage/statements.js';
import { IdempotencyClaimLostError, type CaseFilter, type NewReport, type Store } from '../src/storage/store.js';

const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const onSqlite = testDatabase === 'postgres' && 'SQLite store: runs in the SQLite suite';
const onPostgres = testDatabase !== 'postgres' && 'needs PostgreSQL: runs in the "server on PostgreSQL" suite of npm test (WEERBAAR_TEST_POSTGRES_URL)';

const SORTS = ['receivedAt', 'acknowledgeDueAt', 'feedbackDueAt'] as const;
const SORT_INDEX = { receivedAt: 'received_at', acknowledgeDueAt: 'acknowledge_due_at', feedbackDueAt: 'feedback_due_at' } as const;
const NOW = '2026-11-28T12:00:00.000Z';

type Narrowing = 'none' | 'status' | 'category' | 'overdue';
const NARROWINGS: Record<Narrowing, Partial<CaseFilter>> = {
  none: {},
  status: { status: 'investigating' },
  category: { category: 'bribery' },
  overdue: { overdueAt: NOW },
};

/** A cursor's position, as the cursor of a deep page holds it (keyset paging, `CaseFilter.after`). */
const AFTER = { value: '2026-01-15T09:00:00.000Z', reference: 'WB-2026-0042' };

/**
 * Every filter × sort × direction the list offers, on its 90 %-deep page: by page number (an offset)
 * and by cursor (after a position, counting nothing).
 */
function everyListQuery(): { narrowing: Narrowing; cursor: boolean; filter: CaseFilter }[] {
  return (Object.keys(NARROWINGS) as Narrowing[]).flatMap((narrowing) =>
    SORTS.flatMap((sort) =>
      [false, true].flatMap((descending) =>
        [false, true].map((cursor) => ({
          narrowing,
          cursor,
          filter: { ...NARROWINGS[narrowing], now: NOW, sort, descending, ...(cursor ? { offset: 0, limit: 21, count: false, after: AFTER } : { offset: 900, limit: 20 }) },
        })),
      ),
    ),
  );
}

/**
 * Whether the keyset condition of a cursor list must be a range of the index the page is found on:
 * where that index is the sort's (the whole list, overdue). Filtered by status or category, either
 * the filter's index or the sort's may be chosen.
 */
const cursorIsIndexRange = (narrowing: Narrowing) => narrowing === 'none' || narrowing === 'overdue';

/** The indexes that must serve a list: what the count reads, and what the page's references are found on. */
function expectedIndexes(narrowing: Narrowing, sort: CaseFilter['sort'], cursor = false): { count: RegExp; page: RegExp } {
  const bySort = `cases_by_${SORT_INDEX[sort]}`;
  switch (narrowing) {
    case 'none':
      return { count: /^cases_/, page: new RegExp(`^${bySort}$`) };
    case 'status':
      return { count: /^cases_by_status$/, page: sort === 'receivedAt' && !cursor ? /^cases_by_status$/ : new RegExp(`^(cases_by_status|${bySort})$`) };
    case 'category':
      return { count: /^cases_by_category$/, page: sort === 'receivedAt' && !cursor ? /^cases_by_category$/ : new RegExp(`^(cases_by_category|${bySort})$`) };
    case 'overdue':
      return { count: /^cases_by_open_deadline_at$/, page: new RegExp(`^cases_open_by_${SORT_INDEX[sort]}$`) };
  }
}

function report(receivedAt: string, overrides: Partial<NewReport['case']> = {}): NewReport {
  return {
    case: {
      id: randomUUID(),
      role: 'council-member',
      category: 'bribery',
      status: 'received',
      receivedAt,
      ...deadlinesOnReceipt(receivedAt),
      consents: ['privacy-statement'],
      content: { description: 'Een melding om de nummering te controleren.' },
      ...overrides,
    },
    receiptHash: randomBytes(32),
  };
}

/** n reports of one year, all at once, across the given stores; answers their references. */
async function submitConcurrently(stores: Store[], count: number, year: string): Promise<string[]> {
  const submitted = await Promise.all(
    Array.from({ length: count }, (_, i) => stores[i % stores.length]!.createReport(report(`${year}-03-01T10:00:${String(i % 60).padStart(2, '0')}.000Z`))),
  );
  return submitted.map((stored) => stored.reference);
}

function numbered(year: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `WB-${year}-${String(from + i).padStart(4, '0')}`);
}

const sorted = (references: string[]) => [...references].sort();

/** `?` parameters numbered for PostgreSQL ($1, $2, …), as the PostgreSQL store does. */
const numberedParameters = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

const CONTACT = { name: 'J. de Vries', phone: '0612345678', preferredChannel: 'phone' } as const;

/**
 * A case inserted as an instance of the previous version does during a rolling update — its own
 * reference, no has_contact — moves the counter on (the next submission does not collide) and is
 * listed as contactable.
 */
async function assertDirectInsertIsCounted(store: Store, insert: (values: unknown[]) => Promise<void>, year: string, reference: string, expectedNext: string) {
  const values = caseValues(report(`${year}-07-01T10:00:00.000Z`, { content: { description: 'Van de vorige versie.', contact: CONTACT } }), reference);
  await insert([...values.slice(0, -1), 0]);
  assert.equal((await store.createReport(report(`${year}-07-01T10:00:01.000Z`))).reference, expectedNext);
  const listed = await store.listCases({ now: NOW, sort: 'receivedAt', descending: true, offset: 0, limit: 2 });
  assert.deepEqual(listed.items.map((entry) => [entry.case.reference, entry.case.hasContact]), [[expectedNext, false], [reference, true]]);
}

/** Submissions whose idempotency claim was lost store nothing and give their number back. */
async function assertLostClaimLeavesNoGap(store: Store, year: string, expectedNext: string): Promise<void> {
  const lost = { ...report(`${year}-06-01T10:00:00.000Z`), idempotency: { keyHash: randomBytes(32), claimId: 'not-this-request', sealedResponse: Buffer.from('x') } };
  await assert.rejects(store.createReport(lost), IdempotencyClaimLostError);
  assert.equal((await store.createReport(report(`${year}-06-01T10:00:01.000Z`))).reference, expectedNext);
}

describe('case list plans on SQLite', { skip: onSqlite }, () => {
  let dataDir: string;
  let store: SqliteStore;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-plans-'));
    store = await SqliteStore.open(dataDir);
  });
  after(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  interface PlanRow {
    id: number;
    parent: number;
    detail: string;
  }
  const plan = (sql: string, params: unknown[]) => store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as PlanRow[];
  /** The index a plan line reads table `c` (cases) with, or 'TABLE' for a full scan of its rows. */
  const casesAccess = (detail: string) => (/^(SCAN|SEARCH) c\b/.test(detail) ? (/ INDEX (\S+)/.exec(detail)?.[1] ?? 'TABLE') : undefined);

  for (const { narrowing, cursor, filter } of everyListQuery()) {
    it(`serves ${narrowing === 'none' ? 'the whole list' : `the ${narrowing} filter`} sorted by ${filter.descending ? '-' : ''}${filter.sort}${cursor ? ' after a cursor' : ''} from an index`, () => {
      const { where, params, orderBy } = caseListQuery(filter);
      const sql = caseListSql(where, orderBy);
      const expected = expectedIndexes(narrowing, filter.sort, cursor);

      if (!cursor) {
        const count = plan(sql.count, params);
        const countAccess = count.map((row) => casesAccess(row.detail)).filter(Boolean);
        assert.equal(countAccess.length, 1, JSON.stringify(count));
        assert.match(countAccess[0]!, expected.count, `the count: ${JSON.stringify(count)}`);
      }

      const page = plan(sql.page, caseListPageParams(params, filter));
      const details = JSON.stringify(page.map((row) => row.detail));
      const coroutine = page.find((row) => row.detail === 'CO-ROUTINE page');
      assert.ok(coroutine, `the page's references are found first: ${details}`);
      const inner = page.filter((row) => row.parent === coroutine.id);
      const innerAccess = inner.map((row) => casesAccess(row.detail)).filter(Boolean);
      assert.equal(innerAccess.length, 1, details);
      assert.match(innerAccess[0]!, expected.page, `the page's references: ${details}`);
      // The status and category indexes are in received order; sorted by a deadline, their matches are sorted.
      const indexGivesOrder = narrowing === 'none' || narrowing === 'overdue' || filter.sort === 'receivedAt';
      if (indexGivesOrder) assert.ok(!inner.some((row) => row.detail.startsWith('USE TEMP B-TREE')), `the index gives the order, no sort: ${details}`);
      if (narrowing === 'none') assert.match(inner[0]!.detail, /COVERING INDEX/, `the deep page skips index entries, not rows: ${details}`);
      // A cursor's page starts where the cursor is on the index, not at its beginning.
      if (cursor && cursorIsIndexRange(narrowing)) assert.match(inner[0]!.detail, /^SEARCH .*\(\w+,reference\)[<>]\(\?,\?\)/, `the cursor is a range of the index: ${details}`);

      // Then only the page's rows, each by its reference, and nothing else of the table.
      const outer = page.filter((row) => row.parent !== coroutine.id && casesAccess(row.detail));
      assert.deepEqual(outer.map((row) => row.detail), ['SEARCH c USING INDEX sqlite_autoindex_cases_2 (reference=?)'], details);
      assert.ok(!page.some((row) => /AUTOMATIC/.test(row.detail)), details);
    });
  }

  it('reads no report content for the list: only whether it is encrypted and whether it has contact details', () => {
    const { page } = caseListSql('', 'ORDER BY c.received_at');
    assert.deepEqual(page.match(/\w*content_json[^,]*/g), ['encrypted_content_json IS NULL THEN 0 ELSE 1 END AS encrypted']);
    assert.doesNotMatch(page, /\bc\.\*|consents_json/);
  });
});

describe('case list plans on PostgreSQL', { skip: onPostgres }, () => {
  let database: { url: string; drop(): Promise<void> };
  let store: PostgresStore;
  before(async () => {
    database = await createTestDatabase();
    store = await PostgresStore.open(database.url, { maxConnections: 2 });
  });
  after(async () => {
    await store?.close();
    await database?.drop();
  });

  it('serves every filter and sort from an index (the plan with sequential scans discouraged: the table is small)', async () => {
    const client = await store.pool.connect();
    try {
      // On an empty table the planner rightly prefers reading the whole table; with that discouraged
      // it shows whether an index can serve the filter and the order (a sequential scan it cannot
      // avoid still appears, at a prohibitive cost).
      await client.query('SET enable_seqscan = off; SET enable_bitmapscan = off');
      const explain = async (sql: string, values: unknown[]) => {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${numberedParameters(sql)}`, values);
        return rows.map((row) => row['QUERY PLAN']);
      };
      /** The index each scan of `cases` under `alias` uses ('TABLE' for a sequential scan). */
      const casesAccess = (lines: string[], alias: string) =>
        lines.flatMap((line) => {
          const scan = new RegExp(`(Seq Scan|using (\\S+)) on cases ${alias}$`).exec(line.trim());
          return scan ? [scan[2] ?? 'TABLE'] : [];
        });
      for (const { narrowing, cursor, filter } of everyListQuery()) {
        const { where, params, orderBy } = caseListQuery(filter);
        const sql = caseListSql(where, orderBy);
        const expected = expectedIndexes(narrowing, filter.sort, cursor);
        const label = `${narrowing} by ${filter.descending ? '-' : ''}${filter.sort}${cursor ? ' after a cursor' : ''}`;

        if (!cursor) {
          const count = await explain(sql.count, params);
          assert.equal(casesAccess(count, 'c').length, 1, `${label}, count:\n${count.join('\n')}`);
          assert.match(casesAccess(count, 'c')[0]!, expected.count, `${label}, count:\n${count.join('\n')}`);
        }

        // The subquery's cases are c_1: the page's references on the index, then each row by its reference.
        const page = await explain(sql.page, caseListPageParams(params, filter));
        const text = `${label}, page:\n${page.join('\n')}`;
        assert.equal(casesAccess(page, 'c_1').length, 1, text);
        assert.match(casesAccess(page, 'c_1')[0]!, expected.page, text);
        assert.deepEqual(casesAccess(page, 'c'), ['cases_reference_key'], text);
        assert.ok(page.some((line) => line.trim() === 'Index Cond: (reference = c_1.reference)'), text);
        const indexGivesOrder = narrowing === 'none' || narrowing === 'overdue' || filter.sort === 'receivedAt';
        if (indexGivesOrder) assert.ok(!page.some((line) => /Sort Key: c_1\./.test(line)), `the index gives the order, no sort: ${text}`);
        // A cursor's page starts where the cursor is on the index (an index condition, not a filter).
        if (cursor && cursorIsIndexRange(narrowing)) assert.ok(page.some((line) => /^Index Cond: \(ROW\((c_1\.)?\w+, (c_1\.)?reference\) [<>] ROW\(/.test(line.trim())), `the cursor is a range of the index: ${text}`);
      }
    } finally {
      client.release();
    }
  });

  it('numbers concurrent submissions on two instances one after the other, without gaps; a lost claim gives its number back; a case numbered elsewhere moves the counter on', async () => {
    const second = await PostgresStore.open(database.url, { maxConnections: 5 });
    try {
      const references = await submitConcurrently([store, second], 40, '2030');
      assert.deepEqual(sorted(references), numbered('2030', 1, 40));
      await assertLostClaimLeavesNoGap(second, '2030', 'WB-2030-0041');
      const insert = async (values: unknown[]) => void (await store.pool.query(numberedParameters(SQL.insertCase), values));
      await assertDirectInsertIsCounted(second, insert, '2030', 'WB-2030-0042', 'WB-2030-0043');
    } finally {
      await second.close();
    }
  });
});

describe('case references on SQLite', { skip: onSqlite }, () => {
  it('continue after migrating a version-1 database: the next 2026 case follows WB-2026-0001, a new year starts at 1', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-v1-refs-'));
    try {
      const v1 = new Database(join(dataDir, DATABASE_FILE));
      v1.exec(await readFile(join(fixturesDir, 'v1-database.sql'), 'utf8'));
      v1.close();
      const store = await SqliteStore.open(dataDir);
      try {
        assert.ok(store.appliedMigrations.includes(6));
        assert.deepEqual(store.db.prepare('SELECT year, last_number FROM case_reference_counters').all(), [{ year: '2026', last_number: 1 }]);
        // The acknowledged fixture case waits only for feedback; it has no contact details.
        assert.deepEqual(store.db.prepare('SELECT open_deadline_at, has_contact FROM cases').get(), { open_deadline_at: '2027-02-03T09:00:00.000Z', has_contact: 0 });
        assert.equal((await store.createReport(report('2026-12-01T10:00:00.000Z'))).reference, 'WB-2026-0002');
        assert.equal((await store.createReport(report('2027-01-02T10:00:00.000Z'))).reference, 'WB-2027-0001');
        assert.equal((await store.createReport(report('2026-12-31T23:59:59.000Z'))).reference, 'WB-2026-0003');
      } finally {
        await store.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('stay unique and without gaps with two connections on one file; a lost claim gives its number back; a case numbered elsewhere moves the counter on', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-refs-'));
    const stores = [await SqliteStore.open(dataDir), await SqliteStore.open(dataDir)];
    try {
      const references = await submitConcurrently(stores, 40, '2030');
      assert.deepEqual(sorted(references), numbered('2030', 1, 40));
      await assertLostClaimLeavesNoGap(stores[1]!, '2030', 'WB-2030-0041');
      const insert = async (values: unknown[]) => void stores[0]!.db.prepare(SQL.insertCase).run(...values);
      await assertDirectInsertIsCounted(stores[1]!, insert, '2030', 'WB-2030-0042', 'WB-2030-0043');
    } finally {
      for (const store of stores) await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('lists overdue exactly the cases with a missed, unmet deadline, and contactable from the stored flag', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-overdue-'));
    const store = await SqliteStore.open(dataDir);
    try {
      const late = await store.createReport(report('2026-10-01T10:00:00.000Z', { content: { description: 'Met contact.', contact: CONTACT } }));
      const acknowledgedInTime = await store.createReport(report('2026-11-01T10:00:00.000Z'));
      await store.changeCase(acknowledgedInTime.id, { set: { acknowledgedAt: '2026-11-02T10:00:00.000Z', feedbackDueAt: '2027-02-02T10:00:00.000Z' } });
      const closed = await store.createReport(report('2026-09-01T10:00:00.000Z'));
      await store.changeCase(closed.id, { set: { acknowledgedAt: '2026-09-02T10:00:00.000Z', feedbackGivenAt: '2026-09-03T10:00:00.000Z', status: 'closed' } });
      await store.createReport(report('2026-11-27T10:00:00.000Z'));

      const overdue = await store.listCases({ overdueAt: NOW, now: NOW, sort: 'acknowledgeDueAt', descending: false, offset: 0, limit: 20 });
      assert.deepEqual(overdue.items.map((entry) => entry.case.reference), [late.reference]);
      assert.equal(overdue.total, 1);
      assert.equal(overdue.items[0]!.case.hasContact, true);
      const all = await store.listCases({ now: NOW, sort: 'receivedAt', descending: true, offset: 0, limit: 20 });
      assert.equal(all.total, 4);
      assert.deepEqual(all.items.map((entry) => entry.case.hasContact), [false, false, true, false]);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
