// A web-test-runner plugin that gives browser tests a real reference server: it serves the virtual
// module `/__weerbaar/test-env.js` exporting `{ apiUrl, handlerToken, privateKeyJwk }`. The server
// (encryption on, a handler token, CORS allowing the test runner's own origin, passkeys for pages
// on the runner's origin) starts on the first import of that module, so runs without such tests do
// not pay for it, and stops with the runner.
//
// Two commands (`executeServerCommand` of @web/test-runner-commands) let tests act as people:
// - `weerbaar-invite` `{ name, roles, groups?, oidcSubject? }`: invites a person with the server's own CLI (`handler
//   invite`), as an administrator would; answers `{ code }`, the one-time invitation code.
// - `weerbaar-oidc-visit` `{ authorizationUrl, subject }`: the browser's visit at the organisation's
//   OpenID provider (a real oidc-provider on https, packages/server/test/helpers/openid-provider.ts,
//   which the server is configured with; `subject` is who signs in there); answers `{ address }`, the
//   console address the provider sends the browser back to, with `code` and `state`.
// - `weerbaar-virtual-authenticator` `{ action: 'add' | 'remove', prf? }`: a Chromium virtual
//   authenticator (CTAP2, resident keys, user verification; the PRF extension with `prf: true`) on
//   the test's page, so passkey ceremonies run for real in the browser. Chromium only: other
//   engines' drivers have no such command.
// - `weerbaar-open-check-in` `{ checkInId }`: as if that aftercare check-in's day had come
//   (check-in-clock.mjs: simulated time in the server's database, never waited for).
// - `weerbaar-clock` `{ caseId, move }`: the server's clock seam, as its own check-in tests use it —
//   times moved into the past in the database instead of waiting: `tasks-overdue` (the case's open
//   tasks were due an hour ago), `check-in-open` (its first check-in opened a day ago) or
//   `check-in-missed` (and was due an hour ago; its due job runs at the next poll).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { openCheckIn } from './check-in-clock.mjs';
import { startReferenceServer } from './reference-server.mjs';

const openIdProviderHelper = new URL('../packages/server/test/helpers/openid-provider.ts', import.meta.url).href;
const databaseHelper = new URL('../packages/server/test/helpers/database-tampering.ts', import.meta.url).href;

const serverCli = fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url));
const AUTHENTICATOR = { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true };

export const TEST_ENV_PATH = '/__weerbaar/test-env.js';

