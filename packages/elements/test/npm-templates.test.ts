// The npm build (dist/, not dist/cdn/) compacts the element templates as the CDN build does, since a
// consumer's bundler keeps template text as written; and its source maps still lead every remaining
// character back to its own source line (the compaction rewrites in place, with a map of its own).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { compactedSources } from '../scripts/minify-html-templates.mjs';
import { packageDir } from './built-files.js';

const distDir = join(packageDir, 'dist');

interface BuiltFile {
  name: string;
  code: string;
  map: SourceMap;
  sources: string[];
  sourcesContent: string[];
}

/** Every JavaScript file of the npm build with its source map (the CDN build is tested elsewhere). */
function npmBuild(): BuiltFile[] {
  if (!existsSync(join(distDir, 'index.js'))) throw new Error(`${distDir} is empty: run \`npm run build -w @weerbaar/elements\` first.`);
  const files: BuiltFile[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'cdn') visit(path);
      } else if (entry.name.endsWith('.js')) {
        const payload = JSON.parse(readFileSync(`${path}.map`, 'utf8'));
        files.push({ name: relative(distDir, path), code: readFileSync(path, 'utf8'), map: new SourceMap(payload), sources: payload.sources, sourcesContent: payload.sourcesContent });
      }
    }
  };
  visit(distDir);
  return files;
}

/** Where `index` of a built file came from: the source (as the map names it) and that source's line. */
function origin(file: BuiltFile, index: number): { source: string; line: string } | undefined {
  const before = file.code.slice(0, index).split('\n');
  const entry = file.map.findEntry(before.length - 1, before.at(-1)!.length) as { originalSource?: string; originalLine?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
  const sourceIndex = file.sources.findIndex((source) => entry.originalSource!.endsWith(source.replace(/^(\.\.\/)+/, '')));
  assert.ok(sourceIndex >= 0, `${file.name}: the map names ${entry.originalSource}, not one of its sources`);
  return { source: file.sources[sourceIndex]!, line: file.sourcesContent[sourceIndex]!.split('\n')[entry.originalLine]! };
}

describe('the npm build', () => {
  const files = npmBuild();

  it('ships every style template compact: no comments, no line breaks', () => {
    let templates = 0;
    for (const file of files) {
      for (const [, body] of file.code.matchAll(/\bcss ?`([^`]*)`/g)) {
        templates += 1;
        assert.doesNotMatch(body!, /\n|\/\*/, `a style template in ${file.name} is not compact`);
      }
    }
    // The shared sheet and each element's own: the build must have found them to test them.
    assert.ok(templates >= 8, `only ${templates} style templates in the npm build`);
  });

  it('ships the markup of the compacted elements without indentation between tags', () => {
    let compacted = 0;
    for (const file of files) {
      for (const match of file.code.matchAll(/>[ \t]*\n\s*</g)) {
        const from = origin(file, match.index + 1);
        assert.ok(!from || !compactedSources.test(`/src/${from.source.split('/src/')[1]}`), `${file.name}: a line break between tags from ${from?.source}`);
      }
      if (file.sources.some((source) => compactedSources.test(`/src/${source.split('/src/')[1]}`))) compacted += 1;
    }
    assert.ok(compacted > 0, 'no file of the npm build holds a compacted element');
  });

  // TypeScript maps the code of a template's expressions token by token (not its static text): each
  // `this.…` read in a compacted element must come from a source line that reads it. A collapsed
  // template without a map of its own moves everything after it to the wrong line.
  it('keeps source maps that lead the code in and after each compacted template to the source line that writes it', () => {
    let checked = 0;
    for (const file of files) {
      for (const match of file.code.matchAll(/this\.#?\w+/g)) {
        const from = origin(file, match.index);
        if (!from || !compactedSources.test(`/src/${from.source.split('/src/')[1]}`)) continue;
        assert.ok(from.line.includes(match[0]), `${file.name}: ${match[0]} maps to ${from.source} line "${from.line.trim()}"`);
        checked += 1;
      }
    }
    assert.ok(checked >= 30, `only ${checked} reads in the compacted elements checked`);
  });
});
