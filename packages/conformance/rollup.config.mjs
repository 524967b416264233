import { createConfig } from '../../rollup.config.mjs';

export default createConfig({
  input: { index: 'src/index.ts', cli: 'src/cli.ts' },
  platform: 'node',
  tsconfig: './tsconfig.build.json',
});
