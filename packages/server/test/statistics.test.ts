// Statistics for the council's annual report (contract 1.1, "Statistics", getStatistics): periods in
// the organisation's time zone, counts per category and role with every cell under the minimum
// suppressed (and the next smallest beside a lone suppressed one), nearest-rank median and 90th
// percentile, the share within the legal clocks; and who may read them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { spec } from './helpers/contract-client.js';
import { parsePeriod, statistics, type CaseClocks, type ReportCategory, type ReporterRole } from '../src/domain/statistics.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const CATEGORIES: ReportCategory[] = ['threat-intimidation', 'bribery', 'infiltration', 'undue-pressure', 'other'];
const ROLES: ReporterRole[] = ['civil-servant', 'administrator', 'council-member', 'other'];
const NOW = '2027-03-01T12:00:00.000Z';
const DAY = 86_400_000;

/** A case received on 2026-01-10 plus `index` hours, acknowledged after `ackDays` days (none when undefined). */
function caseOf(category: ReportCategory, role: ReporterRole, index: number, ackDays?: number, feedbackDays?: number): CaseClocks {
  const received = Date.parse('2026-01-10T09:00:00.000Z') + index * 3_600_000;
  const iso = (time: number) => new Date(time).toISOString();
  const acknowledged = ackDays === undefined ? undefined : received + ackDays * DAY;
  return {
    category,
    role,
    receivedAt: iso(received),
    acknowledgeDueAt: iso(received + 7 * DAY),
    ...(acknowledged !== undefined ? { acknowledgedAt: iso(acknowledged) } : {}),
    feedbackDueAt: iso((acknowledged ?? received + 7 * DAY) + 91 * DAY),
    ...(acknowledged !== undefined && feedbackDays !== undefined ? { feedbackGivenAt: iso(acknowledged + feedbackDays * DAY) } : {}),
  };
}

function many(count: number, make: (index: number) => CaseClocks): CaseClocks[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

const year = parsePeriod('2026', 'Europe/Amsterdam');
const compute = (cases: CaseClocks[]) => statistics(year, cases, { minimumCellCount: 5, categories: CATEGORIES, roles: ROLES, now: NOW });

describe('statistics periods', () => {
  it('count a year, a quarter and a month in the organisation time zone (Amsterdam: UTC+1 in winter, +2 in summer)', () => {
    assert.deepEqual(year, { period: '2026', startsOn: '2026-01-01', endsOn: '2026-12-31', from: '2025-12-31T23:00:00.000Z', until: '2026-12-31T23:00:00.000Z' });
    const quarter = parsePeriod('2026-Q2', 'Europe/Amsterdam');
    assert.deepEqual([quarter.startsOn, quarter.endsOn, quarter.from, quarter.until], ['2026-04-01', '2026-06-30', '2026-03-31T22:00:00.000Z', '2026-06-30T22:00:00.000Z']);
    const february = parsePeriod('2028-02', 'UTC');
    assert.deepEqual([february.endsOn, february.from, february.until], ['2028-02-29', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z']);
    assert.equal(parsePeriod('2026-Q4', 'Europe/Amsterdam').until, '2026-12-31T23:00:00.000Z');
  });
});

describe('statistics cells', () => {
  const cases = [
    ...many(10, (i) => caseOf('threat-intimidation', 'civil-servant', i, (i % 10) + 1, 30)),
    ...many(8, (i) => caseOf('bribery', 'administrator', 20 + i, 2)),
    ...many(6, (i) => caseOf('undue-pressure', 'council-member', 40 + i, 9)),
    ...many(3, (i) => caseOf('infiltration', 'other', 60 + i)),
  ];
  const result = compute(cases);

  it('hold to the contract and never show a count under the minimum', () => {
    assert.deepEqual(spec.schema('Statistics')(result), []);
    const counts = [result.received, ...result.byCategory.map((c) => c.received), ...result.byRole.map((r) => r.received), ...result.byCategoryAndRole.map((c) => c.received)];
    for (const count of counts) assert.ok(count.suppressed || count.count! >= 5, JSON.stringify(count));
    assert.deepEqual(result.received, { suppressed: false, count: 27 });
  });

  it('suppress the next smallest cell beside a lone suppressed one, so that nothing is worked out by subtraction', () => {
    // Roles 10, 8, 6, 3: the 3 alone would be 27 − 24; the 6 goes too.
    assert.deepEqual(result.byRole.map((r) => [r.role, r.received.suppressed ? '-' : r.received.count]), [
      ['civil-servant', 10],
      ['administrator', 8],
      ['council-member', '-'],
      ['other', '-'],
    ]);
    // Categories 10, 8, 3, 6, 0: two suppressed already (3 and 0), nothing more needed.
    assert.deepEqual(result.byCategory.map((c) => (c.received.suppressed ? '-' : c.received.count)), [10, 8, '-', 6, '-']);
    for (const category of CATEGORIES) {
      const row = result.byCategoryAndRole.filter((cell) => cell.category === category);
      const shownTotal = result.byCategory.find((c) => c.category === category)!.received;
      if (!shownTotal.suppressed) assert.notEqual(row.filter((cell) => cell.received.suppressed).length, 1, `${category}: one suppressed cell beside a shown total`);
    }
  });

  it('take the nearest-rank median and 90th percentile of the days to acknowledgement, and the share within 7 days', () => {
    // 10 cases at 1…10 days, 8 at 2, 6 at 9: sorted 1, 2 (nine times), 3, 4, …; rank 12 of 24 is 4, rank 22 is 9.
    assert.deepEqual(result.acknowledgement.cases, { suppressed: false, count: 24 });
    assert.deepEqual(result.acknowledgement.medianDays, { suppressed: false, days: 4 });
    assert.deepEqual(result.acknowledgement.p90Days, { suppressed: false, days: 9 });
    // Late: 8, 9, 10 (3 cases) and the six at 9 days; the 3 never acknowledged are past their date: 27 judged, 15 in time.
    assert.deepEqual(result.acknowledgement.withinDeadline, { suppressed: false, share: 0.556 });
    assert.deepEqual(result.feedback.medianDays, { suppressed: false, days: 30 });
  });

  it('suppress every figure computed from fewer cases than the minimum', () => {
    const few = compute(many(4, (i) => caseOf('bribery', 'other', i, 1, 10)));
    assert.deepEqual(few.received, { suppressed: true });
    assert.deepEqual(few.acknowledgement, { cases: { suppressed: true }, medianDays: { suppressed: true }, p90Days: { suppressed: true }, withinDeadline: { suppressed: true } });
    assert.ok(few.byCategoryAndRole.every((cell) => cell.received.suppressed));
    assert.ok(!JSON.stringify(few).includes('"count"'), 'no number at all');
  });
});

describe('GET /statistics', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.server.stop());

  it('is for auditors and admins: a handler token gets 403, no token 401; a wrong period 400', async () => {
    assert.equal((await t.api.call('getStatistics', { token: t.server.handlerToken!, query: { period: '2026' } })).status, 403);
    assert.equal((await t.api.call('getStatistics', { query: { period: '2026' } })).status, 401);
    assert.equal((await t.api.call('getStatistics', { token: t.server.handlerToken!, query: { period: '2026-13' } })).status, 400);
  });

  it('advertises the minimum cell count in discovery', async () => {
    assert.deepEqual((await t.api.call('getDiscovery')).body.capabilities.caseManagement.statistics, { minimumCellCount: 5 });
  });
});
