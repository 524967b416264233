// `npm run analyze` (and the freshness test) generate custom-elements.json from the source.
// packagejson: false — the analyzer would otherwise rewrite package.json's `customElements` to
// wherever it wrote, which for the freshness test is a temporary directory.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts'],
  litelement: true,
  packagejson: false,
};