/** @returns {import('@web/dev-server-core').Plugin} */
export function referenceServerPlugin() {
  /** @type {string | undefined} */
  let testRunnerOrigin;
  /** @type {Promise<import('./reference-server.mjs').ReferenceServer> | undefined} */
  let starting;
  /** CDP sessions with a virtual authenticator, per test session id. */
  const authenticators = new Map();

  /** @type {import('../packages/server/test/helpers/openid-provider.ts').TestOpenIdProvider | undefined} */
  let provider;

  function start() {
    starting ??= (async () => {
      // The provider sends the browser back to the runner's own pages (the console's address in these tests).
      const { startOpenIdProvider } = await tsImport(openIdProviderHelper, import.meta.url);
      provider = await startOpenIdProvider({ redirectUris: [`${testRunnerOrigin}/`] });
      // The runner's pages are on http://localhost:PORT: a secure context whose host name is a valid relying party id.
      return startReferenceServer({
        encryption: true,
        allowedOrigins: [testRunnerOrigin],
        env: {
          WEERBAAR_PASSKEY_RP_ID: new URL(testRunnerOrigin).hostname,
          WEERBAAR_PASSKEY_ORIGINS: testRunnerOrigin,
          // Every browser test submits from 127.0.0.1: past the default 30 reports per 15 minutes the
          // server answers 429 with a Retry-After of minutes, which the SDK honours, and the tests hang
          // at "Bezig met versturen…". The limit itself is tested in the server's and hostile tests.
          WEERBAAR_REPORTS_PER_CLIENT: '100000',
          ...provider.serverEnv(),
        },
      });
    })();
    return starting;
  }

  async function visitProvider({ authorizationUrl, subject }) {
    await start();
    provider.signInAs({ subject: String(subject) });
    return { address: (await provider.visit(String(authorizationUrl))).href };
  }

  async function invite({ name, roles = ['handler'], groups = [], oidcSubject }) {
    const server = await start();
    const args = [
      serverCli, 'handler', 'invite', '--name', String(name),
      ...roles.flatMap((role) => ['--role', String(role)]),
      ...groups.flatMap((group) => ['--group', String(group)]),
      ...(oidcSubject ? ['--oidc-subject', String(oidcSubject)] : []),
    ];
    const { stdout } = await promisify(execFile)(process.execPath, args, { env: { ...server.env, WEERBAAR_PUBLIC_URL: testRunnerOrigin } });
    const code = /Invitation code on its own: (\S+)/.exec(stdout)?.[1];
    if (!code) throw new Error(`handler invite printed no code:\n${stdout}`);
    return { code };
  }

  /** Fixed statements only: the payload chooses which, and names the case. */
  async function moveClock({ caseId, move }) {
    const server = await start();
    const { withWritableDatabase } = await tsImport(databaseHelper, import.meta.url);
    const now = Date.now();
    const dayAgo = new Date(now - 86_400_000).toISOString();
    const hourAgo = new Date(now - 3_600_000).toISOString();
    return withWritableDatabase(server, async (db) => {
      if (move === 'tasks-overdue') {
        await db.run("UPDATE case_tasks SET due_at = ? WHERE case_id = ? AND status = 'open'", [hourAgo, String(caseId)]);
        return {};
      }
      const [first] = await db.all('SELECT id FROM case_check_ins WHERE case_id = ? ORDER BY position LIMIT 1', [String(caseId)]);
      if (!first) throw new Error(`no check-ins on ${caseId}`);
      await db.run('UPDATE case_check_ins SET opens_at = ? WHERE id = ?', [dayAgo, first.id]);
      if (move === 'check-in-missed') {
        await db.run('UPDATE case_check_ins SET due_at = ? WHERE id = ?', [hourAgo, first.id]);
        await db.run('UPDATE jobs SET run_at = ? WHERE job_key = ?', [new Date(now - 1000).toISOString(), `check-in:due:${first.id}`]);
      } else if (move !== 'check-in-open') throw new Error(`unknown move ${move}`);
      return { checkInId: first.id };
    });
  }

  async function virtualAuthenticator(session, { action, prf = false }) {
    if (session.browser.type !== 'playwright') throw new Error('a virtual authenticator needs Chromium');
    const existing = authenticators.get(session.id);
    if (existing) {
      await existing.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: existing.authenticatorId }).catch(() => undefined);
      authenticators.delete(session.id);
    }
    if (action === 'remove') return {};
    const page = session.browser.getPage(session.id);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: { ...AUTHENTICATOR, hasPrf: Boolean(prf) } });
    authenticators.set(session.id, { cdp, authenticatorId });
    return { authenticatorId };
  }

  return {
    name: 'weerbaar-reference-server',
    serverStart({ config }) {
      // The page under test runs on the runner's own origin; the API must allow exactly that origin.
      testRunnerOrigin = `http://${config.hostname ?? 'localhost'}:${config.port}`;
    },
    async serve(context) {
      if (context.path !== TEST_ENV_PATH) return undefined;
      const server = await start();
      const env = { apiUrl: server.apiUrl, handlerToken: server.handlerToken, privateKeyJwk: server.privateKeyJwk };
      const body = Object.entries(env)
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
        .join('\n');
      return { body, type: 'js', headers: { 'cache-control': 'no-store' } };
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'weerbaar-invite') return invite(payload ?? {});
      if (command === 'weerbaar-oidc-visit') return visitProvider(payload ?? {});
      if (command === 'weerbaar-virtual-authenticator') return virtualAuthenticator(session, payload ?? {});
      if (command === 'weerbaar-open-check-in') return openCheckIn(await start(), String(payload?.checkInId)).then(() => ({}));
      if (command === 'weerbaar-clock') return moveClock(payload ?? {});
      return undefined;
    },
    async serverStop() {
      if (starting) await (await starting).stop();
      await provider?.stop();
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
