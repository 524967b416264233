// `npm run analyze` (and the freshness test) generate custom-elements.json from the source.
// packagejson: false — the analyzer would otherwise rewrite package.json's `customElements` to
// wherever it wrote, which for the freshness test is a temporary directory.
export default {
  globs: ['src/**/*.ts'],
  // src/react/ is generated FROM the manifest (scripts/generate-react.mjs), so it is not part of it.
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/react/**'],
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // The analyzer lists modules in the order the file system and its async reads deliver them,
      // which changes under load; sort them so the checked-in file is reproducible.
      name: 'weerbaar-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
