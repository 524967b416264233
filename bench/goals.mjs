// The goals of issue 19, judged in one place: `figuresOf` takes what the sections measured
// (bench/results/latest.json's `results`) and keeps only the figures a goal is judged on;
// `goalVerdicts` turns those figures into one row per goal: its figure and "met", "not met" or
// "not measured: why". A goal is met when every part of it was measured and holds; one part that
// does not hold makes it "not met" even when another part was not measured.
// No imports: test/bench-goals.test.mjs feeds it figures directly.

export const LIMITS = {
  /** Bytes min+gzip (decimal kB, as the 20 000 B budget of the elements' budget test). */
  allFourBytes: 16_000,
  reportButtonBytes: 8_000,
  sdkCoreBytes: 5_000,
  /** Content endpoints and their 304s, requests per second against bare node:http. */
  serverRatio: 0.8,
  /** Every list at the largest size against the smallest. */
  growthRatio: 1.3,
  growthSizes: [1_000, 100_000],
  /** Sealing 10 MB against plain AES-256-GCM. */
  sealRatio: 1.3,
  startSeconds: 10,
  /** Lighthouse performance with the elements may be this many points below the page without. */
  lighthousePoints: 1,
};

const MINIFIERS = ['terser', 'esbuild'];

/** The figures each goal is judged on, from the sections that ran; a missing section leaves its figure out. */
export function figuresOf(results) {
  const figures = {};
  const page = results['host-page'];
  if (page) {
    figures.hostPage = {
      // Long tasks of ours in each cold load, attributed by URL from a trace (host-page.mjs); absent in older results.
      ourLongTasks: page.browser.with.ourLongTasks?.runs,
      longTasksWith: page.browser.with.longTasks.runs,
      longTasksWithout: page.browser.without.longTasks.runs,
      lighthouseWith: page.lighthouse.with.performance.median,
      lighthouseWithout: page.lighthouse.without.performance.median,
      clsWith: Math.max(page.browser.with.cls.max, page.lighthouse.with.cls.max),
    };
  }
  if (results.weight) {
    const { entries, esbuild, cdn } = results.weight;
    const find = (list, file) => list?.find((entry) => entry.file === file);
    const sizes = (list) => {
      const all = find(list, 'weerbaar-all.js');
      const button = find(list, 'weerbaar-report-button.js');
      const sdk = find(list, 'weerbaar-sdk.js');
      if (!all || !button || !sdk) return undefined;
      // The floors (the libraries alone) explain a goal below what they weigh; absent in older results.
      const floor = (file) => find(list, file)?.initial.gzip;
      return { allFour: all.initial.gzip + all.contentPath.gzip, reportButton: button.initial.gzip, sdkCore: sdk.initial.gzip, floors: { lit: floor('lit-alone.js'), ky: floor('ky-alone.js') } };
    };
    figures.weight = { terser: sizes(entries), esbuild: sizes(esbuild), shipped: cdn && { allFour: cdn.allFour.gzip + cdn.contentPath.gzip, reportButton: cdn.reportButton.gzip } };
  }
  if (results.wire) {
    const statics = results.wire.files.filter((file) => !file.path.startsWith('/v1/'));
    const hashed = statics.filter((file) => file.hashedChunk);
    figures.wire = {
      staticFiles: statics.length,
      compressed: statics.filter((file) => file.gzip.coding === 'gzip' && file.brotli.coding === 'br').length,
      hashedChunks: hashed.length,
      immutable: hashed.filter((file) => /\bimmutable\b/.test(file.cacheControl ?? '')).length,
      // Every answer that depends on Accept-Encoding must say so.
      varyMissing: statics.filter((file) => file.brotli.coding !== 'identity' && !/\baccept-encoding\b/i.test(file.vary ?? '')).map((file) => file.path),
    };
  }
  if (results.server) {
    figures.server = results.server.scenarios
      .filter(({ label }) => label.startsWith('GET '))
      // Judged against the bare server that answers the same bytes (issue 19's baseline); results from
      // before it was measured have only the bare server with few headers.
      .map(({ label, bare, bareSameBytes, reference }) => ({
        label,
        ratio: reference.requestsPerSecond / (bareSameBytes ?? bare).requestsPerSecond,
        ...(bareSameBytes && { ratioFewHeaders: reference.requestsPerSecond / bare.requestsPerSecond }),
      }));
  }
  if (results.growth) {
    // Older results (before PostgreSQL was measured) hold SQLite's sizes in `results`.
    const byStore = results.growth.stores ?? { sqlite: results.growth.results };
    figures.growth = Object.fromEntries(
      Object.entries(byStore).map(([store, sizes]) => {
        const smallest = sizes.find(({ size }) => size === LIMITS.growthSizes[0]);
        const largest = sizes.find(({ size }) => size === LIMITS.growthSizes[1]);
        if (!smallest || !largest) return [store, undefined];
        const lists = Object.keys(largest.medians).filter((key) => key !== 'submit');
        return [store, Object.fromEntries(lists.map((key) => [key, largest.medians[key] / smallest.medians[key]]))];
      }),
    );
    if (Object.keys(results.growth.skipped ?? {}).length) figures.growth.skipped = results.growth.skipped;
  }
  if (results.crypto) {
    // run.mjs spreads the section's result (a list of cases) into an object next to its seconds.
    // Judged on the SDK's own path (a File, as addAttachment takes it) when measured; bytes in hand shown beside it.
    const cases = Object.values(results.crypto);
    const ratioOf = (name) => {
      const found = cases.find((entry) => entry?.name === name);
      return found && found.hpkeMs / found.aesGcmMs;
    };
    const [file, bytes] = [ratioOf('attachment-file'), ratioOf('attachment')];
    if (file ?? bytes) figures.seal = { ratio: file ?? bytes, path: file === undefined ? 'bytes in hand' : 'a File', ...(file !== undefined && bytes !== undefined ? { bytesRatio: bytes } : {}) };
  }
  if (results.start) figures.start = { seconds: results.start.unchanged.seconds, rebuilt: results.start.unchanged.rebuilt };
  return figures;
}

