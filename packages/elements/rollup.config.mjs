import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createConfig } from '../../rollup.config.mjs';
import { precompressedOutput } from '../../scripts/precompress.mjs';
import { compactedSources, minifyHtmlTemplates } from './scripts/minify-html-templates.mjs';

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

/**
 * Collapses the whitespace and comments inside the elements' `css\`...\`` templates (terser keeps
 * template text as written). Our style templates have no interpolations, so this is safe.
 */
function minifyStyleTemplates() {
  return {
    name: 'weerbaar-minify-css',
    transform(code, id) {
      if (!/\.styles\.[jt]s$/.test(id)) return null;
      const minified = code.replace(/css ?`([^`]*)`/g, (_, body) => {
        const compact = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          // 0.5rem → .5rem (only a zero that starts a number: 10.5 stays).
          .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
          .trim();
        return `css\`${compact}\``;
      });
      return { code: minified, map: null };
    },
  };
}

/**
 * Drops the indentation and line breaks of the elements' `html\`...\`` templates where they are
 * invisible (scripts/minify-html-templates.mjs says where), so the sources stay formatted. It sees
 * the JavaScript TypeScript made of each source (this plugin comes after it), before terser.
 */
function minifyMarkupTemplates() {
  return {
    name: 'weerbaar-minify-html',
    transform(code, id) {
      if (!compactedSources.test(id)) return null;
      const minified = minifyHtmlTemplates(code);
      return minified === code ? null : { code: minified, map: null };
    },
  };
}

/** A CDN build: Lit and the SDK bundled, minified, with every file in the SRI manifest and compressed copies. */
function cdnConfig(input, { addToManifest = false } = {}) {
  const config = createConfig({ input, outDir: 'dist/cdn', bundleDependencies: true, minify: true, declarations: false, tsconfig: './tsconfig.build.json' });
  // After TypeScript (which reads sources from disk), before terser.
  config.plugins.splice(2, 0, minifyStyleTemplates(), minifyMarkupTemplates());
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

// `report-button.js` is the report button alone, for pages that only need it (and its budget).
const cdn = cdnConfig({ weerbaar: 'src/define.ts', 'report-button': 'src/report-button/define.ts' });
// The four elements' English tables (loaded only on a page in English) in one chunk: one request, not four.
cdn.output.manualChunks = (id) => (/\/src\/[\w-]+\/[\w-]+\.strings\.en\.ts$/.test(id) ? 'strings-en' : undefined);
// `inbox.js`, the console for handlers, is a build of its own: it shares no chunk with the public
// elements, so they stay exactly as they are (a page that reports never loads a byte of it). Rollup
// runs the configurations in order, so its files join the manifest the build above wrote.
const inboxCdn = cdnConfig({ inbox: 'src/inbox.ts' }, { addToManifest: true });
// `dilemma-cards.js`, the fifth public element, is a build of its own for the same reason: the four
// elements' first load never changes because of it, and it loads only on pages that show dilemmas.
const dilemmaCardsCdn = cdnConfig({ 'dilemma-cards': 'src/dilemma-cards/define.ts' }, { addToManifest: true });

export default [
  // npm: side-effect-free classes, a define entry for all and one per element; lit and the SDK stay external.
  createConfig({
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
  }),
  // CDN: one ES module that defines every element, Lit bundled, the SDK in lazy chunks.
  cdn,
  inboxCdn,
  dilemmaCardsCdn,
];
