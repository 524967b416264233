import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseCursorFilters, CaseStatus, CaseSummary } from '@weerbaar/sdk';
import { InboxOrder, type PageReader } from '../src/case-inbox/inbox-order.js';

const day = 86_400_000;
const start = Date.parse('2026-11-01T09:00:00Z');
const at = (days: number) => new Date(start + days * day).toISOString();

function summary(reference: string, status: CaseStatus, acknowledgeDay: number, feedbackDay: number): CaseSummary {
  return {
    caseId: `c_${reference}`,
    reference,
    role: 'civil-servant',
    category: 'bribery',
    status,
    receivedAt: at(acknowledgeDay - 7),
    deadlines: { acknowledgeDueAt: at(acknowledgeDay), feedbackDueAt: at(feedbackDay), acknowledgeOverdue: false, feedbackOverdue: false },
    encrypted: false,
    contactable: 'no',
  };
}

/** A backend's cursor paging over `cases` as the contract describes it: filter, sort, pages of `pageSize`. */
function pagedBackend(cases: CaseSummary[], requests: CaseCursorFilters[] = []): PageReader {
  return async (filters, cursor) => {
    requests.push(filters);
    const sort = filters.sort ?? '-receivedAt';
    const field = sort.replace(/^-/, '') as 'receivedAt' | 'acknowledgeDueAt' | 'feedbackDueAt';
    const value = (item: CaseSummary) => (field === 'receivedAt' ? item.receivedAt : item.deadlines[field]);
    const matching = cases
      .filter((item) => !filters.status || item.status === filters.status)
      .sort((a, b) => (value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0) * (sort.startsWith('-') ? -1 : 1));
    const offset = cursor ? Number(cursor) : 0;
    const pageSize = filters.pageSize ?? 20;
    const items = matching.slice(offset, offset + pageSize);
    return { items, pageSize, ...(offset + pageSize < matching.length ? { nextCursor: String(offset + pageSize) } : {}) };
  };
}

const cases = [
  summary('ACK-LATE', 'received', 3, 100),
  summary('ACK-SOON', 'received', 12, 110),
  summary('ACK-LATER', 'received', 40, 130),
  summary('FB-OVERDUE', 'acknowledged', -80, 5),
  summary('FB-SOON', 'investigating', -60, 11),
  summary('FB-LATER', 'acknowledged', -10, 90),
  summary('CLOSED-OLD', 'closed', -100, 0),
  summary('CLOSED-NEW', 'closed', -5, 85),
];

describe('the inbox order (the legal clocks)', () => {
  it('merges the clocks: the next duty due soonest first, whichever it is, closed cases last, newest first', async () => {
    for (const pageSize of [1, 2, 3, 25]) {
      const order = new InboxOrder(pagedBackend(cases), {}, pageSize);
      const seen: string[] = [];
      while (order.hasMore) seen.push(...(await order.next()).map((item) => item.reference));
      assert.deepEqual(seen, ['ACK-LATE', 'FB-OVERDUE', 'FB-SOON', 'ACK-SOON', 'ACK-LATER', 'FB-LATER', 'CLOSED-NEW', 'CLOSED-OLD'], `pages of ${pageSize}`);
    }
  });

  it('reads one stream only when a status is chosen, and passes the other filters on', async () => {
    const requests: CaseCursorFilters[] = [];
    const order = new InboxOrder(pagedBackend(cases, requests), { status: 'received', category: 'bribery', overdue: true }, 25);
    assert.deepEqual((await order.next()).map((item) => item.reference), ['ACK-LATE', 'ACK-SOON', 'ACK-LATER']);
    assert.equal(order.hasMore, false);
    assert.deepEqual(requests, [{ category: 'bribery', overdue: true, status: 'received', sort: 'acknowledgeDueAt', pageSize: 25 }]);
  });

  it('asks for closed cases only once every open one was shown', async () => {
    const requests: CaseCursorFilters[] = [];
    const order = new InboxOrder(pagedBackend(cases, requests), {}, 3);
    await order.next();
    assert.ok(requests.every((request) => request.status !== 'closed'));
  });

  it('loses nothing when a page fails: the next call continues where the failed one started', async () => {
    const read = pagedBackend(cases);
    let failNext = false;
    const order = new InboxOrder(async (filters, cursor) => {
      if (failNext && filters.status === 'closed') throw new Error('unavailable');
      return read(filters, cursor);
    }, {}, 7);
    failNext = true;
    await assert.rejects(order.next(), /unavailable/);
    failNext = false;
    assert.deepEqual((await order.next()).map((item) => item.reference), ['ACK-LATE', 'FB-OVERDUE', 'FB-SOON', 'ACK-SOON', 'ACK-LATER', 'FB-LATER', 'CLOSED-NEW']);
  });
});
