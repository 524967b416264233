// `npm run pack:check` (part of `npm test`, after the build): the packages as a consumer gets them
// from npm. Packs every workspace, checks each tarball (licence, no measurement build, source maps
// that carry their sources, manifest paths that exist), runs publint and attw (esm-only profile),
// installs the tarballs into one fresh consumer project (test/consumer/) and there type-checks a
// Vite vanilla-TS page, a Node 20 project (node16 and bundler resolution, ES2022 library only) and
// a React 19 app, builds the page with Vite, runs the packages in Node, starts the server installed
// from the tarball with its hosted page and privacy statement, and runs the kit installed from the
// tarball against it. Only the npm registry is reached (for the packages' own dependencies; the
// cache usually has them). Ends with `N passed, N failed`; WEERBAAR_TEST_COUNTS gets the counts.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { startReferenceServer } from '../test-support/reference-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const execFileAsync = promisify(execFile);
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** Versions of the consumer's own tools: the repository's, so the npm cache has them. */
const devVersion = (name) => rootManifest.devDependencies[name] ?? JSON.parse(readFileSync(join(root, 'packages', 'elements', 'package.json'), 'utf8')).devDependencies[name];
/** Entry points that are data, not modules: attw cannot type a YAML file. */
const attwDataEntries = { '@weerbaar/spec': ['openapi.yaml'] };

const results = [];
async function check(name, body) {
  const started = performance.now();
  try {
    await body();
    results.push({ name, passed: true });
    console.log(`✔ ${name} (${Math.round(performance.now() - started)} ms)`);
  } catch (error) {
    results.push({ name, passed: false });
    console.log(`✖ ${name}\n${String(error?.stack ?? error).replace(/^/gm, '    ')}`);
  }
}

/** Runs the tasks two at a time (the machines have two cores; each task is one process). */
async function twoAtATime(tasks) {
  const queue = [...tasks];
  await Promise.all([0, 1].map(async () => {
    while (queue.length) await queue.shift()();
  }));
}

/** Runs a command; rejects with its output when it fails. */
async function run(command, args, options = {}) {
  try {
    return await execFileAsync(command, args, { maxBuffer: 64 * 1024 * 1024, ...options });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed (${error.code}):\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd });
const attw = join(root, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)));
}

