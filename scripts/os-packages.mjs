// The OS packages (Debian's) the project needs beyond Node: a compiler for better-sqlite3 at
// `npm ci`, and the browsers, the virtual display and PostgreSQL for `npm test`. One list, used by
// `npm test` (scripts/test.mjs) and by `.ci/run`:
//
//   node scripts/os-packages.mjs install [--build]   installs what is missing (root with apt-get),
//                                                    or says the exact command and exits 1
//
// `npm ci && npm start` needs only Node and the compiler.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { browserPaths } from '../test-support/browser-paths.mjs';
import { findPostgresBinaries } from '../test-support/postgres.mjs';

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** @typedef {{ name: string, for: string, installed: () => boolean }} OsPackage */

/** @type {OsPackage[]} What `npm ci` compiles better-sqlite3 with. */
export const buildPackages = [
  { name: 'g++', for: 'compiling better-sqlite3 at npm ci', installed: () => onPath('g++') },
  { name: 'make', for: 'compiling better-sqlite3 at npm ci', installed: () => onPath('make') },
  { name: 'python3', for: 'compiling better-sqlite3 at npm ci', installed: () => onPath('python3') },
];

/** @type {OsPackage[]} What `npm test` runs. */
export const testPackages = [
  { name: 'chromium', for: 'the browser tests in Chromium', installed: () => existsSync(browserPaths.chromium) },
  { name: 'firefox-esr', for: 'the browser tests in Firefox', installed: () => existsSync(browserPaths.firefox) },
  {
    name: 'webkit2gtk-driver',
    for: 'the browser tests in WebKit (WebKitWebDriver and MiniBrowser)',
    installed: () => existsSync(browserPaths.webkitDriver) && existsSync(browserPaths.webkitBrowser),
  },
  { name: 'xvfb', for: 'the virtual display WebKit runs on', installed: () => existsSync(browserPaths.xvfbRun) },
  // xvfb only recommends it, but xvfb-run cannot start a display without it.
  { name: 'xauth', for: 'xvfb-run', installed: () => onPath('xauth') },
  { name: 'postgresql', for: "the server's tests on PostgreSQL", installed: () => findPostgresBinaries() !== undefined },
  { name: 'openssl', for: 'the throwaway TLS certificate of the test OpenID provider', installed: () => onPath('openssl') },
];

export const allPackages = [...buildPackages, ...testPackages];

export function installCommand(names) {
  return `apt-get update && apt-get install -y --no-install-recommends ${names.join(' ')}`;
}

function canInstall() {
  return process.getuid?.() === 0 && onPath('apt-get');
}

/**
 * Installs the missing ones when this process may (root with apt-get); otherwise returns the
 * exact command to run. Resolves to `{ ok: true }` when everything is there afterwards.
 * @param {OsPackage[]} packages
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function ensureOsPackages(packages) {
  const missing = packages.filter((entry) => !entry.installed());
  if (missing.length === 0) return { ok: true };
  const names = missing.map((entry) => entry.name);
  const list = missing.map((entry) => `  ${entry.name} (${entry.for})`).join('\n');
  if (!canInstall()) {
    return {
      ok: false,
      message: `These OS packages are missing:\n${list}\nInstall them as root (Debian 12), then run the command again:\n  sudo sh -c '${installCommand(names)}'`,
    };
  }
  console.log(`Installing from the OS packages: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch (error) {
    return { ok: false, message: `apt-get failed (${error.message}). The command was:\n  ${installCommand(names)}` };
  }
  const stillMissing = missing.filter((entry) => !entry.installed());
  if (stillMissing.length > 0) return { ok: false, message: `Still missing after apt-get: ${stillMissing.map((entry) => entry.name).join(' ')}` };
  return { ok: true };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...flags] = process.argv.slice(2);
  if (command !== 'install') {
    console.error('usage: node scripts/os-packages.mjs install [--build]');
    process.exit(2);
  }
  const result = ensureOsPackages(flags.includes('--build') ? allPackages : testPackages);
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
}
