// `npm start`: builds what the demo needs, then serves the reference server with its embedded
// SQLite database (./.data, reused by the next start) and the example municipal site at
// http://127.0.0.1:8080 (PORT, HOST and every WEERBAAR_* variable override; see packages/server).
// Only what changed since the last build is built again (scripts/build-plan.mjs): a package whose
// sources, package.json, rollup config or the lockfile are newer than its dist/, and what is built
// from it. `--dry-run` prints that plan and stops.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBuildFacts, readWorkspaces } from './build-facts.mjs';
import { dependantsOf, planBuilds } from './build-plan.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SERVER = '@weerbaar/server';

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('close', (code) => resolve(code === 0));
  });
}

const workspaces = readWorkspaces(root);
const plan = planBuilds(workspaces, readBuildFacts(root, workspaces));
if (process.argv.includes('--dry-run')) {
  console.log(JSON.stringify(plan));
  process.exit(0);
}
console.log(plan.length ? `Building ${plan.map(({ name, reason }) => `${name} (${reason})`).join(', ')}.` : 'Every package is built and up to date.');

// A package still under construction must not keep the demo from starting: the server needs only
// the contract and itself; the page says so when an element is missing.
const unbuildable = new Set();
for (const { name } of plan) {
  if (unbuildable.has(name)) continue;
  if (!(await run('npm', ['run', 'build', '--silent', '-w', name]))) {
    const skipped = dependantsOf(workspaces, name);
    for (const skip of skipped) unbuildable.add(skip);
    console.warn(`\nBuilding ${name} failed; not building ${[...skipped].join(', ')}.\n`);
  }
}
if (unbuildable.has(SERVER)) {
  console.error('The server could not be built; see the errors above.');
  process.exit(1);
}

const server = spawn(process.execPath, [join('packages', 'server', 'dist', 'cli.js'), 'serve'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    WEERBAAR_SITE_DIR: process.env.WEERBAAR_SITE_DIR ?? join(root, 'examples', 'municipal-site'),
    // Without a mail server the notices to handlers land on the demo site's /postvak page.
    WEERBAAR_DEMO_OUTBOX: process.env.WEERBAAR_DEMO_OUTBOX ?? 'true',
    WEERBAAR_NOTIFY_RECIPIENTS: process.env.WEERBAAR_NOTIFY_RECIPIENTS ?? 'integriteit@voorbeeldstad.example',
  },
});
// Ctrl+C reaches the server through the terminal's process group; a SIGTERM sent to this script
// is passed on, so that the server can close its database cleanly.
process.on('SIGTERM', () => server.kill('SIGTERM'));
process.on('SIGINT', () => {});
// The server closes cleanly on SIGINT and SIGTERM and exits 0; ended by a signal it did not handle
// (killed, out of memory) it did not close its database, and the caller must see that it failed.
server.on('close', (code, signal) => {
  if (signal) console.error(`The server was ended by ${signal} before it could stop cleanly.`);
  process.exit(code ?? 1);
});
