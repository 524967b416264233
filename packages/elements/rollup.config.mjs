import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MagicString from 'magic-string';
import { createConfig } from '../../rollup.config.mjs';
import { precompressedOutput } from '../../scripts/precompress.mjs';
import { compactedSources, minifyHtmlTemplatesWithMap } from './scripts/minify-html-templates.mjs';

const elements = ['norm-banner', 'signal-checklist', 'support-directory', 'report-button'];

/**
 * Writes `manifest.json` next to the CDN bundle: every file with its Subresource Integrity hash
 * (sha384), so a municipality can pin exactly what it embeds:
 * `<script type="module" src=".../weerbaar.js" integrity="sha384-..." crossorigin="anonymous">`.
 */
function subresourceIntegrityManifest({ addToExisting = false } = {}) {
  return {
    name: 'weerbaar-sri-manifest',
    async writeBundle(options, bundle) {
      const manifestPath = join(options.dir, 'manifest.json');
      const files = addToExisting ? JSON.parse(await readFile(manifestPath, 'utf8')).files : {};
      for (const fileName of Object.keys(bundle).sort()) {
        if (!fileName.endsWith('.js')) continue;
        const bytes = await readFile(join(options.dir, fileName));
        files[fileName] = {
          integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
          bytes: bytes.length,
          imports: bundle[fileName].imports ?? [],
          dynamicImports: bundle[fileName].dynamicImports ?? [],
        };
      }
      const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      await writeFile(manifestPath, `${JSON.stringify({ entry: 'weerbaar.js', files: sorted }, null, 2)}\n`);
    },
  };
}

/** A style template's text with its comments gone and its whitespace collapsed. */
function compactCss(body) {
  return body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    // 0.5rem → .5rem (only a zero that starts a number: 10.5 stays).
    .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
    .trim();
}

/** A transform result with a source map of the edits (rollup chains it to TypeScript's), or null when nothing changed. */
function editedResult(edits, original) {
  const code = edits.toString();
  return code === original ? null : { code, map: edits.generateMap({ hires: true }) };
}

/**
 * Collapses the whitespace and comments inside the elements' `css\`...\`` templates (terser and a
 * consumer's bundler keep template text as written). Our style templates have no interpolations, so
 * this is safe. Each template is rewritten in place: the code around it keeps its source lines.
 */
