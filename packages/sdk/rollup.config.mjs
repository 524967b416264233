import { createConfig } from '../../rollup.config.mjs';

const tsconfig = './tsconfig.build.json';

// The production browser build whose weight the budget test measures: the core entry alone, with
// ky bundled and minified; encryption (with @hpke/core) becomes the chunk it loads on demand.
const bundle = createConfig({ input: { index: 'src/index.ts' }, outDir: 'dist/bundle', bundleDependencies: true, minify: true, declarations: false, tsconfig });

export default [
  // For npm consumers: dependencies stay external, with type declarations.
  createConfig({ input: { index: 'src/index.ts', handler: 'src/handler.ts', crypto: 'src/crypto.ts' }, tsconfig }),
  {
    ...bundle,
    // Lazy chunks may import helpers from the entry itself instead of forcing an extra shared chunk.
    preserveEntrySignatures: 'allow-extension',
    onwarn(warning, warn) {
      // @hpke/core's compiled ESM rewrites `this` at top level and has comments rollup cannot place: harmless.
      if (warning.id?.includes('node_modules') && ['THIS_IS_UNDEFINED', 'INVALID_ANNOTATION'].includes(warning.code ?? '')) return;
      bundle.onwarn(warning, warn);
    },
  },
];
