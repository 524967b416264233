// A web-test-runner plugin that gives browser tests a real reference server: it serves the virtual
// module `/__weerbaar/test-env.js` exporting `{ apiUrl, handlerToken, privateKeyJwk }`. The server
// (encryption on, a handler token, CORS allowing the test runner's own origin) starts on the first
// import of that module, so runs without such tests do not pay for it, and stops with the runner.
import { startReferenceServer } from './reference-server.mjs';

export const TEST_ENV_PATH = '/__weerbaar/test-env.js';

/** @returns {import('@web/dev-server-core').Plugin} */
export function referenceServerPlugin() {
  /** @type {string | undefined} */
  let testRunnerOrigin;
  /** @type {Promise<import('./reference-server.mjs').ReferenceServer> | undefined} */
  let starting;

  return {
    name: 'weerbaar-reference-server',
    serverStart({ config }) {
      // The page under test runs on the runner's own origin; the API must allow exactly that origin.
      testRunnerOrigin = `http://${config.hostname ?? 'localhost'}:${config.port}`;
    },
    async serve(context) {
      if (context.path !== TEST_ENV_PATH) return undefined;
      starting ??= startReferenceServer({ encryption: true, allowedOrigins: [testRunnerOrigin] });
      const server = await starting;
      const env = { apiUrl: server.apiUrl, handlerToken: server.handlerToken, privateKeyJwk: server.privateKeyJwk };
      const body = Object.entries(env)
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
        .join('\n');
      return { body, type: 'js', headers: { 'cache-control': 'no-store' } };
    },
    async serverStop() {
      if (starting) await (await starting).stop();
    },
  };
}

/**
 * @hpke/core falls back to `import("crypto")` (Node's module) where `globalThis.crypto` is missing.
 * Browsers always have WebCrypto, so that branch never runs there, but the dev server still has to
 * resolve the import: it gets a module that hands out the browser's own WebCrypto.
 * @returns {import('@web/dev-server-core').Plugin}
 */
export function browserWebCryptoPlugin() {
  const shimPath = '/__weerbaar/node-crypto-shim.js';
  return {
    name: 'weerbaar-browser-webcrypto',
    resolveImport({ source }) {
      return source === 'crypto' ? shimPath : undefined;
    },
    serve(context) {
      if (context.path !== shimPath) return undefined;
      return { body: 'export const webcrypto = globalThis.crypto;\nexport default { webcrypto };', type: 'js' };
    },
  };
}
