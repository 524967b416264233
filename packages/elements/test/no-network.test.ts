// Elements never talk to the network themselves: all traffic goes through the SDK, which is
// imported lazily. This scans the source and the built first-load code.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { cdnDir, firstLoadFiles, packageDir, readCdnManifest } from './built-files.js';

const networkApi = /\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon/;
const unsafeHtml = /\.innerHTML\s*=|unsafeHTML|unsafeSVG|insertAdjacentHTML|document\.write|\beval\s*\(|new Function\s*\(/;
const cookie = /document\.cookie/;

function files(dir: string, pattern: RegExp, skip: RegExp = /^$/): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name) && !skip.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const sourceFiles = files(join(packageDir, 'src'), /\.ts$/, /\.(test|stories)\.ts$/);
const npmBuild = files(join(packageDir, 'dist'), /\.js$/).filter((file) => !file.startsWith(cdnDir));

describe('the elements stay off the network and out of the DOM-injection business', () => {
  it('has source files to check', () => assert.ok(sourceFiles.length >= 10 && npmBuild.length >= 5));

  for (const [name, pattern] of [
    ['no fetch, XMLHttpRequest, WebSocket, EventSource or sendBeacon', networkApi],
    ['no innerHTML, unsafeHTML, document.write or eval', unsafeHtml],
    ['no cookies', cookie],
  ] as const) {
    it(`${name} in the source or the npm build`, () => {
      for (const file of [...sourceFiles, ...npmBuild]) assert.doesNotMatch(readFileSync(file, 'utf8'), pattern, relative(packageDir, file));
    });
  }

  it('no network call in the CDN first load (Lit and the elements)', () => {
    for (const file of firstLoadFiles(readCdnManifest())) assert.doesNotMatch(readFileSync(join(cdnDir, file), 'utf8'), networkApi, file);
  });

  it('imports the SDK and its content entry only lazily: never with a static import (types aside)', () => {
    for (const file of sourceFiles) assert.doesNotMatch(readFileSync(file, 'utf8'), /^\s*import\s+(?!type\b)[^;]*from\s+['"]@weerbaar\/sdk(\/[a-z]+)?['"]/m, relative(packageDir, file));
    assert.match(readFileSync(join(packageDir, 'src/base/sdk-client.ts'), 'utf8'), /import\('@weerbaar\/sdk'\)/);
    assert.match(readFileSync(join(packageDir, 'src/base/content-client.ts'), 'utf8'), /import\('@weerbaar\/sdk\/content'\)/);
  });
});
