// Signing in through the organisation's OpenID provider with the SDK, as the console does it:
// startOidcSignIn → the browser at the provider (a real oidc-provider) → oidcCallbackFrom on the
// address it comes back to → finishOidcSignIn, whose access token works on the handler client.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startOpenIdProvider, type TestOpenIdProvider } from '../../server/test/helpers/openid-provider.js';
import { WeerbaarApiError } from '../src/index.js';
import { createHandlerClient, finishOidcSignIn, oidcCallbackFrom, startOidcSignIn } from '../src/handler.js';
import { rejection } from './support/rejection.js';
import { startReferenceServer, type ReferenceServer } from './support/reference-server.js';

const serverCli = fileURLToPath(new URL('../../server/dist/cli.js', import.meta.url));
const run = promisify(execFile);

describe('signing in through the OpenID provider with the SDK', () => {
  let provider: TestOpenIdProvider;
  let server: ReferenceServer & { env: Record<string, string> };
  let transport: { baseUrl: string; timeout: number };

  before(async () => {
    provider = await startOpenIdProvider();
    server = (await startReferenceServer({ env: provider.serverEnv() })) as typeof server;
    transport = { baseUrl: server.apiUrl, timeout: 60_000 };
  });
  after(async () => {
    await server?.stop();
    await provider?.stop();
  });

  it('starts, reads the callback address, finishes, and works with the access token', async () => {
    await run(process.execPath, [serverCli, 'handler', 'invite', '--name', 'R. de Boer', '--role', 'handler', '--oidc-subject', 'vb-1001'], { env: server.env });
    provider.signInAs({ subject: 'vb-1001' });
    const { authorizationUrl } = await startOidcSignIn(transport);
    const back = await provider.visit(authorizationUrl);
    const callback = oidcCallbackFrom(back);
    assert.ok(callback, 'code and state in the address');
    const { token, me } = await finishOidcSignIn(callback, transport);
    assert.equal(me.session.method, 'oidc');
    const person = createHandlerClient({ ...transport, token });
    assert.equal((await person.getMe()).account.displayName, 'R. de Boer');
    assert.equal(oidcCallbackFrom('https://meld.voorbeeldstad.nl/behandelen'), undefined, 'nothing to finish on a plain address');
  });

  it('rejects a used callback with a 401 error that does not repeat the code', async () => {
    provider.signInAs({ subject: 'vb-1001' });
    const callback = oidcCallbackFrom(await provider.visit((await startOidcSignIn(transport)).authorizationUrl))!;
    await finishOidcSignIn(callback, transport);
    const error = await rejection(finishOidcSignIn(callback, transport));
    assert.ok(error instanceof WeerbaarApiError && error.status === 401);
    assert.ok(!JSON.stringify(error).includes(callback.code) && !String(error.stack).includes(callback.code));
  });
});
