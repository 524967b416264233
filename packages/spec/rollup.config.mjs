import { createConfig } from '../../rollup.config.mjs';

export default createConfig({
  input: { index: 'src/index.ts', validation: 'src/validation.ts', 'field-limits': 'src/generated/field-limits.ts' },
  platform: 'node',
  tsconfig: './tsconfig.build.json',
});
