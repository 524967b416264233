// `npm run bench`: installs the bench's pinned peers when needed (npm ci in bench/), builds the
// workspace when a package has no dist/, runs every measurement, prints one table per section and
// writes bench/results/latest.json. `--only weight,server` runs some sections; `--quick` fewer runs.
// The last table judges every goal of issue 19 on what ran (bench/goals.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { figuresOf, goalVerdicts } from './goals.mjs';
import { renderTable } from './lib/table.mjs';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const root = join(benchDir, '..');
const SECTIONS = ['weight', 'host-page', 'wire', 'crypto', 'server', 'growth', 'start'];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`npm run bench [-- --only ${SECTIONS.join(',')}] [-- --quick]`);
  process.exit(0);
}
const only = values.only ? values.only.split(',').map((name) => name.trim()) : SECTIONS;
const unknown = only.filter((name) => !SECTIONS.includes(name));
if (unknown.length) {
  console.error(`Unknown section ${unknown.join(', ')}; the sections are ${SECTIONS.join(', ')}.`);
  process.exit(2);
}

function run(command, args, cwd) {
  console.log(`> ${command} ${args.join(' ')}${cwd === root ? '' : ` (in ${cwd})`}`);
  const { status } = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (${status}).`);
    process.exit(1);
  }
}

// The peers and tools are pinned in bench/package-lock.json, apart from the root's lock. The start
// and growth sections use none of them: `--only start` or `--only growth` runs without installing them.
const NEEDS_NO_BENCH_PACKAGES = new Set(['start', 'growth']);
const installed = join(benchDir, 'node_modules', '.package-lock.json');
const needsBenchPackages = only.some((name) => !NEEDS_NO_BENCH_PACKAGES.has(name));
if (needsBenchPackages && (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(benchDir, 'package-lock.json')).mtimeMs)) {
  run('npm', ['ci', '--no-audit', '--no-fund'], benchDir);
}
const built = ['spec/dist/index.js', 'sdk/dist/index.js', 'elements/dist/cdn/manifest.json', 'server/dist/cli.js'];
if (!built.every((file) => existsSync(join(root, 'packages', file)))) run('npm', ['run', 'build'], root);

function chromiumVersion() {
  try {
    return execFileSync(process.env.CHROME_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

const machine = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  chromium: chromiumVersion(),
  loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
};

// Imported only now: the sections load the bench's own dependencies (lighthouse, autocannon).
const steps = {
  weight: async () => {
    const { runWeight, weightTables } = await import('./weight.mjs');
    const result = await runWeight();
    return { result, table: weightTables(result) };
  },
  'host-page': async () => {
    const { runHostPage, hostPageTables } = await import('./host-page.mjs');
    const result = await runHostPage(values.quick ? { runs: 2, lighthouseRuns: 1 } : { runs: 5, lighthouseRuns: 5 });
    return { result, table: hostPageTables(result) };
  },
  wire: async () => {
    const { runWire, wireTable } = await import('./wire.mjs');
    const result = await runWire();
    return { result, table: wireTable(result) };
  },
  crypto: async () => {
    const { runCrypto, cryptoTable } = await import('./crypto.mjs');
    const result = await runCrypto();
    return { result, table: cryptoTable(result) };
  },
  server: async () => {
    const { runServer, serverTable } = await import('./server.mjs');
    const result = await runServer(values.quick ? { seconds: 2, rounds: 1 } : { seconds: 3, rounds: 3 });
    return { result, table: serverTable(result) };
  },
  growth: async () => {
    const { runGrowth, growthTable } = await import('./growth.mjs');
    const result = await runGrowth(values.quick ? { sizes: [1_000, 10_000], requests: 5 } : { sizes: [1_000, 10_000, 100_000], requests: 25 });
    return { result, table: growthTable(result) };
  },
  start: async () => {
    const { runStart, startTable } = await import('./start.mjs');
    const result = await runStart(values.quick ? { runs: 1 } : { runs: 3 });
    return { result, table: startTable(result) };
  },
};

const started = performance.now();
const results = {};
const tables = [];
for (const name of SECTIONS.filter((section) => only.includes(section))) {
  const sectionStarted = performance.now();
  console.log(`\n… ${name}`);
  const { result, table } = await steps[name]();
  const seconds = Math.round((performance.now() - sectionStarted) / 1000);
  results[name] = { seconds, ...result };
  tables.push(table);
  console.log(`  done in ${seconds} s`);
}
machine.loadAverageAtEnd = loadavg().map((load) => Number(load.toFixed(2)));
const totalSeconds = Math.round((performance.now() - started) / 1000);

console.log(`\n## Weerbaar bench, ${machine.date}\n`);
console.log(`Node ${machine.node}, ${machine.cpus}, ${machine.memoryGiB} GiB, ${machine.chromium}; load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at end; ${totalSeconds} s in all.\n`);
console.log(tables.join('\n\n'));
const verdicts = goalVerdicts(figuresOf(results));
console.log(`\n${renderTable('Issue 19: every goal, its figure and verdict', ['goal', 'figure', 'verdict'], verdicts.map(({ goal, figure, verdict }) => [goal, figure, verdict]))}`);

mkdirSync(join(benchDir, 'results'), { recursive: true });
writeFileSync(join(benchDir, 'results', 'latest.json'), `${JSON.stringify({ machine, totalSeconds, sections: only, results, goals: verdicts }, null, 2)}\n`);
console.log('\nWritten to bench/results/latest.json.');
