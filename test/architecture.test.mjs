// The layout shows the architecture: data flows one way — spec → sdk → elements, spec → server,
// spec → conformance. These tests keep the arrows pointing that way, in package manifests and
// in the source.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
