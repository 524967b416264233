// The verdicts `npm run bench` prints for issue 19's goals (bench/goals.mjs), fed figures directly:
// no benchmark runs here and nothing is timed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figuresOf, goalVerdicts } from '../bench/goals.mjs';

/** Figures where every goal holds; each test spoils one. */
function passing() {
  return {
    // Long tasks of the page that are not ours (more with than without) do not count against goal 1.
    hostPage: { ourLongTasks: [0, 0, 0], longTasksWith: [1, 2, 3], longTasksWithout: [1, 0, 2], lighthouseWith: 89, lighthouseWithout: 90, clsWith: 0 },
    weight: {
      terser: { allFour: 15_900, reportButton: 7_900, sdkCore: 4_900 },
      esbuild: { allFour: 16_000, reportButton: 8_000, sdkCore: 5_000 },
      shipped: { allFour: 15_950, reportButton: 7_950 },
    },
    wire: { staticFiles: 8, compressed: 8, hashedChunks: 3, immutable: 3, varyMissing: [] },
    server: [
      { label: 'GET /v1/norms', ratio: 0.95 },
      { label: 'GET /v1/norms, If-None-Match (304)', ratio: 0.8 },
    ],
    // Goal 4 is judged on the cursor lists; the page-number lists (old clients) may be past the limit.
    growth: {
      sqlite: { cursorFirstPage: 1.3, cursorDeepPage: 1.1, firstPage: 1.7 },
      postgres: { cursorFirstPage: 1.2, cursorDeepPage: 1.25, deepPage: 2.4 },
    },
    seal: { ratio: 1.3 },
    start: { seconds: 9.5, rebuilt: [] },
  };
}

const verdictOf = (figures, number) => goalVerdicts(figures).find(({ goal }) => goal.startsWith(`${number} `));

describe('the verdicts on issue 19', () => {
  it('gives one row per goal, each met when every part holds at its limit', () => {
    const rows = goalVerdicts(passing());
    assert.deepEqual(rows.map(({ goal }) => goal[0]), ['1', '2', '3', '4', '5', '6']);
    for (const row of rows) assert.equal(row.verdict, 'met', `${row.goal}: ${row.figure}`);
  });

  it('says not met when one part is past its limit, and marks that part', () => {
    const cases = [
      [1, (f) => (f.hostPage.ourLongTasks = [0, 1, 0])],
      [1, (f) => (f.hostPage.lighthouseWith = 88)],
      [1, (f) => (f.hostPage.clsWith = 0.001)],
      [2, (f) => (f.weight.esbuild.allFour = 16_001)],
      [2, (f) => (f.weight.terser.reportButton = 8_001)],
      [2, (f) => (f.weight.esbuild.sdkCore = 5_001)],
      [2, (f) => (f.weight.shipped.allFour = 19_904)],
      [2, (f) => (f.wire.compressed = 7)],
      [2, (f) => (f.wire.immutable = 2)],
      [2, (f) => (f.wire.varyMissing = ['/elements/weerbaar.js'])],
      [3, (f) => (f.server[1].ratio = 0.79)],
      [4, (f) => (f.growth.postgres.cursorDeepPage = 1.31)],
      [4, (f) => (f.growth.sqlite.cursorFirstPage = 1.31)],
      [5, (f) => (f.seal.ratio = 1.31)],
      [6, (f) => (f.start.seconds = 10.1)],
      [6, (f) => (f.start.rebuilt = ['@weerbaar/elements'])],
    ];
    for (const [goal, spoil] of cases) {
      const figures = passing();
      spoil(figures);
      const row = verdictOf(figures, goal);
      assert.equal(row.verdict, 'not met', `${spoil}`);
      assert.match(row.figure, /✗/);
      for (const other of goalVerdicts(figures).filter((entry) => entry.goal !== row.goal)) assert.equal(other.verdict, 'met', `${spoil} spoils only goal ${goal}`);
    }
  });

  it('says not measured, and why, when a part was skipped; not met wins over a gap', () => {
    const figures = passing();
    delete figures.seal;
    delete figures.growth.postgres;
    delete figures.wire;
    delete figures.hostPage.ourLongTasks;
    assert.equal(verdictOf(figures, 1).verdict, 'not measured: long tasks not attributed by URL (no trace in this host-page result)');
    assert.equal(verdictOf(figures, 5).verdict, 'not measured: the crypto section was not run (--only)');
    assert.equal(verdictOf(figures, 4).verdict, 'not measured: PostgreSQL not in the growth table');
    figures.growth.skipped = { postgres: 'PostgreSQL binaries missing' };
    assert.equal(verdictOf(figures, 4).verdict, 'not measured: PostgreSQL not measured: PostgreSQL binaries missing');
    assert.match(verdictOf(figures, 2).verdict, /^not measured: the wire section/);
    figures.growth.sqlite.cursorFirstPage = 2.31;
    assert.equal(verdictOf(figures, 4).verdict, 'not met');
    assert.match(
      verdictOf(figures, 4).figure,
      /SQLite worst cursor list 2\.31× \(cursorFirstPage\) \(page numbers, old clients, not judged: worst 1\.70× firstPage\) ✗; \(PostgreSQL not measured: PostgreSQL binaries missing\)/,
    );
    figures.growth.sqlite = { firstPage: 1.1 };
    assert.match(verdictOf(figures, 4).verdict, /SQLite cursor lists not measured/);
    assert.ok(goalVerdicts({}).every(({ verdict }) => verdict.startsWith('not measured: ')));
  });
});

