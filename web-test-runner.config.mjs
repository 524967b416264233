// Browser tests in real Chromium (Debian's /usr/bin/chromium; CHROME_PATH overrides).
// Component tests sit next to their component (packages/elements/src/**/x.test.ts); other
// browser tests are named *.browser.test.ts under a package's test/ folder.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { countReporter } from './scripts/wtr-count-reporter.mjs';
import { hostileBackendPlugin } from './test-support/wtr-hostile-backend.mjs';
import { browserWebCryptoPlugin, referenceServerPlugin } from './test-support/wtr-reference-server.mjs';

export const browserTestFiles = ['packages/elements/src/**/*.test.ts', 'packages/*/test/**/*.browser.test.ts'];

export default {
  files: browserTestFiles,
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 2,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    // Browser tests import `/__weerbaar/test-env.js` to reach a real reference server.
    referenceServerPlugin(),
    browserWebCryptoPlugin(),
    // `/__weerbaar/hostile-env.js` and a strict-CSP page: a compromised backend for the elements.
    hostileBackendPlugin(),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        // No background traffic: this machine's network is closed, and tests must see only our requests.
        args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
      },
    }),
  ],
  reporters: [defaultReporter(), countReporter()],
};