function minifyStyleTemplates() {
  return {
    name: 'weerbaar-minify-css',
    transform(code, id) {
      if (!/\.styles\.[jt]s$/.test(id)) return null;
      const edits = new MagicString(code);
      for (const match of code.matchAll(/css ?`([^`]*)`/g)) {
        const bodyStart = match.index + match[0].length - match[1].length - 1;
        const compact = compactCss(match[1]);
        if (compact !== match[1]) edits.overwrite(bodyStart, bodyStart + match[1].length, compact);
      }
      return editedResult(edits, code);
    },
  };
}

/**
 * Drops the indentation and line breaks of the elements' `html\`...\`` templates where they are
 * invisible (scripts/minify-html-templates.mjs says where), so the sources stay formatted. It sees
 * the JavaScript TypeScript made of each source (this plugin comes after it), before terser. Only
 * whitespace goes, so every character left keeps its place in the source map.
 */
function minifyMarkupTemplates() {
  return {
    name: 'weerbaar-minify-html',
    transform(code, id) {
      if (!compactedSources.test(id)) return null;
      return minifyHtmlTemplatesWithMap(code) ?? null;
    },
  };
}

/**
 * `config` with the element templates compacted: after TypeScript (which reads sources from disk),
 * before terser when there is one. The npm build gets them too, so a consumer's bundle carries no
 * template indentation or style comments (their minifier keeps template text as written).
 */
function withCompactTemplates(config) {
  const afterTypeScript = config.plugins.findIndex((plugin) => plugin.name === 'typescript') + 1;
  config.plugins.splice(afterTypeScript, 0, minifyStyleTemplates(), minifyMarkupTemplates());
  return config;
}

/**
 * A CDN build: Lit and the SDK bundled, minified, with every file in the SRI manifest and compressed copies.
 * `chunkRules`: functions from a module id to the name of the chunk it must go to (or undefined); the
 * first rule that names one wins, so more rules can be added without changing the others.
 */
function cdnConfig(input, { addToManifest = false, chunkRules = [] } = {}) {
  const manualChunks = chunkRules.length ? (id, meta) => chunkRules.map((rule) => rule(id, meta)).find(Boolean) : undefined;
  const config = withCompactTemplates(
    createConfig({ input, outDir: 'dist/cdn', bundleDependencies: true, minify: true, declarations: false, tsconfig: './tsconfig.build.json', manualChunks }),
  );
  config.plugins.push(subresourceIntegrityManifest({ addToExisting: addToManifest }));
  // Brotli and gzip copies for servers that send them as built (the reference server does); after the
  // manifest, which they include. The SRI hashes above stay those of the uncompressed files.
  config.plugins.push(precompressedOutput({ also: ['manifest.json'] }));
  // Third-party code in the lazy SDK chunks (HPKE) trips rollup's style warnings; our own code still fails the build on any.
  const warnAboutOwnCode = config.onwarn;
  config.onwarn = (warning, warn) => {
    if (warning.id?.includes('/node_modules/') || warning.code === 'THIS_IS_UNDEFINED') return;
    warnAboutOwnCode(warning, warn);
  };
  return config;
}

/**
 * The SDK's light content client (`@weerbaar/sdk/content`) and the reader it shares with the full SDK
 * in one lazy chunk: the content path after the first render is one file, not two (the full SDK, loaded
 * on a press, imports the reader from it).
 */
function sdkContentInOneChunk(id) {
  return /\/sdk\/dist\/(?:content\.js|chunks\/content-reader-[\w-]+\.js)$/.test(id) ? 'content' : undefined;
}

/** The four elements' English tables (loaded only on a page in English) in one chunk: one request, not four. */
function englishTextsInOneChunk(id) {
  return /\/src\/[\w-]+\/[\w-]+\.strings\.en\.ts$/.test(id) ? 'strings-en' : undefined;
}

// `weerbaar.js` (all four) and `report-button.js` (the report button alone, for pages that only need
// it, and its budget) are builds of their own: each entry carries Lit and everything of its first
// load in one file, instead of weerbaar.js importing report-button.js and small shared chunks (every
// file gzipped apart costs its own header and dictionary). A page that loads both gets Lit twice;
// the elements are defined once (the define entries skip a name already taken).
const cdn = cdnConfig({ weerbaar: 'src/cdn.ts' }, { chunkRules: [sdkContentInOneChunk, englishTextsInOneChunk] });
const reportButtonCdn = cdnConfig({ 'report-button': 'src/report-button/define.ts' }, { addToManifest: true, chunkRules: [englishTextsInOneChunk] });
// `inbox.js`, the console for handlers, is a build of its own: it shares no chunk with the public
// elements, so they stay exactly as they are (a page that reports never loads a byte of it). Rollup
// runs the configurations in order, so its files join the manifest the build above wrote.
const inboxCdn = cdnConfig({ inbox: 'src/inbox.ts' }, { addToManifest: true });
// `dilemma-cards.js`, the fifth public element, is a build of its own for the same reason: the four
// elements' first load never changes because of it, and it loads only on pages that show dilemmas.
const dilemmaCardsCdn = cdnConfig({ 'dilemma-cards': 'src/dilemma-cards/cdn.ts' }, { addToManifest: true });

export default [
  // npm: side-effect-free classes, a define entry for all and one per element; lit and the SDK stay external.
  withCompactTemplates(createConfig({
    input: {
      index: 'src/index.ts',
      define: 'src/define.ts',
      ...Object.fromEntries(elements.map((name) => [`${name}/define`, `src/${name}/define.ts`])),
      // `@weerbaar/elements/dilemma-cards/define.js`: not in `define` (all four), so their weight stays.
      'dilemma-cards/define': 'src/dilemma-cards/define.ts',
      // `@weerbaar/elements/inbox`: the console, registered by its own entry only.
      inbox: 'src/inbox.ts',
      // `@weerbaar/elements/react`: React and @lit/react stay external (optional peer dependencies).
      'react/index': 'src/react/index.ts',
      // `@weerbaar/elements/react/inbox`: the console's React components, apart from the public ones.
      'react/inbox': 'src/react/inbox.ts',
    },
    tsconfig: './tsconfig.build.json',
  })),
  // CDN: one ES module that defines every element, Lit bundled, the SDK in lazy chunks.
  cdn,
  reportButtonCdn,
  inboxCdn,
  dilemmaCardsCdn,
];