const work = await mkdtemp(join(tmpdir(), 'weerbaar-pack-check-'));
try {
  const tarballDir = join(work, 'tarballs');
  await mkdir(tarballDir);
  /** @type {{ name: string, version: string, filename: string, dir: string }[]} */
  let packed = [];
  await check('npm pack of every workspace', async () => {
    const { stdout } = await npm(['pack', '--workspaces', '--pack-destination', tarballDir, '--json', '--silent'], root);
    packed = JSON.parse(stdout).map(({ name, version, filename }) => ({ name, version, filename: join(tarballDir, filename), dir: join(work, 'unpacked', name) }));
    if (packed.length !== rootManifest.workspaces.length) throw new Error(`packed ${packed.length} of ${rootManifest.workspaces.length}`);
    for (const tarball of packed) {
      await mkdir(tarball.dir, { recursive: true });
      await run('tar', ['-xzf', tarball.filename, '-C', tarball.dir, '--strip-components=1']);
    }
  });

  for (const tarball of packed) {
    await check(`${tarball.name}: LICENSE, source maps with their sources, nothing of the build's own`, async () => {
      const files = filesUnder(tarball.dir);
      if (!readFileSync(join(tarball.dir, 'LICENSE'), 'utf8').startsWith('EUROPEAN UNION PUBLIC LICENCE v. 1.2')) throw new Error('no EUPL-1.2 LICENSE');
      const strays = files.filter((file) => /(^|\/)(bundle|tmp)\/|\.test\.|\.stories\.|\.tsbuildinfo$/.test(file));
      if (strays.length) throw new Error(`ships ${strays.slice(0, 5).join(', ')}`);
      for (const map of files.filter((file) => file.endsWith('.map'))) {
        const { sources, sourcesContent = [] } = JSON.parse(readFileSync(join(tarball.dir, map), 'utf8'));
        if (sources.some((_, index) => typeof sourcesContent[index] !== 'string')) throw new Error(`${map} names sources it does not carry`);
      }
    });
  }

  const elements = packed.find((tarball) => tarball.name === '@weerbaar/elements');
  await check('@weerbaar/elements: every path in custom-elements.json is in the package', async () => {
    const manifest = JSON.parse(readFileSync(join(elements.dir, 'custom-elements.json'), 'utf8'));
    const missing = manifest.modules.map((module) => module.path).filter((path) => !existsSync(join(elements.dir, path)));
    if (missing.length) throw new Error(`missing: ${missing.join(', ')}`);
  });

  for (const tarball of packed) {
    await check(`${tarball.name}: publint`, async () => {
      const bytes = readFileSync(tarball.filename);
      const { messages, pkg } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, level: 'suggestion', strict: true });
      if (messages.length) throw new Error(messages.map((message) => `${message.type}: ${formatMessage(message, pkg)}`).join('\n'));
    });
  }
  await twoAtATime(
    packed.map((tarball) => () =>
      check(`${tarball.name}: attw --profile esm-only`, async () => {
        const exclude = attwDataEntries[tarball.name] ?? [];
        await run(process.execPath, [attw, tarball.filename, '--profile', 'esm-only', '--format', 'table-flipped', ...(exclude.length ? ['--exclude-entrypoints', ...exclude] : [])]);
      }),
    ),
  );

  const consumer = join(work, 'consumer');
  cpSync(join(root, 'test', 'consumer'), consumer, { recursive: true });
  writeFileSync(join(consumer, 'package.json'), `${JSON.stringify({ name: 'voorbeeldstad-site', private: true, type: 'module' }, null, 2)}\n`);
  let installed = false;
  await check('the tarballs install into a fresh project without an engine warning', async () => {
    // Our packages alone first: their dependency tree is what a municipality installs.
    const { stderr } = await npm(['install', '--ignore-scripts', ...packed.map((tarball) => tarball.filename)], consumer);
    const engineWarnings = stderr.split('\n').filter((line) => /EBADENGINE/.test(line));
    if (engineWarnings.length) throw new Error(stderr);
    // better-sqlite3 compiles from source for about 90 s; the repository's build is the same version for the same Node.
    const repositorySqlite = join(root, 'node_modules', 'better-sqlite3');
    const consumerSqlite = join(consumer, 'node_modules', 'better-sqlite3');
    const version = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    if (existsSync(join(repositorySqlite, 'build', 'Release', 'better_sqlite3.node')) && version(repositorySqlite) === version(consumerSqlite)) {
      cpSync(join(repositorySqlite, 'build'), join(consumerSqlite, 'build'), { recursive: true });
    } else {
      await npm(['rebuild', 'better-sqlite3'], consumer);
    }
    const tools = ['typescript', 'vite', '@types/node', 'react', 'react-dom', '@lit/react', '@types/react'];
    await npm(['install', '--ignore-scripts', '--save-dev', ...tools.map((name) => `${name}@${devVersion(name)}`)], consumer);
    installed = true;
  });

  if (installed) {
    const tsc = join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
    const typeChecks = [
      ['web-define', 'a Vite vanilla-TS page types the tags and events through /define alone'],
      ['web-element', 'one element registered through its own define.js types its events'],
      ['node16', 'Node 20 TypeScript (node16 resolution, ES2022 library only, no skipLibCheck)'],
      ['bundler', 'Node 20 TypeScript (bundler resolution, ES2022 library only, no skipLibCheck)'],
      ['react', 'React 19 through /react and /react/inbox, with typed event handlers'],
    ].map(([project, what]) => () => check(what, () => run(process.execPath, [tsc, '-p', `tsconfig.${project}.json`], { cwd: consumer })));
    const viteBuild = () =>
      check('vite build of the page', async () => {
        await run(process.execPath, [join(consumer, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: consumer });
        if (!filesUnder(join(consumer, 'vite-dist')).some((file) => file.endsWith('.js'))) throw new Error('no script built');
      });
    await twoAtATime([...typeChecks, viteBuild]);
    await check('the packages run in plain Node, and require() of one says it is ESM', () => run(process.execPath, ['node/run.mjs'], { cwd: consumer }));

    const serverCli = join(consumer, 'node_modules', '@weerbaar', 'server', 'dist', 'cli.js');
    const kitCli = join(consumer, 'node_modules', '@weerbaar', 'conformance', 'dist', 'cli.js');
    await check('both command-line tools know --version', async () => {
      for (const [cli, name] of [[serverCli, '@weerbaar/server'], [kitCli, '@weerbaar/conformance']]) {
        const { stdout } = await run(process.execPath, [cli, '--version']);
        const expected = packed.find((tarball) => tarball.name === name).version;
        if (stdout.trim() !== expected) throw new Error(`${name} --version printed "${stdout.trim()}", not ${expected}`);
      }
    });
    await check('the server from npm serves its hosted report page and privacy statement, and the kit from npm certifies it', async () => {
      // Without the elements installed beside it: the server brings the bundle of its hosted page itself.
      await rm(join(consumer, 'node_modules', '@weerbaar', 'elements'), { recursive: true, force: true });
      const server = await startReferenceServer({ cli: serverCli, encryption: true });
      try {
        const discovery = await (await fetch(`${server.apiUrl}/discovery`)).json();
        for (const url of [discovery.links.privacyStatement, discovery.capabilities.hostedReportPage?.url, '/elements/report-button.js', '/en/privacy.html']) {
          if (!url) throw new Error(`discovery advertises no hosted report page: ${JSON.stringify(discovery.capabilities)}`);
          const response = await fetch(new URL(new URL(url, server.origin).pathname, server.origin));
          if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
        }
        await run(process.execPath, [kitCli, '--base-url', server.apiUrl, '--max-guess-attempts', '40'], {
          env: { ...process.env, WEERBAAR_HANDLER_TOKEN: server.handlerToken },
        });
      } finally {
        await server.stop();
      }
    });
  }
} finally {
  await rm(work, { recursive: true, force: true });
  // `prepack` copied these in for the tarballs; the repository keeps one LICENSE.
  for (const name of readdirSync(join(root, 'packages'))) await rm(join(root, 'packages', name, 'LICENSE'), { force: true });
  await rm(join(root, 'packages', 'server', 'elements'), { recursive: true, force: true });
}

const passed = results.filter((result) => result.passed).length;
const failed = results.length - passed;
if (process.env.WEERBAAR_TEST_COUNTS) writeFileSync(process.env.WEERBAAR_TEST_COUNTS, JSON.stringify({ passed, failed, skipped: 0 }));
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
