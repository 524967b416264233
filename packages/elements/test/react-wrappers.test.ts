import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { consoleElementTags, eventPropName, readManifest, reactInboxModulePath, reactModulePath, renderReactModule } from '../scripts/generate-react.mjs';
import { cdnDir, packageDir } from './built-files.js';

// The specifiers a built module imports statically (`import ... from 'x'` and `import 'x'`).
function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/(?:^|;|\n)\s*import\s*(?:[^'"]*?from\s*)?['"]([^'"]+)['"]/g)].map((match) => match[1]!);
}

function bareImports(file: string): string[] {
  return staticImports(file).filter((specifier) => !specifier.startsWith('.'));
}

/** A built file and every file of the package it imports statically: what importing it loads. */
function loadedWith(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const specifier of staticImports(file).filter((imported) => imported.startsWith('.'))) loadedWith(join(dirname(file), specifier), seen);
  return seen;
}

type ManifestDeclaration = { tagName?: string; events?: { name: string; description?: string }[] };

/** The events of the manifest's elements that `include` selects, as documented with @fires. */
async function documentedEvents(include: (tagName: string) => boolean): Promise<string[]> {
  const manifest = await readManifest();
  return manifest.modules.flatMap((module: { declarations?: ManifestDeclaration[] }) =>
    (module.declarations ?? [])
      .filter((declaration) => declaration.tagName && include(declaration.tagName))
      .flatMap((declaration) => (declaration.events ?? []).filter((event) => event.description).map((event) => event.name)),
  );
}

/** The tags a generated module wraps, in its order. */
function wrappedTags(source: string): string[] {
  return [...source.matchAll(/tagName: '([^']+)'/g)].map((match) => match[1]!);
}

describe('the React wrappers (src/react/index.ts, src/react/inbox.ts)', () => {
  it('are up to date with custom-elements.json (regenerate with `npm run generate:react -w @weerbaar/elements`)', async () => {
    const manifest = await readManifest();
    assert.equal(readFileSync(reactModulePath, 'utf8'), renderReactModule(manifest));
    assert.equal(readFileSync(reactInboxModulePath, 'utf8'), renderReactModule(manifest, 'console'));
  });

  it('wrap exactly the public elements in the public module and map each of their events to an on<PascalCase> prop', async () => {
    const source = readFileSync(reactModulePath, 'utf8');
    assert.deepEqual(wrappedTags(source), ['weerbaar-dilemma-cards', 'weerbaar-norm-banner', 'weerbaar-report-button', 'weerbaar-signal-checklist', 'weerbaar-support-directory']);
    const events = await documentedEvents((tag) => !consoleElementTags.has(tag));
    assert.ok(events.includes('weerbaar-report-submitted'));
    for (const event of events) assert.ok(source.includes(`${eventPropName(event)}: '${event}'`), event);
  });

  it('wrap exactly the console in its own module (`@weerbaar/elements/react/inbox`), with the case view\'s events', async () => {
    const source = readFileSync(reactInboxModulePath, 'utf8');
    assert.deepEqual(wrappedTags(source), ['weerbaar-case-inbox', 'weerbaar-case-view']);
    const events = await documentedEvents((tag) => consoleElementTags.has(tag));
    assert.deepEqual(events.sort(), ['weerbaar-case-changed', 'weerbaar-case-view-close', 'weerbaar-session-ended']);
    for (const event of events) assert.ok(source.includes(`${eventPropName(event)}: '${event}'`), event);
    // Only @fires events become props: not the analyzer's "name" (a dispatch helper's parameter).
    assert.doesNotMatch(source, /onName\b/);
  });

  it('leave the console out of the public module: neither its source nor what its build loads names a console tag', () => {
    const source = readFileSync(reactModulePath, 'utf8');
    for (const tag of consoleElementTags) assert.doesNotMatch(source, new RegExp(tag), tag);
    const loaded = loadedWith(join(packageDir, 'dist', 'react', 'index.js'));
    assert.ok(loaded.size > 1, 'the built public module imports the elements');
    for (const file of loaded) {
      for (const tag of consoleElementTags) assert.doesNotMatch(readFileSync(file, 'utf8'), new RegExp(tag), `${file} names ${tag}`);
    }
    // The console's build does register both (so the check above can see a console tag).
    const consoleCode = [...loadedWith(join(packageDir, 'dist', 'react', 'inbox.js'))].map((file) => readFileSync(file, 'utf8')).join('\n');
    for (const tag of consoleElementTags) assert.match(consoleCode, new RegExp(`['"]${tag}['"]`), tag);
  });

  it('names event props in PascalCase after "on"', () => {
    assert.equal(eventPropName('weerbaar-report-submitted'), 'onWeerbaarReportSubmitted');
    assert.equal(eventPropName('weerbaar-report-dialog-open'), 'onWeerbaarReportDialogOpen');
  });
});

describe('React in the build', () => {
  it('is imported by the @weerbaar/elements/react and /react/inbox entries only, and kept external there', () => {
    for (const entry of ['index.js', 'inbox.js']) {
      assert.deepEqual(bareImports(join(packageDir, 'dist', 'react', entry)).filter((name) => /react/.test(name)).sort(), ['@lit/react', 'react'], entry);
    }
    const npmFiles = ['index.js', 'define.js', 'inbox.js', ...readdirSync(join(packageDir, 'dist', 'chunks')).filter((file) => file.endsWith('.js')).map((file) => `chunks/${file}`)];
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
