// `npm test`: brings the OS packages it needs (scripts/os-packages.mjs: installs them as root with
// apt-get, or stops at once with the command to run), builds, then runs every suite — node tests
// (unit, server over real HTTP against a real database, conformance, lint), the server's tests once
// more on a real PostgreSQL (a throwaway cluster), and the browser tests in Chromium, Firefox ESR
// and WebKit — and ends with one plain line `N passed, N failed` that sums them all (CI reads it).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgresBinaries, startPostgres } from '../test-support/postgres.mjs';
import { ensureOsPackages, testPackages } from './os-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function findTests(dir, pattern) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await findTests(path, pattern)));
    else if (pattern.test(entry.name)) found.push(path);
  }
  return found;
}

async function suite(name, body) {
  console.log(`\n━━ ${name}`);
  const started = performance.now();
  const result = await body();
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped ?? 0;
  const seconds = Math.round((performance.now() - started) / 1000);
  console.log(`━━ ${name}: ${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ''} (${seconds} s)`);
}

// Without its browsers and PostgreSQL the run would end in a wall of launch errors: stop at once.
const osPackages = ensureOsPackages(testPackages);
if (!osPackages.ok) {
  console.log(osPackages.message);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

const scratch = await mkdtemp(join(tmpdir(), 'weerbaar-test-'));
try {
  let built = false;
  await suite('build', async () => {
    built = (await run('npm', ['run', 'build', '--silent'])) === 0;
    return built ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  });

  if (built) {
    const nodeTestFile = /^(?!.*\.browser\.test\.).*\.test\.m?[jt]s$/;
    const packageNames = ['spec', 'sdk', 'server', 'conformance', 'elements'];
    const nodeTests = [
      ...(await findTests(join(root, 'test'), nodeTestFile)),
      ...(await Promise.all(packageNames.map((name) => findTests(join(root, 'packages', name, 'test'), nodeTestFile)))).flat(),
    ].sort();
    // Mirrors `browserTestFiles` in web-test-runner.config.mjs.
    const browserTests = [
      ...(await findTests(join(root, 'packages', 'elements', 'src'), /\.test\.ts$/)),
      ...(await Promise.all(packageNames.map((name) => findTests(join(root, 'packages', name, 'test'), /\.browser\.test\.ts$/)))).flat(),
    ];

    /** Runs node test files in one `node --test` and returns their counts. */
    async function runNodeTests(files, countFile, env = process.env) {
      const code = await run(
        process.execPath,
        [
          '--import',
          'tsx',
          '--test',
          '--test-concurrency=2',
          '--test-reporter=spec',
          '--test-reporter-destination=stdout',
          `--test-reporter=${join(root, 'scripts', 'count-reporter.mjs')}`,
          `--test-reporter-destination=${countFile}`,
          ...files.map((file) => relative(root, file)),
        ],
        { env },
      );
      const counts = JSON.parse(await readFile(countFile, 'utf8').catch(() => '{"passed":0,"failed":0,"skipped":0}'));
      // A runner that died without reporting a failure still failed.
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      return counts;
    }

    /** Runs a node script that writes its counts to $WEERBAAR_TEST_COUNTS (web-test-runner, the pack check). */
    async function runCounted(args, name, env = {}) {
      const countFile = join(scratch, `${name}-counts.json`);
      const code = await run(process.execPath, args, { env: { ...process.env, ...env, WEERBAAR_TEST_COUNTS: countFile } });
      const counts = JSON.parse(await readFile(countFile, 'utf8').catch(() => '{"passed":0,"failed":0,"skipped":0}'));
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      return counts;
    }

    // This suite is the SQLite one, whatever the shell has set.
    const { WEERBAAR_TEST_POSTGRES_URL: _ignored, ...sqliteEnv } = process.env;
    await suite(`node tests (${nodeTests.length} files)`, () => runNodeTests(nodeTests, join(scratch, 'node-counts.json'), sqliteEnv));

    // The server's own tests again, every server on its own database in one throwaway cluster.
    // Files whose tests never reach the storage (configuration, date rules, static pages, content)
    // would only repeat themselves there: they are left out, about a tenth of the suite's time.
    const storageFree = new Set(['config.test.ts', 'deadlines.test.ts', 'site.test.ts', 'hosted-report-page.test.ts', 'meta-and-content.test.ts', 'static-compression.test.ts', 'content-file.test.ts']);
    const serverTestDir = join(root, 'packages', 'server', 'test');
    const serverTests = nodeTests.filter((file) => file.startsWith(serverTestDir) && !storageFree.has(relative(serverTestDir, file)));
    await suite(`server on PostgreSQL (${serverTests.length} files)`, async () => {
      if (!findPostgresBinaries()) {
        const required = process.env.WEERBAAR_REQUIRE_POSTGRES === '1';
        console.log(
          `PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; on Debian: apt-get install postgresql): ` +
            (required ? 'FAILED, because WEERBAAR_REQUIRE_POSTGRES=1 requires it.' : 'the suite is skipped.'),
        );
        return required ? { passed: 0, failed: 1 } : { passed: 0, failed: 0 };
      }
      let cluster;
      try {
        cluster = await startPostgres();
      } catch (error) {
        console.log(`PostgreSQL did not start: ${error.message}`);
        return { passed: 0, failed: 1 };
      }
      try {
        return await runNodeTests(serverTests, join(scratch, 'postgres-counts.json'), { ...process.env, WEERBAAR_TEST_POSTGRES_URL: cluster.url });
      } finally {
        await cluster.stop();
      }
    });

    // The packages as a consumer installs them from npm (scripts/pack-check.mjs).
    await suite('pack check', () => runCounted([join(root, 'scripts', 'pack-check.mjs')], 'pack'));

    const browserConfig = join(root, 'web-test-runner.config.mjs');
    const engines = { chromium: 'Chromium', firefox: 'Firefox ESR', webkit: 'WebKit' };
    for (const [browser, engineName] of browserTests.length > 0 ? Object.entries(engines) : []) {
      await suite(`browser tests in ${engineName} (${browserTests.length} files)`, () =>
        runCounted([join(root, 'node_modules', '@web', 'test-runner', 'dist', 'bin.js'), '--config', browserConfig], `browser-${browser}`, { WEERBAAR_BROWSER: browser }),
      );
    }
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exitCode = totals.failed > 0 ? 1 : 0;