describe('the figures taken from the sections', () => {
  it('judges the host page on the long tasks of ours in every cold load, not on all long tasks', () => {
    const spread = (runs) => ({ runs, median: runs[0], min: Math.min(...runs), max: Math.max(...runs) });
    const hostPage = (ours) => ({
      browser: {
        with: { ...(ours && { ourLongTasks: spread(ours) }), longTasks: spread([4, 3, 5]), cls: spread([0, 0, 0]) },
        without: { longTasks: spread([1, 1, 2]), cls: spread([0, 0, 0]) },
      },
      lighthouse: { with: { performance: spread([84]), cls: spread([0]) }, without: { performance: spread([84]), cls: spread([0]) } },
    });
    const met = verdictOf(figuresOf({ 'host-page': hostPage([0, 0, 0]) }), 1);
    assert.equal(met.verdict, 'met');
    assert.match(met.figure, /^long tasks of ours per cold load 0 \(0–0; all long tasks added 2–3, not judged\)/);
    const one = verdictOf(figuresOf({ 'host-page': hostPage([0, 2, 1, 0]) }), 1);
    assert.equal(one.verdict, 'not met');
    assert.match(one.figure, /^long tasks of ours per cold load 0\.5 \(0–2; .*\) ✗/);
    assert.match(verdictOf(figuresOf({ 'host-page': hostPage(undefined) }), 1).verdict, /^not measured: long tasks not attributed by URL/);
  });

  it('shows beside the byte goals what the libraries under them weigh alone, under each minifier', () => {
    const entry = (file, initial, contentPath = 0) => ({ file, initial: { gzip: Math.round(initial) }, contentPath: { gzip: contentPath } });
    const measured = (scale) => [
      entry('weerbaar-all.js', 15_000 * scale, 500),
      entry('weerbaar-report-button.js', 7_000 * scale),
      entry('weerbaar-sdk.js', 6_400 * scale),
      entry('lit-alone.js', 5_900 * scale),
      entry('ky-alone.js', 5_050 * scale),
    ];
    const figures = figuresOf({ weight: { entries: measured(1), esbuild: measured(1.01) } });
    assert.deepEqual(figures.weight.terser, { allFour: 15_500, reportButton: 7_000, sdkCore: 6_400, floors: { lit: 5_900, ky: 5_050 } });
    const bytes = verdictOf(figures, 2).figure;
    assert.match(bytes, /all four terser 15500\/esbuild 15650 B \(≤ 16000; Lit alone 5900\/5959\)/);
    assert.match(bytes, /SDK core terser 6400\/esbuild 6464 B \(≤ 5000; ky alone 5050\/5101\) ✗/);
    // Results from before the floors were measured: no floor, the same verdict.
    const older = figuresOf({ weight: { entries: measured(1).slice(0, 3), esbuild: measured(1.01).slice(0, 3) } });
    assert.match(verdictOf(older, 2).figure, /SDK core terser 6400\/esbuild 6464 B \(≤ 5000\) ✗/);
  });

  it('judges the 10 MB seal, the content GETs and the lists at 100k against 1k', () => {
    const figures = figuresOf({
      crypto: {
        seconds: 14,
        0: { name: 'report', hpkeMs: 1.2, aesGcmMs: 0.04 },
        1: { name: 'attachment', hpkeMs: 400, aesGcmMs: 200 },
        2: { name: 'attachment-file', hpkeMs: 260, aesGcmMs: 200 },
      },
      server: {
        scenarios: [
          { label: 'GET /v1/norms', bare: { requestsPerSecond: 1000 }, reference: { requestsPerSecond: 900 } },
          { label: 'POST /v1/reports (bare: one scrypt)', bare: { requestsPerSecond: 10 }, reference: { requestsPerSecond: 1 } },
        ],
      },
      growth: {
        stores: {
          sqlite: [
            { size: 1_000, medians: { submit: 10, cursorFirstPage: 2, firstPage: 2, deepPage: 3 } },
            { size: 100_000, medians: { submit: 100, cursorFirstPage: 3, firstPage: 3, deepPage: 3 } },
          ],
          postgres: [
            { size: 1_000, medians: { submit: 10, cursorFirstPage: 4, cursorDeepPage: 4 } },
            { size: 100_000, medians: { submit: 100, cursorFirstPage: 5, cursorDeepPage: 4.4 } },
          ],
        },
        skipped: {},
      },
    });
    assert.deepEqual(figures.seal, { ratio: 1.3, path: 'a File', bytesRatio: 2 });
    assert.equal(verdictOf(figures, 5).figure, '1.30× from a File (bytes in hand 2.00×)');
    assert.equal(figuresOf({ crypto: { 0: { name: 'attachment', hpkeMs: 400, aesGcmMs: 200 } } }).seal.ratio, 2);
    assert.deepEqual(figures.server, [{ label: 'GET /v1/norms', ratio: 0.9 }]);
    // With the bare server that answers the same bytes, that one is the baseline; the few-headers ratio is shown, not judged.
    const sameBytes = figuresOf({
      server: {
        scenarios: [
          { label: 'GET /v1/norms', bare: { requestsPerSecond: 1250 }, bareSameBytes: { requestsPerSecond: 1000 }, reference: { requestsPerSecond: 850 } },
          { label: 'GET /v1/norms, If-None-Match (304)', bare: { requestsPerSecond: 1600 }, bareSameBytes: { requestsPerSecond: 1000 }, reference: { requestsPerSecond: 800 } },
        ],
      },
    });
    assert.deepEqual(sameBytes.server, [
      { label: 'GET /v1/norms', ratio: 0.85, ratioFewHeaders: 0.68 },
      { label: 'GET /v1/norms, If-None-Match (304)', ratio: 0.8, ratioFewHeaders: 0.5 },
    ]);
    assert.equal(verdictOf(sameBytes, 3).verdict, 'met');
    assert.equal(verdictOf(sameBytes, 3).figure, '0.80×–0.85× of bare with the same bytes; 0.50×–0.68× of bare with 3–5 headers, not judged (worst: /v1/norms, If-None-Match (304))');
    sameBytes.server[1].ratio = 0.79;
    assert.equal(verdictOf(sameBytes, 3).verdict, 'not met');
    assert.deepEqual(figures.growth, { sqlite: { cursorFirstPage: 1.5, firstPage: 1.5, deepPage: 1 }, postgres: { cursorFirstPage: 1.25, cursorDeepPage: 1.1 } });
    assert.equal(verdictOf(figures, 5).verdict, 'met');
    assert.equal(verdictOf(figures, 3).verdict, 'met');
    assert.match(verdictOf(figures, 4).figure, /SQLite worst cursor list 1\.50× \(cursorFirstPage\) \(page numbers, old clients, not judged: worst 1\.50× firstPage\) ✗; PostgreSQL worst cursor list 1\.25× \(cursorFirstPage\)$/);
    // Results from before PostgreSQL was measured: SQLite's sizes in `results`, skipped engines with their reason.
    const older = figuresOf({ growth: { results: [{ size: 1_000, medians: { firstPage: 2 } }, { size: 100_000, medians: { firstPage: 2 } }] } });
    assert.deepEqual(older.growth, { sqlite: { firstPage: 1 } });
    const skipped = figuresOf({ growth: { stores: { sqlite: [] }, skipped: { postgres: 'no binaries' } } });
    assert.deepEqual(skipped.growth, { sqlite: undefined, skipped: { postgres: 'no binaries' } });
  });
});
