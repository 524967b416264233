// Weight: every entry in bench/entries/ bundled by rollup with the repository's own plugin set
// (rollup.config.mjs createConfig: node-resolve with the browser + production conditions, terser
// ecma 2022 module) — ours and the peers alike — then gzip level 9 and brotli quality 11, in bytes.
// "initial" is the entry and every chunk it imports statically (what a page loads before any
// interaction); "lazy" is what it can load later through dynamic imports.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { rollup } from 'rollup';
import { createConfig } from '../rollup.config.mjs';
import { ratio, formatRatio } from './lib/stats.mjs';
import { renderTable } from './lib/table.mjs';

const entriesDir = fileURLToPath(new URL('./entries/', import.meta.url));
// createConfig builds its TypeScript plugin eagerly (it reads a tsconfig); the plugin is then left out.
const rootTsconfig = fileURLToPath(new URL('../tsconfig.base.json', import.meta.url));
const cdnDir = fileURLToPath(new URL('../packages/elements/dist/cdn/', import.meta.url));

const ELEMENTS = {
  'norm-banner': { ours: ['weerbaar-norm-banner'], shoelace: ['sl-alert'], material: ['md-outlined-card', 'md-text-button'], utrecht: ['utrecht-alert', 'utrecht-button'] },
  'signal-checklist': { ours: ['weerbaar-signal-checklist'], shoelace: ['sl-checkbox', 'sl-button'], material: ['md-checkbox', 'md-filled-button'], utrecht: ['utrecht-form-field-checkbox', 'utrecht-checkbox', 'utrecht-button'] },
  'support-directory': { ours: ['weerbaar-support-directory'], shoelace: ['sl-card', 'sl-input', 'sl-checkbox'], material: ['md-list', 'md-list-item', 'md-outlined-text-field', 'md-checkbox'], utrecht: ['utrecht-heading-3', 'utrecht-paragraph', 'utrecht-link', 'utrecht-textbox', 'utrecht-checkbox'] },
  'report-button': { ours: ['weerbaar-report-button'], shoelace: ['sl-button', 'sl-dialog'], material: ['md-filled-button', 'md-dialog'], utrecht: ['utrecht-button', 'utrecht-drawer'] },
};
const LIBRARIES = { ours: 'weerbaar', shoelace: 'shoelace', material: 'material', utrecht: 'utrecht' };

/** Every entry: its file in bench/entries/, and strings its bundle must contain (so nothing was tree-shaken away). */
export function weightEntries() {
  const entries = [];
  for (const [element, byLibrary] of Object.entries(ELEMENTS)) {
    for (const [library, tags] of Object.entries(byLibrary)) entries.push({ group: element, library, file: `${LIBRARIES[library]}-${element}.js`, mustContain: tags });
  }
  for (const library of Object.keys(LIBRARIES)) {
    const tags = Object.values(ELEMENTS).flatMap((byLibrary) => byLibrary[library]);
    entries.push({ group: 'all four', library, file: `${LIBRARIES[library]}-all.js`, mustContain: [...new Set(tags)] });
  }
  // The SDK core exports a client whose requests omit credentials; openapi-fetch builds Request objects.
  entries.push({ group: 'sdk', library: 'ours', file: 'weerbaar-sdk.js', mustContain: ['credentials:"omit"'] });
  // The light content client: plain fetch, no ky (so no retry options in it).
  entries.push({ group: 'sdk content', library: 'ours', file: 'weerbaar-sdk-content.js', mustContain: ['credentials:"omit"', 'If-None-Match'] });
  entries.push({ group: 'sdk', library: 'openapi-fetch', file: 'openapi-fetch.js', mustContain: ['/follow-up/sessions'] });
  // The floors under the goals: what the libraries we build on weigh alone, under the same minifiers.
  entries.push({ group: 'floor', library: 'ky', file: 'ky-alone.js', mustContain: ['retry'] });
  entries.push({ group: 'floor', library: 'lit', file: 'lit-alone.js', mustContain: ['attributeChangedCallback'] });
  return entries;
}

/** The entries issue 19 sets a byte goal for, measured under esbuild's minifier as well. */
const ESBUILD_ENTRIES = ['weerbaar-all.js', 'weerbaar-report-button.js', 'weerbaar-sdk.js', 'lit-alone.js', 'ky-alone.js'];

