// Signing in to <weerbaar-case-inbox> through the organisation's OpenID provider, in a real browser
// against the real reference server configured with a REAL provider (oidc-provider over https,
// started by test-support/wtr-reference-server.mjs). The provider's part of the browser's trip
// (its login, PKCE, the code) runs in the test runner's process (`weerbaar-oidc-visit`): the test
// page cannot navigate away to the provider and stay a test page.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { startOidcSignIn } from '@weerbaar/sdk/handler';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl } from '/__weerbaar/test-env.js';
import { expectAccessible, mount, shadow, shadowText, waitUntil } from '../../test/browser-helpers.js';
import './define.js';
import type { CaseInbox } from './case-inbox.js';

const api = apiUrl as string;
/** The runner's own query (its session id): kept when the test puts the provider's answer in the address. */
const runnerQuery = location.search;
/** The address the provider sends the browser back to, as the server and the provider are configured. */
const consoleAddress = `${location.origin}/`;

async function until(inbox: CaseInbox, pattern: RegExp, message: string): Promise<void> {
  try {
    await waitUntil(() => pattern.test(shadowText(inbox)), message, { timeout: 15_000 });
  } catch (error) {
    throw new Error(`${(error as Error).message}; the console shows: ${shadowText(inbox).slice(0, 500)}`);
  }
}

/** A person an admin invited for their subject at the provider (the server never creates accounts at sign-in). */
async function inviteForProvider(name: string): Promise<string> {
  const subject = `vb-${crypto.randomUUID()}`;
  await executeServerCommand('weerbaar-invite', { name, roles: ['handler'], groups: ['griffie'], oidcSubject: subject });
  return subject;
}

/** Starts sign-in at the backend, signs in at the provider as `subject`, and answers the address the provider sends the browser back to. */
async function backFromProvider(subject: string): Promise<URL> {
  const { authorizationUrl } = await startOidcSignIn({ baseUrl: api, redirectUri: consoleAddress });
  const { address } = await executeServerCommand<{ address: string }, { authorizationUrl: string; subject: string }>('weerbaar-oidc-visit', { authorizationUrl, subject });
  return new URL(address);
}

/** The page as the provider left it: the console's address with the provider's query. */
function arriveAt(back: URL): void {
  const query = new URLSearchParams(runnerQuery);
  for (const [name, value] of back.searchParams) query.append(name, value);
  history.replaceState(null, '', `${location.pathname}?${query}`);
}

function nothingStored(): void {
  expect(localStorage.length, 'localStorage').to.equal(0);
  expect(sessionStorage.length, 'sessionStorage').to.equal(0);
  expect(document.cookie, 'cookies').to.equal('');
}

describe('<weerbaar-case-inbox> signing in through the OpenID provider', function (this: { timeout(ms: number): void }) {
  // Each test invites a person through the server's CLI (a process start) and runs the provider's flow.
  this.timeout(60_000);
  afterEach(() => {
    history.replaceState(null, '', `${location.pathname}${runnerQuery}`);
  });

  for (const [lang, label] of [
    ['nl', 'Inloggen met Voorbeeldstad-account'],
    ['en', 'Sign in with Voorbeeldstad-account'],
  ] as const) {
    it(`offers the provider by the name people know it by, next to passkeys (${lang})`, async () => {
      const inbox = await mount<CaseInbox>(lang, 'weerbaar-case-inbox', { attributes: { api } });
      await waitUntil(() => shadow(inbox, '[part="oidc-button"]'), 'the provider is offered', { timeout: 15_000 });
      const button = shadow<HTMLButtonElement>(inbox, '[part="oidc-button"]')!;
      expect(button.textContent!.trim()).to.equal(label);
      expect(button.disabled, 'the button works').to.equal(false);
      expect(shadow(inbox, '[part="sign-in-button"]'), 'passkeys stay offered').to.exist;
      await expectAccessible(inbox);
    });
  }

  it('finishes signing in when the provider sends the browser back, with code and state out of the address at once', async () => {
    const subject = await inviteForProvider('Ö. Kaya');
    const back = await backFromProvider(subject);
    expect(`${back.origin}${back.pathname}`, 'the provider sends the browser back to the console').to.equal(consoleAddress);
    const code = back.searchParams.get('code')!;
    const state = back.searchParams.get('state')!;
    expect(code && state, 'the provider answered a code and the state').to.be.ok;
    arriveAt(back);
    const inbox = await mount<CaseInbox>('nl', 'weerbaar-case-inbox', { attributes: { api } });
    expect(location.href, 'the code left the address bar on connecting').not.to.contain(code);
    expect(location.href).not.to.contain(state);
    expect(new URLSearchParams(location.search).has('iss'), 'the issuer parameter went too').to.equal(false);
    expect(location.search, "the runner's own query stays").to.equal(runnerQuery);
    await until(inbox, /Ingelogd als Ö\. Kaya/, 'signed in through the provider');
    expect(inbox.shadowRoot!.activeElement, 'focus moves to the heading').to.equal(shadow(inbox, '[part="heading"]'));
    await until(inbox, /getoond|Er zijn geen meldingen/, 'the list loaded');
    await expectAccessible(inbox);
    nothingStored();
  });

  it('refuses a code that was used before and offers signing in again (en)', async () => {
    const back = await backFromProvider(await inviteForProvider('Twice Used'));
    arriveAt(back);
    const first = await mount<CaseInbox>('en', 'weerbaar-case-inbox', { attributes: { api } });
    await until(first, /Signed in as Twice Used/, 'the first use works');
    first.remove();
    arriveAt(back);
    const second = await mount<CaseInbox>('en', 'weerbaar-case-inbox', { attributes: { api } });
    await until(second, /Signing in did not work/, 'a used code is refused');
    expect(shadow(second, '[part="sign-out-button"]')).to.be.null;
    expect(shadow(second, '[part="oidc-button"]'), 'signing in is offered again').to.exist;
    expect(second.shadowRoot!.activeElement).to.equal(shadow(second, '[part="notice"]'));
    await expectAccessible(second);
  });

  it('says signing in did not work when the provider sends the browser back with an error, and clears the address', async () => {
    arriveAt(new URL(`${consoleAddress}?error=access_denied&state=${crypto.randomUUID()}`));
    const inbox = await mount<CaseInbox>('nl', 'weerbaar-case-inbox', { attributes: { api } });
    expect(location.search).to.equal(runnerQuery);
    await until(inbox, /Inloggen is niet gelukt/, 'the refusal is told');
    await expectAccessible(inbox);
  });
});