const part = (figure, met) => ({ figure, met });
const missing = (why) => ({ missing: why });
const x = (value) => `${value.toFixed(2)}×`;

function hostPageParts(page) {
  if (!page) return [missing('the host-page section was not run (--only)')];
  // Judged on the long tasks of ours (trace attribution by URL) in every cold load; the paired count of
  // every long task (with minus without, interleaved loads) is shown beside it, not judged.
  const added = page.longTasksWith.map((count, index) => count - (page.longTasksWithout[index] ?? 0));
  const points = page.lighthouseWith - page.lighthouseWithout;
  const ours = page.ourLongTasks;
  const sorted = [...(ours ?? [])].sort((a, b) => a - b);
  const median = sorted.length ? (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2 : 0;
  return [
    ours?.length
      ? part(`long tasks of ours per cold load ${median} (${sorted[0]}–${sorted.at(-1)}; all long tasks added ${Math.min(...added)}–${Math.max(...added)}, not judged)`, sorted.at(-1) === 0)
      : missing('long tasks not attributed by URL (no trace in this host-page result)'),
    part(`Lighthouse ${page.lighthouseWith} vs ${page.lighthouseWithout}`, points >= -LIMITS.lighthousePoints),
    part(`CLS ${page.clsWith.toFixed(3)}`, page.clsWith === 0),
  ];
}

function bytesParts(weight, wire) {
  const parts = [];
  if (!weight) parts.push(missing('the weight section was not run (--only)'));
  else {
    const checks = [
      ['all four', 'allFour', LIMITS.allFourBytes, 'lit'],
      ['button', 'reportButton', LIMITS.reportButtonBytes, 'lit'],
      ['SDK core', 'sdkCore', LIMITS.sdkCoreBytes, 'ky'],
    ];
    for (const [label, key, limit, library] of checks) {
      const sizes = MINIFIERS.map((minifier) => [minifier, weight[minifier]?.[key]]);
      if (weight.shipped?.[key] !== undefined) sizes.push(['shipped', weight.shipped[key]]);
      const measured = sizes.filter(([, size]) => size !== undefined);
      const floors = MINIFIERS.map((minifier) => weight[minifier]?.floors?.[library]).filter((size) => size !== undefined);
      const floor = floors.length ? `; ${library === 'ky' ? 'ky' : 'Lit'} alone ${floors.join('/')}` : '';
      if (measured.length) parts.push(part(`${label} ${measured.map(([name, size]) => `${name} ${size}`).join('/')} B (≤ ${limit}${floor})`, measured.every(([, size]) => size <= limit)));
      for (const [minifier] of sizes.filter(([, size]) => size === undefined)) parts.push(missing(`${label} under ${minifier} not measured`));
    }
  }
  if (!wire) parts.push(missing('the wire section was not run (--only)'));
  else {
    parts.push(part(`precompressed ${wire.compressed}/${wire.staticFiles}`, wire.staticFiles > 0 && wire.compressed === wire.staticFiles));
    parts.push(part(`immutable ${wire.immutable}/${wire.hashedChunks} hashed chunks`, wire.hashedChunks > 0 && wire.immutable === wire.hashedChunks));
    parts.push(part(wire.varyMissing.length ? `no Vary: Accept-Encoding on ${wire.varyMissing.join(', ')}` : 'Vary: Accept-Encoding', wire.varyMissing.length === 0));
  }
  return parts;
}

function serverParts(scenarios) {
  if (!scenarios?.length) return [missing('the server section was not run (--only)')];
  const worst = scenarios.reduce((low, scenario) => (scenario.ratio < low.ratio ? scenario : low));
  const range = (ratios) => `${x(Math.min(...ratios))}–${x(Math.max(...ratios))}`;
  const fewHeaders = scenarios.flatMap(({ ratioFewHeaders }) => (ratioFewHeaders === undefined ? [] : [ratioFewHeaders]));
  const baseline = fewHeaders.length ? `bare with the same bytes; ${range(fewHeaders)} of bare with 3–5 headers, not judged` : 'bare';
  return [part(`${range(scenarios.map(({ ratio }) => ratio))} of ${baseline} (worst: ${worst.label.replace(/^GET /, '')})`, worst.ratio >= LIMITS.serverRatio)];
}

/** The list with the highest ratio among `entries` ([key, ratio] pairs). */
const worstList = (entries) => entries.reduce((high, entry) => (entry[1] > high[1] ? entry : high));

// Judged on the cursor lists (keys `cursor…`), the paging the issue asks for; the page-number lists
// are kept for old clients and shown beside it, not judged: their total counts every match.
function growthParts(growth) {
  if (!growth) return [missing('the growth section was not run (--only)')];
  return ['sqlite', 'postgres'].map((store) => {
    const name = store === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const ratios = growth[store];
    if (!ratios) {
      if (growth.skipped?.[store]) return missing(`${name} not measured: ${growth.skipped[store]}`);
      return missing(store in growth ? `${name} without ${LIMITS.growthSizes.join(' and ')} cases (--quick)` : `${name} not in the growth table`);
    }
    const cursorLists = Object.entries(ratios).filter(([key]) => key.startsWith('cursor'));
    if (!cursorLists.length) return missing(`${name} cursor lists not measured`);
    const [worstKey, worst] = worstList(cursorLists);
    const pageLists = Object.entries(ratios).filter(([key]) => !key.startsWith('cursor'));
    const [oldKey, oldWorst] = pageLists.length ? worstList(pageLists) : [];
    const old = oldKey ? ` (page numbers, old clients, not judged: worst ${x(oldWorst)} ${oldKey})` : '';
    return part(`${name} worst cursor list ${x(worst)} (${worstKey})${old}`, worst <= LIMITS.growthRatio);
  });
}

const sealFigure = ({ ratio, path, bytesRatio }) => `${x(ratio)}${path ? ` from ${path}` : ''}${bytesRatio === undefined ? '' : ` (bytes in hand ${x(bytesRatio)})`}`;

/** One row per goal: `{ goal, figure, verdict }`, verdict "met", "not met" or "not measured: …". */
export function goalVerdicts(figures) {
  const goals = [
    ['1 host page', hostPageParts(figures.hostPage)],
    ['2 bytes', bytesParts(figures.weight, figures.wire)],
    ['3 server ≥ 0.8× bare', serverParts(figures.server)],
    ['4 growth 100k ≤ 1.3× 1k', growthParts(figures.growth)],
    ['5 seal 10 MB ≤ 1.3× AES-GCM', figures.seal ? [part(sealFigure(figures.seal), figures.seal.ratio <= LIMITS.sealRatio)] : [missing('the crypto section was not run (--only)')]],
    [
      '6 npm start ≤ 10 s unchanged',
      figures.start
        ? [part(`${figures.start.seconds.toFixed(1)} s${figures.start.rebuilt.length ? `, rebuilt ${figures.start.rebuilt.join(', ')}` : ', nothing rebuilt'}`, figures.start.seconds <= LIMITS.startSeconds && figures.start.rebuilt.length === 0)]
        : [missing('the start section was not run (--only)')],
    ],
  ];
  return goals.map(([goal, parts]) => {
    const measured = parts.filter((entry) => !('missing' in entry));
    const gaps = parts.filter((entry) => 'missing' in entry).map((entry) => entry.missing);
    const verdict = measured.some((entry) => !entry.met) ? 'not met' : gaps.length ? `not measured: ${gaps.join('; ')}` : 'met';
    const figure = [...measured.map((entry) => `${entry.figure}${entry.met ? '' : ' ✗'}`), ...(verdict === 'not met' ? gaps.map((gap) => `(${gap})`) : [])].join('; ');
    return { goal, figure: figure || '–', verdict };
  });
}
