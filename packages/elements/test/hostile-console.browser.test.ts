// The console (<weerbaar-case-inbox>) against a compromised backend (test-support/hostile-backend.mjs,
// a real HTTP server started by the test runner): HTML and script in every string it sends, cases
// by the thousand, and answers that break the schema. Everything must stay inert and usable.
import { expect } from '@open-wc/testing';
import type { PasskeyAuthenticator } from '@weerbaar/sdk/handler';
import '../src/case-inbox/define.js';
import type { CaseInbox } from '../src/case-inbox/case-inbox.js';
import { casesPerPage } from '../src/case-inbox/case-inbox.js';
import { expectAccessible, mount, shadow, shadowAll, shadowText, waitUntil } from './browser-helpers.js';
import { apiOf, breakerNames, brokenApi, expectInert, expectPayloadsAsText, installTripwire, type BackendKind } from './hostile-helpers.js';

const tripwire = installTripwire();
// Each wait has its own limit; a test walks several of them (sign-in, list, pages), so its whole limit is wider.
const loadTimeout = { timeout: 30_000 };

// This backend checks no passkey, so any credential will do; the console must trust nothing it answers.
const anyPasskey: PasskeyAuthenticator = {
  create: async () => ({ id: 'eA', rawId: 'eA', type: 'public-key', response: { clientDataJSON: 'eA', attestationObject: 'eA' }, clientExtensionResults: {} }) as never,
  get: async () => ({ id: 'eA', rawId: 'eA', type: 'public-key', response: { clientDataJSON: 'eA', authenticatorData: 'eA', signature: 'eA' }, clientExtensionResults: {} }) as never,
};

async function mountConsole(api: string): Promise<CaseInbox> {
  const inbox = await mount<CaseInbox>('nl', 'weerbaar-case-inbox', { attributes: { api }, properties: { authenticator: anyPasskey } });
  await waitUntil(() => shadow(inbox, '[part="sign-in-button"]') || /niet bereikbaar|niet inloggen/.test(shadowText(inbox)), 'the sign-in screen did not show', loadTimeout);
  return inbox;
}

async function signIn(inbox: CaseInbox): Promise<void> {
  shadow(inbox, '[part="sign-in-button"]')!.click();
  await waitUntil(() => shadow(inbox, '[part="sign-out-button"]') || shadow(inbox, '[part="notice"]'), 'signing in did not finish', loadTimeout);
  await waitUntil(() => shadow(inbox, '[part="status"]')?.textContent !== 'De meldingen worden geladen…', 'the list did not finish loading', loadTimeout);
}

async function checkState(host: HTMLElement): Promise<void> {
  expectInert(host, tripwire);
  await expectAccessible(host);
}

for (const kind of ['hostile', 'hostile-enums'] satisfies BackendKind[]) {
  describe(`the console against a compromised backend (${kind})`, function (this: { timeout(ms: number): void }) {
    this.timeout(120_000);
    const api = apiOf(kind);

    it('signs in and shows every case and count with the payloads as text, inert, in every state', async () => {
      const inbox = await mountConsole(api);
      await checkState(inbox);
      await signIn(inbox);
      await waitUntil(() => shadowAll(inbox, '[part="case"]').length > 0, 'no cases', loadTimeout);
      await checkState(inbox);
      // The person's name and the cases' references, labels and dates: all text.
      expectPayloadsAsText(inbox);
      expect(shadowAll(inbox, '[part="case"]').length).to.equal(casesPerPage);

      // Filtering, paging, opening a case and coming back stay inert too.
      const category = shadow<HTMLSelectElement>(inbox, '#filter-category')!;
      category.value = 'bribery';
      category.dispatchEvent(new Event('change'));
      await inbox.updateComplete;
      await waitUntil(() => shadow(inbox, '[part="show-more-button"]'), 'the filtered list', loadTimeout);
      await checkState(inbox);
      shadow(inbox, '[part="show-more-button"]')!.click();
      await waitUntil(() => shadowAll(inbox, '[part="case"]').length === 2 * casesPerPage, 'the next page', loadTimeout);
      shadow(inbox, '[part="case-link"]')!.click();
      // This backend has no case to give: the case view shows its error, with the way back.
      const back = () => shadow(inbox, 'weerbaar-case-view')?.shadowRoot?.querySelector<HTMLElement>('[part="back-button"]');
      await waitUntil(back, 'the case did not open', loadTimeout);
      await checkState(inbox);
      back()!.click();
      await waitUntil(() => shadow(inbox, '[part="sign-out-button"]') && shadowAll(inbox, '[part="case"]').length > 0, 'back in the list', loadTimeout);
      shadow(inbox, '[part="sign-out-button"]')!.click();
      await waitUntil(() => /U bent afgemeld/.test(shadowText(inbox)), 'signed out', loadTimeout);
      await checkState(inbox);
    });
  });
}