/** The repository's factory, minus TypeScript (every entry here is JavaScript): the same resolve and minify plugins and options. */
function bundleConfig(file, minifier) {
  const config = createConfig({ input: { entry: `${entriesDir}${file}` }, bundleDependencies: true, minify: minifier === 'terser', declarations: false, tsconfig: rootTsconfig });
  return {
    ...config,
    plugins: config.plugins.filter((plugin) => plugin.name !== 'typescript'),
    // Peers' published code has circular imports and top-level `this`; they are not our defects to fail on.
    onwarn() {},
  };
}

const compressed = (code) => ({
  min: Buffer.byteLength(code),
  gzip: gzipSync(code, { level: 9 }).length,
  brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

const add = (a, b) => ({ min: a.min + b.min, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const ZERO = { min: 0, gzip: 0, brotli: 0 };

/** These chunks and every chunk they import statically, from rollup's chunk graph. */
function staticClosure(chunks, from) {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const closure = new Set(from);
  for (const chunk of closure) for (const name of chunk.imports) closure.add(byName.get(name));
  return [...closure];
}

/**
 * The entry's static closure (initial); the light content client (`@weerbaar/sdk/content`) with what
 * it imports beyond that (contentPath: what the content elements load right after they render); and
 * everything else it can reach (lazy).
 */
function split(chunks) {
  const initial = staticClosure(chunks, [chunks.find((chunk) => chunk.isEntry)]);
  const contentClient = chunks.find((chunk) => chunk.moduleIds.some((id) => /packages\/sdk\/dist\/content\.js$/.test(id)));
  const contentPath = contentClient && !initial.includes(contentClient) ? staticClosure(chunks, [contentClient]).filter((chunk) => !initial.includes(chunk)) : [];
  const lazy = chunks.filter((chunk) => !initial.includes(chunk) && !contentPath.includes(chunk));
  return { initial, contentPath, lazy };
}

/** esbuild's minifier on a rollup chunk, with the options Vite gives it for an ES module build. */
async function esbuildMinify(chunk) {
  const { code } = await transform(chunk.code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' });
  return { ...chunk, code };
}

export async function measureEntry(entry, minifier = 'terser') {
  const config = bundleConfig(entry.file, minifier);
  const bundle = await rollup(config);
  const { output } = await bundle.generate({ ...config.output, sourcemap: false });
  await bundle.close();
  const bundled = output.filter((file) => file.type === 'chunk');
  const chunks = minifier === 'esbuild' ? await Promise.all(bundled.map(esbuildMinify)) : bundled;
  const { initial, contentPath, lazy } = split(chunks);
  const all = chunks.map((chunk) => chunk.code).join('\n');
  const missing = entry.mustContain.filter((text) => !all.includes(text));
  if (missing.length) throw new Error(`${entry.file}: the bundle lacks ${missing.join(', ')}`);
  const sum = (list) => list.reduce((total, chunk) => add(total, compressed(chunk.code)), ZERO);
  // The report dialog is the chunk with the calendar file (as the elements' budget test finds it).
  const lazyChunks = lazy.map((chunk) => ({ modules: describeModules(chunk), dialog: chunk.code.includes('BEGIN:VCALENDAR'), ...compressed(chunk.code) }));
  return { ...entry, minifier, initial: sum(initial), contentPath: sum(contentPath), lazy: sum(lazy), lazyChunks };
}

/** The packages a chunk holds, e.g. `@hpke/core, @weerbaar/sdk`. */
function describeModules(chunk) {
  const names = new Set();
  for (const id of chunk.moduleIds) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id) ?? /packages\/([^/]+)\/dist\//.exec(id);
    if (match) names.add(id.includes('node_modules') ? match[1] : `@weerbaar/${match[1]}`);
  }
  return [...names].sort().join(', ');
}

/** The CDN bundle as shipped (its own build adds a CSS-template minifier the peers do not get). */
function shippedCdnBundle() {
  const manifest = JSON.parse(readFileSync(`${cdnDir}manifest.json`, 'utf8'));
  const closure = (entry) => {
    const files = new Set([entry]);
    for (const file of files) for (const imported of manifest.files[file].imports) files.add(imported);
    return [...files];
  };
  const size = (files) => files.reduce((total, file) => add(total, compressed(readFileSync(`${cdnDir}${file}`))), ZERO);
  const firstLoad = closure(manifest.entry);
  // Chunks by name without their content hash: weerbaar.js and report-button.js may each have their own
  // copy of a lazy chunk (the dialog, the full SDK), under the same name and another hash.
  const chunkName = (file) => file.replace(/-[\w-]{8}\.js$/, '');
  // One dialog: the one the report button alone loads on a press (each entry may have its own copy).
  const dialog = manifest.files['report-button.js'].dynamicImports.filter((file) => file.includes('report-dialog'));
  // What the first load imports dynamically, except what the report button imports on a press and
  // the English texts (only on an English page): the content client, as
  // packages/elements/test/budgets.test.ts finds it.
  const pressOnly = manifest.files['report-button.js'].dynamicImports.map(chunkName);
  const contentImports = firstLoad
    .flatMap((file) => manifest.files[file].dynamicImports)
    .filter((file) => !pressOnly.includes(chunkName(file)) && !chunkName(file).endsWith('strings-en'));
  const contentPath = [...new Set(contentImports.flatMap(closure))].filter((file) => !firstLoad.includes(file));
  // The console (its own build): its entry, and the handler SDK it imports lazily but at once
  // (discovery, then sign-in), as packages/elements/test/budgets.test.ts finds it.
  const consoleEntry = closure('inbox.js');
  const lazyOfConsole = [...new Set(consoleEntry.flatMap((file) => manifest.files[file].dynamicImports))].filter((file) => manifest.files[file]);
  const handlerSdk = lazyOfConsole.filter((file) => readFileSync(`${cdnDir}${file}`, 'utf8').includes('sign-in/passkey'));
  const consoleStart = [...new Set(handlerSdk.flatMap(closure))].filter((file) => !consoleEntry.includes(file));
  return {
    allFour: size(firstLoad),
    contentPath: size(contentPath),
    reportButton: size(closure('report-button.js')),
    dialog: size(dialog),
    console: size(consoleEntry),
    consoleStart: size(consoleStart),
    // The dilemma cards (their own build) and the SDK's dilemmas entry they import at once (budgets.test.ts).
    dilemmaCards: size([...closure('dilemma-cards.js'), ...manifest.files['dilemma-cards.js'].dynamicImports.filter((file) => file.includes('/dilemmas-')).flatMap(closure)]),
  };
}

export async function runWeight() {
  const results = [];
  for (const entry of weightEntries()) results.push(await measureEntry(entry));
  const esbuild = [];
  for (const entry of weightEntries().filter(({ file }) => ESBUILD_ENTRIES.includes(file))) esbuild.push(await measureEntry(entry, 'esbuild'));
  return { entries: results, esbuild, cdn: shippedCdnBundle() };
}

/** Ours under both minifiers: the figures goal 2 of issue 19 is judged on. */
function minifierTable(entries, esbuild) {
  const rows = ESBUILD_ENTRIES.map((file) => {
    const [terser, other] = [entries, esbuild].map((list) => list.find((entry) => entry.file === file));
    const label = {
      'weerbaar-all.js': 'all four, before any interaction',
      'weerbaar-report-button.js': 'report button, first load',
      'weerbaar-sdk.js': 'SDK core (ky included)',
      'lit-alone.js': '  floor: Lit alone (in every element)',
      'ky-alone.js': '  floor: ky alone (in the SDK core)',
    }[file];
    // All four: the first load and the content client they fetch with right after they render.
    const bytes = (entry) => (file === 'weerbaar-all.js' ? add(entry.initial, entry.contentPath) : entry.initial);
    const [a, b] = [bytes(terser), bytes(other)];
    return [label, a.min, a.gzip, b.min, b.gzip, formatRatio(ratio(b.gzip, a.gzip))];
  });
  return renderTable('Weight: ours under terser and under esbuild (as Vite minifies), bytes', ['bundle', 'terser min', 'terser min+gzip', 'esbuild min', 'esbuild min+gzip', 'esbuild/terser gzip'], rows);
}

export function weightTables({ entries, esbuild, cdn }) {
  const find = (group, library) => entries.find((entry) => entry.group === group && entry.library === library);
  const groups = [...Object.keys(ELEMENTS), 'all four'];
  // Ours in three steps: the first load; the light content client that an element with `api`
  // imports to fetch its content right after it renders (the report button alone fetches nothing
  // before a press, though its lazy code can reach the content client); and the rest, which loads
  // on a press or a submit, or never.
  const contentPath = (entry) => (entry.group === 'report-button' ? 0 : entry.contentPath.gzip);
  const elementRows = groups.map((group) => {
    const ours = find(group, 'ours');
    const peers = ['shoelace', 'material', 'utrecht'].map((library) => find(group, library).initial.gzip);
    return [
      group,
      ours.initial.gzip,
      ours.initial.gzip + contentPath(ours),
      ours.lazy.gzip + ours.contentPath.gzip - contentPath(ours),
      ...peers,
      ...peers.map((peer) => formatRatio(ratio(ours.initial.gzip, peer))),
    ];
  });
  const elements = renderTable(
    'Weight: bytes min+gzip (level 9), rollup + node-resolve + terser for all; ratios on the first load',
    ['element', 'ours first load', 'ours + content client', 'ours lazy, rest', 'Shoelace', 'Material', 'Utrecht', 'ours/Shoelace', 'ours/Material', 'ours/Utrecht'],
    elementRows,
  );
  const sdk = find('sdk', 'ours');
  const sdkContent = find('sdk content', 'ours');
  const openapiFetch = find('sdk', 'openapi-fetch');
  const encryption = sdk.lazyChunks.filter((chunk) => chunk.modules.includes('@hpke'));
  const sdkTable = renderTable(
    'Weight: SDK, bytes',
    ['bundle', 'min', 'min+gzip', 'min+brotli', 'gzip vs openapi-fetch'],
    [
      ['@weerbaar/sdk core (ky included)', sdk.initial.min, sdk.initial.gzip, sdk.initial.brotli, formatRatio(ratio(sdk.initial.gzip, openapiFetch.initial.gzip))],
      ['@weerbaar/sdk lazy chunks, all', sdk.lazy.min, sdk.lazy.gzip, sdk.lazy.brotli, ''],
      ...encryption.map((chunk) => [`  of which encryption (${chunk.modules})`, chunk.min, chunk.gzip, chunk.brotli, '']),
      ['@weerbaar/sdk/content (no ky)', sdkContent.initial.min, sdkContent.initial.gzip, sdkContent.initial.brotli, formatRatio(ratio(sdkContent.initial.gzip, openapiFetch.initial.gzip))],
      ['openapi-fetch 0.17.0', openapiFetch.initial.min, openapiFetch.initial.gzip, openapiFetch.initial.brotli, '1.00×'],
    ],
  );
  const shipped = renderTable(
    'Weight: our CDN bundle as shipped (packages/elements/dist/cdn), bytes',
    ['files', 'min', 'min+gzip', 'min+brotli'],
    [
      ['weerbaar.js first load (all four)', cdn.allFour.min, cdn.allFour.gzip, cdn.allFour.brotli],
      ['  + content client (lazy, right after render)', cdn.contentPath.min, cdn.contentPath.gzip, cdn.contentPath.brotli],
      ['  = before any interaction', cdn.allFour.min + cdn.contentPath.min, cdn.allFour.gzip + cdn.contentPath.gzip, cdn.allFour.brotli + cdn.contentPath.brotli],
      ['report-button.js first load', cdn.reportButton.min, cdn.reportButton.gzip, cdn.reportButton.brotli],
      ['report dialog chunk (lazy)', cdn.dialog.min, cdn.dialog.gzip, cdn.dialog.brotli],
      ['inbox.js first load (the console, never on a public page)', cdn.console.min, cdn.console.gzip, cdn.console.brotli],
      ['  + handler SDK (lazy, at start)', cdn.consoleStart.min, cdn.consoleStart.gzip, cdn.consoleStart.brotli],
      ['  = before any interaction (budget 30,000)', cdn.console.min + cdn.consoleStart.min, cdn.console.gzip + cdn.consoleStart.gzip, cdn.console.brotli + cdn.consoleStart.brotli],
      ['dilemma-cards.js + dilemmas SDK, before any interaction (budget 20,000)', cdn.dilemmaCards.min, cdn.dilemmaCards.gzip, cdn.dilemmaCards.brotli],
    ],
  );
  return [elements, sdkTable, ...(esbuild ? [minifierTable(entries, esbuild)] : []), shipped].join('\n\n');
}
