// `npm start` when nothing changed since the last build (issue 19, goal 6): the seconds from
// starting `node scripts/start.mjs` (what `npm start` runs) until the demo page answers, on a
// data directory a first start has already created, as a second `npm start` finds ./.data.
// Its build plan (`--dry-run`) says what it would rebuild: nothing, when the workspace is built.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNodeServer } from './lib/processes.mjs';
import { summarise, formatSpread } from './lib/stats.mjs';
import { renderTable } from './lib/table.mjs';

const startScript = fileURLToPath(new URL('../scripts/start.mjs', import.meta.url));

async function startOnce(dataDir) {
  const started = performance.now();
  const server = await startNodeServer([startScript], { HOST: '127.0.0.1', PORT: '0', WEERBAAR_DATA_DIR: dataDir, WEERBAAR_LOG_LEVEL: 'warn' });
  try {
    const page = await fetch(`${server.origin}/`);
    await page.arrayBuffer();
    if (page.status !== 200) throw new Error(`the demo page answered ${page.status}`);
    return (performance.now() - started) / 1000;
  } finally {
    await server.stop();
  }
}

/** The packages `npm start` would build now. */
const buildPlan = () => JSON.parse(execFileSync(process.execPath, [startScript, '--dry-run'], { encoding: 'utf8' })).map(({ name }) => name);

export async function runStart({ runs = 3 } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'weerbaar-bench-start-'));
  try {
    // The first start creates and migrates the database (and builds whatever the plan says); not counted.
    const firstPlan = buildPlan();
    const first = await startOnce(dataDir);
    const seconds = [];
    const rebuilt = new Set();
    for (let run = 0; run < runs; run++) {
      for (const name of buildPlan()) rebuilt.add(name);
      seconds.push(await startOnce(dataDir));
    }
    const spread = summarise(seconds);
    return { runs, first: { seconds: first, rebuilt: firstPlan }, unchanged: { ...spread, seconds: spread.median, rebuilt: [...rebuilt] } };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function startTable({ runs, first, unchanged }) {
  return renderTable('npm start (node scripts/start.mjs) until the demo page answers, seconds', ['start', 'seconds', 'rebuilt'], [
    ['first (a fresh data directory)', first.seconds.toFixed(1), first.rebuilt.join(', ') || 'nothing'],
    [`again, median (min–max) of ${runs}`, formatSpread(unchanged), unchanged.rebuilt.join(', ') || 'nothing'],
  ]);
}