describe('the console against a backend with thousands of cases', function (this: { timeout(ms: number): void }) {
  this.timeout(120_000);
  it('shows one page at a time, wraps a 100,000-character reference, and stays usable', async () => {
    const inbox = await mountConsole(apiOf('huge'));
    await signIn(inbox);
    await waitUntil(() => shadowAll(inbox, '[part="case"]').length > 0, 'no cases', loadTimeout);
    expect(shadowAll(inbox, '[part="case"]').length).to.equal(casesPerPage);
    const list = shadow(inbox, '.cards')!;
    expect(list.scrollWidth, 'no horizontal overflow').to.be.at.most(list.clientWidth + 1);
    shadow(inbox, '[part="show-more-button"]')!.click();
    await waitUntil(() => shadowAll(inbox, '[part="case"]').length === 2 * casesPerPage, 'the next page', loadTimeout);
    await checkState(inbox);
  });
});

describe('the console against answers that break the schema', function (this: { timeout(ms: number): void }) {
  this.timeout(120_000);
  for (const variant of breakerNames) {
    it(`shows an error it can recover from when the list is broken (${variant})`, async () => {
      const inbox = await mountConsole(brokenApi(variant, 'listCases'));
      await signIn(inbox);
      await waitUntil(() => /konden niet worden geladen/.test(shadowText(inbox)), 'no error state', loadTimeout);
      expect(shadowAll(inbox, '[part="case"]')).to.have.length(0);
      expect(shadow(inbox, '[part="retry-button"]'), 'a way to try again').to.exist;
      await checkState(inbox);
    });
  }

  // Two ways each (not JSON at all, and JSON without the required fields) keep the file within the runner's time.
  for (const variant of ['html-body', 'missing-fields']) {
    it(`keeps the list working without counts when the counts are broken (${variant})`, async () => {
      const inbox = await mountConsole(brokenApi(variant, 'countCases'));
      await signIn(inbox);
      await waitUntil(() => shadowAll(inbox, '[part="case"]').length > 0, 'no cases', loadTimeout);
      expect(shadow(inbox, '#filter-category option[value="bribery"]')!.textContent).not.to.match(/\(/);
      await checkState(inbox);
    });

    it(`refuses a broken sign-in answer and stays on the sign-in screen (${variant})`, async () => {
      const inbox = await mountConsole(brokenApi(variant, 'finishPasskeySignIn'));
      await signIn(inbox);
      await waitUntil(() => /Inloggen is niet gelukt/.test(shadowText(inbox)), 'no sign-in failure', loadTimeout);
      expect(shadow(inbox, '[part="sign-out-button"]')).to.be.null;
      await checkState(inbox);
    });
  }

  it('says the backend cannot be reached when discovery is broken, and offers nothing to press', async () => {
    const inbox = await mountConsole(brokenApi('html-body', 'getDiscovery'));
    expect(shadowText(inbox)).to.contain('niet bereikbaar');
    expect(shadow(inbox, '[part="sign-in-button"]')).to.be.null;
    await checkState(inbox);
  });
});
