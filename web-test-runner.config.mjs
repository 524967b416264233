// Browser tests in a real browser: Chromium by default, WEERBAAR_BROWSER=firefox or =webkit for the
// others (test-support/wtr-browsers.mjs says how each is driven).
// Component tests sit next to their component (packages/elements/src/**/x.test.ts); other
// browser tests are named *.browser.test.ts under a package's test/ folder.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { compactedSources, minifyHtmlTemplates } from './packages/elements/scripts/minify-html-templates.mjs';
import { defaultReporter } from '@web/test-runner';
import { countReporter } from './scripts/wtr-count-reporter.mjs';
import { browserFeaturesPlugin, concurrency, launchers } from './test-support/wtr-browsers.mjs';
import { hostileBackendPlugin } from './test-support/wtr-hostile-backend.mjs';
import { browserWebCryptoPlugin, referenceServerPlugin } from './test-support/wtr-reference-server.mjs';

export const browserTestFiles = ['packages/elements/src/**/*.test.ts', 'packages/*/test/**/*.browser.test.ts'];

const browser = process.env.WEERBAAR_BROWSER ?? 'chromium';
if (!(browser in launchers)) throw new Error(`WEERBAAR_BROWSER must be one of ${Object.keys(launchers).join(', ')}, not ${browser}`);

export default {
  files: browserTestFiles,
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: concurrency[browser],
  // Per file: the console's files walk many screens against a real server; on two busy cores one takes minutes.
  testsFinishTimeout: 480_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    // The elements' templates as the build ships them (line-break whitespace dropped), after esbuild.
    {
      name: 'weerbaar-minify-html',
      transform(context) {
        if (!compactedSources.test(context.path)) return undefined;
        return { body: minifyHtmlTemplates(context.body) };
      },
    },
    // Browser tests import `/__weerbaar/test-env.js` to reach a real reference server.
    referenceServerPlugin(),
    browserWebCryptoPlugin(),
    // `/__weerbaar/hostile-env.js` and a strict-CSP page: a compromised backend for the elements.
    hostileBackendPlugin(),
    browserFeaturesPlugin(browser),
  ],
  browsers: [launchers[browser]()],
  reporters: [defaultReporter(), countReporter()],
};
