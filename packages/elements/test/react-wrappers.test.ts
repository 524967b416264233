import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { consoleElementTags, eventPropName, readManifest, reactModulePath, renderReactModule } from '../scripts/generate-react.mjs';
import { cdnDir, packageDir } from './built-files.js';

// The bare specifiers a built module imports statically (`import ... from 'x'` and `import 'x'`).
function bareImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/(?:^|;|\n)\s*import\s*(?:[^'"]*?from\s*)?['"]([^'"./][^'"]*)['"]/g)].map((match) => match[1]!);
}

describe('the React wrappers (src/react/index.ts)', () => {
  it('are up to date with custom-elements.json (regenerate with `npm run generate:react -w @weerbaar/elements`)', async () => {
    assert.equal(readFileSync(reactModulePath, 'utf8'), renderReactModule(await readManifest()));
  });

  it('wrap every public element of the manifest and map each of its events to an on<PascalCase> prop', async () => {
    const manifest = await readManifest();
    const source = readFileSync(reactModulePath, 'utf8');
    const tags = ['weerbaar-norm-banner', 'weerbaar-signal-checklist', 'weerbaar-support-directory', 'weerbaar-report-button'];
    for (const tag of tags) assert.match(source, new RegExp(`tagName: '${tag}'`), tag);
    const events = manifest.modules.flatMap((module: { declarations?: { tagName?: string; events?: { name: string }[] }[] }) =>
      (module.declarations ?? [])
        .filter((declaration) => !consoleElementTags.has(declaration.tagName ?? ''))
        .flatMap((declaration) => (declaration.events ?? []).map((event) => event.name)),
    );
    assert.ok(events.includes('weerbaar-report-submitted'));
    for (const event of events) assert.ok(source.includes(`${eventPropName(event)}: '${event}'`), event);
  });

  it('leave the console out: its elements load with its own entry only', () => {
    const source = readFileSync(reactModulePath, 'utf8');
    for (const tag of consoleElementTags) assert.doesNotMatch(source, new RegExp(tag), tag);
  });

  it('names event props in PascalCase after "on"', () => {
    assert.equal(eventPropName('weerbaar-report-submitted'), 'onWeerbaarReportSubmitted');
    assert.equal(eventPropName('weerbaar-report-dialog-open'), 'onWeerbaarReportDialogOpen');
  });
});

describe('React in the build', () => {
  it('is imported by the @weerbaar/elements/react entry only, and kept external there', () => {
    assert.deepEqual(
      bareImports(join(packageDir, 'dist', 'react', 'index.js')).filter((name) => /react/.test(name)).sort(),
      ['@lit/react', 'react'],
    );
    const npmFiles = ['index.js', 'define.js', ...readdirSync(join(packageDir, 'dist', 'chunks')).filter((file) => file.endsWith('.js')).map((file) => `chunks/${file}`)];
    for (const file of npmFiles) {
      assert.deepEqual(bareImports(join(packageDir, 'dist', file)).filter((name) => /react/.test(name)), [], file);
    }
  });

  it('is not in the CDN bundle', () => {
    for (const file of readdirSync(cdnDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'))) {
      const code = readFileSync(join(cdnDir, file), 'utf8');
      // Marks of React (its elements' $$typeof symbols) and of @lit/react (createComponent's hydration prop).
      assert.doesNotMatch(code, /react\.element|react\.transitional\.element|suppressHydrationWarning/, file);
    }
  });
});
