// The case list's cursor paging and the counts beside its filters (contract 1.1,
// caseManagement.cursorPaging), over real HTTP against the built server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MINIMAL_REPORT } from './helpers/contract-client.js';
import { startTestServer, submitReport, type TestServer } from './helpers/server.js';

const REPORTS = [
  { role: 'civil-servant', category: 'bribery' },
  { role: 'administrator', category: 'bribery' },
  { role: 'council-member', category: 'threat-intimidation' },
  { role: 'council-member', category: 'infiltration' },
  { role: 'other', category: 'undue-pressure' },
  { role: 'civil-servant', category: 'other' },
  { role: 'civil-servant', category: 'threat-intimidation' },
] as const;

describe('cursor paging and counts', () => {
  let t: TestServer;
  let token: string;

  /** Every case of a cursor-paged list, page by page. */
  async function pageThrough(query: Record<string, string>): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await t.api.call('listCases', { token, query: { ...query, ...(cursor ? { cursor } : { paging: 'cursor' }) } });
      assert.equal(page.status, 200);
      assert.equal(page.body.totalItems, undefined, 'a cursor page counts nothing');
      ids.push(...page.body.items.map((item: { caseId: string }) => item.caseId));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    return { ids, pages };
  }

  before(async () => {
    t = await startTestServer();
    token = t.server.handlerToken!;
    for (const report of REPORTS) await submitReport(t.api, { ...MINIMAL_REPORT, ...report });
  });
  after(() => t.server.stop());

  it('walks every case once, in the order of page numbers, in every sort', async () => {
    for (const sort of ['-receivedAt', 'receivedAt', 'acknowledgeDueAt', '-feedbackDueAt']) {
      const { ids, pages } = await pageThrough({ pageSize: '3', sort });
      const numbered = (await t.api.call('listCases', { token, query: { pageSize: '100', sort } })).body.items.map((item: { caseId: string }) => item.caseId);
      assert.deepEqual(ids, numbered, sort);
      assert.equal(pages, 3);
    }
  });

  it('keeps the filters with the cursor, and shows no case twice when new ones arrive while paging', async () => {
    const first = await t.api.call('listCases', { token, query: { paging: 'cursor', pageSize: '1', role: 'civil-servant' } });
    await submitReport(t.api, { ...MINIMAL_REPORT, role: 'civil-servant' });
    const rest = await pageThrough({ pageSize: '1', role: 'civil-servant' });
    assert.ok(first.body.items.every((item: { role: string }) => item.role === 'civil-servant'));
    const second = await t.api.call('listCases', { token, query: { cursor: first.body.nextCursor, pageSize: '1', role: 'civil-servant' } });
    assert.notEqual(second.body.items[0].caseId, first.body.items[0].caseId);
    assert.equal(new Set(rest.ids).size, rest.ids.length);
  });

  it('refuses a cursor used with other filters or sort, a made-up cursor, and page numbers with a cursor (400)', async () => {
    const first = await t.api.call('listCases', { token, query: { paging: 'cursor', pageSize: '2', category: 'bribery' } });
    const refusals: [Record<string, string>, string][] = [
      [{ cursor: first.body.nextCursor, category: 'other' }, 'query:cursor'],
      [{ cursor: first.body.nextCursor, category: 'bribery', sort: 'receivedAt' }, 'query:cursor'],
      [{ cursor: 'bm90LWEtY3Vyc29y' }, 'query:cursor'],
      [{ paging: 'cursor', page: '2' }, 'query:page'],
      [{ assignedToMe: 'true' }, 'query:assignedToMe'],
    ];
    for (const [query, pointer] of refusals) {
      const refused = await t.api.call('listCases', { token, query });
      assert.equal(refused.status, 400, JSON.stringify(query));
      assert.deepEqual(refused.body.errors.map((e: { pointer: string }) => e.pointer), [pointer]);
    }
  });

  it('counts every case per status, category and role, zeros included, as the filters list them', async () => {
    const counts = (await t.api.call('countCases', { token })).body;
    const list = (await t.api.call('listCases', { token, query: { pageSize: '100' } })).body;
    assert.equal(counts.total, list.totalItems);
    assert.equal(counts.overdue, 0);
    assert.equal(counts.assignedToMe, undefined, 'a handler token is nobody');
    assert.equal(counts.byCategory.bribery, 2);
    assert.equal(counts.byRole.administrator, 1);
    assert.equal(counts.byStatus.received, counts.total);
    for (const [filter, byValue] of [['role', counts.byRole], ['category', counts.byCategory]] as const) {
      for (const [value, count] of Object.entries(byValue)) {
        const filtered = await t.api.call('listCases', { token, query: { [filter]: value } });
        assert.equal(filtered.body.totalItems, count, `${filter}=${value}`);
      }
    }
    const caseId = list.items[0].caseId;
    await t.api.call('setCaseStatus', { token, path: { caseId }, json: { status: 'closed', outcome: 'withdrawn' } });
    const after = (await t.api.call('countCases', { token })).body;
    assert.deepEqual([after.byStatus.received, after.byStatus.closed], [counts.byStatus.received - 1, 1]);
  });

  it('refuses counts without a valid token (401)', async () => {
    assert.equal((await t.api.call('countCases')).status, 401);
  });
});
