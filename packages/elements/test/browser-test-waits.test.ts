// Every browser test waits through browser-helpers' `waitUntil`: open-wc's own gives up after 1 s,
// which a wait on a server round trip outlasted when every suite ran at once on two busy cores.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageDir } from './built-files.js';

/** The TypeScript files under `dir`, with their paths from the package. */
function sources(dir: string): string[] {
  return readdirSync(join(packageDir, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
}

describe("the elements' browser tests", () => {
  it("wait with browser-helpers' waitUntil (a limit fit for a loaded machine), never open-wc's own", () => {
    const files = [...sources('src'), ...sources('test')].filter((file) => file !== join('test', 'browser-helpers.ts'));
    const waiting = files.filter((file) => /\bwaitUntil\b/.test(readFileSync(join(packageDir, file), 'utf8')));
    assert.ok(waiting.length > 20, `only ${waiting.length} files wait: the search is broken`);
    const fromOpenWc = waiting.filter((file) => {
      const text = readFileSync(join(packageDir, file), 'utf8');
      return /import\s*\{[^}]*\bwaitUntil\b[^}]*\}\s*from\s*'@open-wc\/testing'/.test(text) || /import\('@open-wc\/testing'\)/.test(text);
    });
    assert.deepEqual(fromOpenWc, []);
  });
});
