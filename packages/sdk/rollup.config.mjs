import { createConfig } from '../../rollup.config.mjs';

const tsconfig = './tsconfig.build.json';

/**
 * A production browser build whose weight the budget test measures: one entry (a page that uses only
 * it downloads this build), with its dependencies (ky for the core) bundled and minified. The core's
 * follow-up and encryption (with @hpke/core) become chunks it loads on demand.
 * @param {string} outDir
 * @param {Record<string, string>} input
 * @returns {import('rollup').RollupOptions}
 */
export function browserBundle(outDir, input) {
  // One terser pass: a second one makes the core entry heavier (6334 B instead of 6323 B min+gzip).
  const config = createConfig({ input, outDir, bundleDependencies: true, minify: true, compressPasses: 1, declarations: false, tsconfig });
  return {
    ...config,
    // Lazy chunks may import helpers from the entry itself instead of forcing an extra shared chunk.
    preserveEntrySignatures: 'allow-extension',
    onwarn(warning, warn) {
      // @hpke/core's compiled ESM rewrites `this` at top level and has comments rollup cannot place: harmless.
      if (warning.id?.includes('node_modules') && ['THIS_IS_UNDEFINED', 'INVALID_ANNOTATION'].includes(warning.code ?? '')) return;
      config.onwarn?.(warning, warn);
    },
  };
}

export default [
  // For npm consumers: dependencies stay external, with type declarations.
  createConfig({ input: { index: 'src/index.ts', content: 'src/content.ts', handler: 'src/handler.ts', dilemmas: 'src/dilemmas.ts', crypto: 'src/crypto.ts', 'field-limits': 'src/field-limits.ts' }, tsconfig }),
  browserBundle('dist/bundle', { index: 'src/index.ts' }),
  browserBundle('dist/bundle', { content: 'src/content.ts' }),
];
