// One rollup configuration factory for every package, so that all packages are built
// (and their bundle budgets measured) the same way.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/**
 * @param {object} options
 * @param {Record<string, string>} options.input entry name → source file
 * @param {string} [options.outDir] output directory, default `dist`
 * @param {boolean} [options.bundleDependencies] bundle npm dependencies (CDN builds) instead of keeping them external
 * @param {boolean} [options.minify] minify the output (production browser builds)
 * @param {number} [options.compressPasses] terser's compress passes when minifying, default 2: the second inlines what
 *   the first reduced to a constant (a contract limit read from `@weerbaar/sdk/field-limits` becomes its number)
 * @param {'browser' | 'node'} [options.platform]
 * @param {string} [options.tsconfig]
 * @param {boolean} [options.declarations] emit `.d.ts` files next to the output
 * @param {string[]} [options.external] extra modules to keep external
 * @param {import('rollup').OutputOptions['manualChunks']} [options.manualChunks] modules that must stay in a chunk of their own
 * @returns {import('rollup').RollupOptions}
 */
export function createConfig({
  input,
  outDir = 'dist',
  bundleDependencies = false,
  minify = false,
  compressPasses = 2,
  platform = 'browser',
  tsconfig = './tsconfig.json',
  declarations = true,
  external = [],
  manualChunks,
}) {
  return {
    input,
    external: (id) => {
      if (id.startsWith('node:') || external.includes(id)) return true;
      if (bundleDependencies) return false;
      // Bare specifiers are dependencies: keep them external for npm consumers.
      return !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
    },
    output: {
      dir: outDir,
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      ...(manualChunks ? { manualChunks } : {}),
    },
    plugins: [
      nodeResolve({
        browser: platform === 'browser',
        exportConditions: platform === 'browser' ? ['browser', 'production'] : ['node'],
      }),
      typescript({
        tsconfig,
        // The plugin defaults to ESNext modules; our tsconfig resolves like Node (NodeNext).
        module: 'NodeNext',
        outDir,
        declaration: declarations,
        declarationDir: declarations ? outDir : undefined,
        sourceMap: true,
        // The maps carry the TypeScript they point at: the packages ship dist/, not src/.
        inlineSources: true,
        noEmitOnError: true,
      }),
      minify && terser({ ecma: 2022, module: true, compress: { passes: compressPasses }, format: { comments: false } }),
    ].filter(Boolean),
    onwarn(warning, warn) {
      // A circular import or an unresolved import is a defect in our own code: fail the build.
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'UNRESOLVED_IMPORT') {
        throw new Error(warning.message);
      }
      warn(warning);
    },
  };
}
