import { createConfig } from '../../rollup.config.mjs';

export default createConfig({
  input: { index: 'src/index.ts', validation: 'src/validation.ts', 'field-limits': 'src/generated/field-limits.ts' },
  platform: 'node',
  tsconfig: './tsconfig.build.json',
  // The query parameters' limits stay apart from the schemas' limits in dist/, so that an app's bundler
  // can put a page's search field limit in its first load and a form's limits with the form.
  manualChunks: (id) => (id.endsWith('/src/generated/query-limits.ts') ? 'query-limits' : undefined),
});
