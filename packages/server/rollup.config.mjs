import { createConfig } from '../../rollup.config.mjs';

export default createConfig({
  // build-seed: run once by the build (package.json) to check the seed content and write it as JSON.
  input: { index: 'src/index.ts', cli: 'src/cli.ts', 'build-seed': 'src/content/build-seed.ts' },
  platform: 'node',
  tsconfig: './tsconfig.build.json',
});
