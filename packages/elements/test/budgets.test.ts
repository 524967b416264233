import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cdnDir, firstLoadFiles, gzipBytes, readCdnManifest } from './built-files.js';

// PRODUCT.md: all four elements at first load, Lit included, at most 20 kB min+gzip. These three
// must leave room for the report button's own code (it shares Lit with them).
const threeElementsBudget = 15_000;

describe('the CDN bundle', () => {
  const manifest = readCdnManifest();

  it(`loads the three elements with Lit in at most ${threeElementsBudget} bytes min+gzip before any interaction`, () => {
    const files = firstLoadFiles(manifest);
    const total = files.reduce((sum, file) => sum + gzipBytes(file), 0);
    console.log(`first load: ${files.join(', ')} = ${total} bytes min+gzip`);
    assert.ok(total <= threeElementsBudget, `${total} bytes`);
  });

  it('keeps the SDK out of the first load: it is a lazy chunk, loaded only for an api attribute', () => {
    const firstLoad = firstLoadFiles(manifest);
    const lazy = Object.keys(manifest.files).filter((file) => !firstLoad.includes(file));
    assert.ok(lazy.length > 0, 'no lazy chunk');
    assert.ok(manifest.files[manifest.entry]!.dynamicImports.length > 0, 'the entry imports nothing lazily');
    const firstLoadText = firstLoad.map((file) => readFileSync(`${cdnDir}${file}`, 'utf8')).join('\n');
    assert.doesNotMatch(firstLoadText, /Idempotency-Key|If-None-Match/, 'SDK code in the first load');
  });

  it('publishes a Subresource Integrity hash (sha384) for every file that matches its bytes', () => {
    for (const [file, { integrity, bytes }] of Object.entries(manifest.files)) {
      const content = readFileSync(`${cdnDir}${file}`);
      assert.equal(content.length, bytes, file);
      assert.equal(integrity, `sha384-${createHash('sha384').update(content).digest('base64')}`, file);
    }
  });
});
