import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { packageDir } from './built-files.js';

const run = promisify(execFile);
// The analyzer resolves --outdir against its working directory, even when absolute.
const analyzer = join(createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/package.json'), '..', 'cem.js');

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string }[];
  cssParts?: unknown[];
  cssProperties?: unknown[];
  events?: unknown[];
  summary?: string;
}

describe('custom-elements.json', () => {
  it('is up to date with the source (regenerate with `npm run analyze -w @weerbaar/elements`)', async () => {
    const outdir = await mkdtemp(join(tmpdir(), 'weerbaar-cem-'));
    try {
      await run(process.execPath, [analyzer, 'analyze', '--outdir', relative(packageDir, outdir)], { cwd: packageDir });
      assert.equal(await readFile(join(packageDir, 'custom-elements.json'), 'utf8'), await readFile(join(outdir, 'custom-elements.json'), 'utf8'));
      assert.equal(JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')).customElements, 'custom-elements.json');
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });

  it('describes every element with a summary, attributes, parts, CSS properties', async () => {
    const manifest = JSON.parse(await readFile(join(packageDir, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: Declaration[] }[] };
    const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
    const tags = elements.map((element) => element.tagName);
    const publicTags = ['weerbaar-norm-banner', 'weerbaar-signal-checklist', 'weerbaar-support-directory', 'weerbaar-report-button', 'weerbaar-dilemma-cards'];
    for (const tag of publicTags) assert.ok(tags.includes(tag), tag);
    for (const element of elements) {
      assert.ok(element.summary, `${element.tagName} summary`);
      // The console's case view works through the client it is given, not an `api` of its own.
      if (publicTags.includes(element.tagName!)) assert.ok(element.attributes?.some((attribute) => attribute.name === 'api'), `${element.tagName} api attribute`);
      assert.ok((element.cssParts?.length ?? 0) >= 5, `${element.tagName} parts`);
      assert.ok((element.cssProperties?.length ?? 0) >= 5, `${element.tagName} CSS properties`);
    }
  });
});
