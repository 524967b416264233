// The layout shows the architecture: data flows one way — spec → sdk → elements, spec → server,
// spec → conformance. These tests keep the arrows pointing that way, in package manifests and
// in the source; keep product code and the packages' scripts apart from test code; and keep the
// server's layers (request → plugin → route → domain → store, packages/server/README.md) in order.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const allowed = {
  spec: [],
  sdk: ['spec'],
  elements: ['sdk'],
  server: ['spec'],
  conformance: ['spec'],
};

async function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(path)));
    else if (/\.(m?[jt]s)$/.test(entry.name) && !/\.(test|stories)\.ts$/.test(entry.name)) files.push(path);
  }
  return files;
}

describe('dependencies between packages', () => {
  for (const [name, may] of Object.entries(allowed)) {
    it(`@weerbaar/${name} depends only on ${may.length ? may.map((m) => `@weerbaar/${m}`).join(', ') : 'no other package'}`, async () => {
      const manifest = JSON.parse(await readFile(join(root, 'packages', name, 'package.json'), 'utf8'));
      const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.devDependencies })
        .filter((dep) => dep.startsWith('@weerbaar/'))
        .map((dep) => dep.slice('@weerbaar/'.length));
      assert.deepEqual(declared.filter((dep) => !may.includes(dep)), [], 'package.json names a package it may not use');

      const imported = new Set();
      for (const file of await sourceFiles(join(root, 'packages', name, 'src'))) {
        const text = await readFile(file, 'utf8');
        for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)['"]@weerbaar\/([a-z-]+)/g)) imported.add(match[1]);
      }
      assert.deepEqual([...imported].filter((dep) => !may.includes(dep)), [], 'the source imports a package it may not use');
    });
  }

  it('nothing imports the conformance kit', async () => {
    for (const name of Object.keys(allowed).filter((n) => n !== 'conformance')) {
      for (const file of await sourceFiles(join(root, 'packages', name, 'src'))) {
        assert.doesNotMatch(await readFile(file, 'utf8'), /@weerbaar\/conformance/, file);
      }
    }
  });
});

/** The relative imports of a file (static and dynamic), resolved to paths relative to the repository. */
async function relativeImports(file) {
  const text = await readFile(file, 'utf8');
  const found = [];
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    found.push(relative(root, resolve(dirname(file), match[1])).split(sep).join('/'));
  }
  return found;
}

describe('product code and scripts apart from tests', () => {
  const packages = Object.keys(allowed);
  for (const name of packages) {
    it(`@weerbaar/${name}'s src/ and scripts/ never import test-support/ or test code`, async () => {
      const files = [...(await sourceFiles(join(root, 'packages', name, 'src'))), ...(await sourceFiles(join(root, 'packages', name, 'scripts')))];
      const offending = [];
      for (const file of files) {
        for (const target of await relativeImports(file)) {
          if (target.startsWith('test-support/') || /(^|\/)test\//.test(target)) offending.push(`${relative(root, file)} → ${target}`);
        }
      }
      assert.deepEqual(offending, []);
    });
  }
});

describe("the server's layers", () => {
  const src = 'packages/server/src/';
  /** Where a server source path belongs: its first folder under src/ (or the file itself at the top). */
  const layerOf = (path) => path.slice(src.length).split('/')[0].replace(/\.(m?[jt]s)$/, '');
  // The stores' interfaces are what routes and domain code may know of storage (the cases' Store, the
  // audit log, attachment bytes, and the stores written once for both engines: people, retention,
  // statistics, jobs, the demo outbox, dilemmas); the engines, their SQL, drivers and the migrations stay behind them.
  const storageInterfaces = new Set(
    ['store', 'audit-log', 'attachments/attachment-storage', 'people-store', 'retention-store', 'statistics-source', 'job-queue', 'mail-outbox', 'dilemma-store'].map(
      (name) => `${src}storage/${name}.js`,
    ),
  );
  /**
   * Each layer, and the layers it must never import. storage/ and security/ may use domain/'s pure
   * definitions (the audit chain's hashing and its types, domain/audit-chain.ts).
   */
  const forbidden = {
    plugins: ['routes', 'domain', 'storage', 'content', 'context'],
    routes: ['plugins'],
    domain: ['routes', 'plugins'],
    storage: ['routes', 'plugins', 'http', 'content'],
    security: ['routes', 'plugins'],
    notifications: ['routes', 'plugins', 'http'],
    jobs: ['routes', 'plugins', 'http'],
  };

  async function serverImports() {
    const edges = [];
    for (const file of await sourceFiles(join(root, src))) {
      const from = relative(root, file).split(sep).join('/');
      for (const target of await relativeImports(file)) edges.push({ from, to: target });
    }
    return edges;
  }

  for (const [layer, never] of Object.entries(forbidden)) {
    it(`${layer}/ never imports ${never.map((name) => `${name}/`).join(', ')}`, async () => {
      const offending = (await serverImports())
        .filter(({ from, to }) => layerOf(from) === layer && to.startsWith(src) && never.includes(layerOf(to)))
        .map(({ from, to }) => `${from} → ${to}`);
      assert.deepEqual(offending, []);
    });
  }

  it('routes/ and domain/ reach storage only through the stores\' interfaces', async () => {
    const offending = (await serverImports())
      .filter(({ from, to }) => ['routes', 'domain'].includes(layerOf(from)) && layerOf(to) === 'storage' && !storageInterfaces.has(to))
      .map(({ from, to }) => `${from} → ${to}`);
    assert.deepEqual(offending, []);
  });

  it('only http/app.ts registers plugins and routes', async () => {
    const offending = (await serverImports())
      .filter(({ from, to }) => ['plugins', 'routes'].includes(layerOf(to)) && layerOf(from) !== layerOf(to) && from !== `${src}http/app.ts`)
      .map(({ from, to }) => `${from} → ${to}`);
    assert.deepEqual(offending, []);
  });

  it('the folders are the ones the server README maps', async () => {
    const readme = await readFile(join(root, 'packages/server/README.md'), 'utf8');
    const folders = (await readdir(join(root, src), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const map = readme.slice(readme.indexOf('## Where things are'), readme.indexOf('\n## ', readme.indexOf('## Where things are') + 1));
    assert.deepEqual(folders.filter((folder) => !map.includes(`\`src/${folder}/\``)), [], 'every folder of src/ appears in "Where things are"');
    const mapped = [...map.matchAll(/`src\/([\w-]+)\/`/g)].map((match) => match[1]);
    assert.deepEqual(mapped.filter((folder) => !folders.includes(folder)), [], 'every folder "Where things are" names exists');
    const files = new Set((await sourceFiles(join(root, src))).map((file) => relative(join(root, src), file).split(sep).pop()));
    const named = [...map.matchAll(/`([\w-]+\.ts)`/g)].map((match) => match[1]);
    assert.deepEqual(named.filter((file) => !files.has(file)), [], 'every file "Where things are" names exists');
  });
});
