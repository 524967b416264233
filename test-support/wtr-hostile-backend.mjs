// A web-test-runner plugin that gives browser tests a compromised backend (hostile-backend.mjs):
//
// - `/__weerbaar/hostile-env.js` exports `{ hostileOrigin }`; the API bases are built from it as
//   hostile-backend.mjs describes (`${hostileOrigin}/hostile/v1`, …).
// - `/__weerbaar/hostile-csp.html?kind=hostile` is a page with the four elements of the CDN bundle
//   pointed at that backend, served with a strict Content-Security-Policy HTTP header that
//   enforces Trusted Types and allows only the `lit-html` policy and connections to the page's own
//   origin and the backend.
//
// The backend starts on the first request for either path and stops with the runner.
import { startHostileBackend } from './hostile-backend.mjs';

export const HOSTILE_ENV_PATH = '/__weerbaar/hostile-env.js';
export const HOSTILE_PAGE_PATH = '/__weerbaar/hostile-csp.html';

/** The policy of the page: nothing inline, nothing from elsewhere, Trusted Types enforced. */
export function strictPolicy(backendOrigin) {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${backendOrigin}`,
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    // Lit's one policy; a second policy, or a duplicate, is a violation.
    'trusted-types lit-html',
  ].join('; ');
}

const pageKinds = new Set(['hostile', 'hostile-enums', 'huge']);

function page(apiUrl) {
  const api = apiUrl.replace(/[^\w:/.-]/g, '');
  return `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <title>Weerbaar against a compromised backend</title>
    <script src="/packages/elements/test/strict-csp/record-violations.js"></script>
    <script src="/packages/elements/test/hostile/tripwire.js"></script>
    <script src="/packages/elements/test/hostile/record-requests.js"></script>
    <script type="module" src="/packages/elements/dist/cdn/weerbaar.js"></script>
  </head>
  <body>
    <main>
      <h1>Gemeente Voorbeeldstad</h1>
      <weerbaar-norm-banner api="${api}"></weerbaar-norm-banner>
      <weerbaar-signal-checklist api="${api}"></weerbaar-signal-checklist>
      <weerbaar-support-directory api="${api}"></weerbaar-support-directory>
      <weerbaar-report-button api="${api}"></weerbaar-report-button>
      <weerbaar-report-button api="${api}" mode="follow-up"></weerbaar-report-button>
    </main>
  </body>
</html>
`;
}

/** @returns {import('@web/dev-server-core').Plugin} */
export function hostileBackendPlugin() {
  /** @type {Promise<import('./hostile-backend.mjs').HostileBackend> | undefined} */
  let starting;
  const backend = () => (starting ??= startHostileBackend());

  return {
    name: 'weerbaar-hostile-backend',
    async serve(context) {
      if (context.path === HOSTILE_ENV_PATH) {
        const { origin } = await backend();
        return { body: `export const hostileOrigin = ${JSON.stringify(origin)};`, type: 'js', headers: { 'cache-control': 'no-store' } };
      }
      if (context.path === HOSTILE_PAGE_PATH) {
        const server = await backend();
        const asked = context.URL.searchParams.get('kind') ?? '';
        const kind = pageKinds.has(asked) ? asked : 'hostile';
        return {
          body: page(server.apiUrl(kind)),
          type: 'html',
          headers: { 'content-security-policy': strictPolicy(server.origin), 'cache-control': 'no-store' },
        };
      }
      return undefined;
    },
    async serverStop() {
      if (starting) await (await starting).stop();
    },
  };
}
