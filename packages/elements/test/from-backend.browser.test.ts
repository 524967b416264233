// The three elements against a real reference server (started by the test runner's
// reference-server plugin), through the SDK's real light content client, in both languages.
import { expect } from '@open-wc/testing';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl } from '/__weerbaar/test-env.js';
import { contentClientFor } from '../src/base/content-client.js';
import { clientFor } from '../src/base/sdk-client.js';
import '../src/define.js';
import type { NormBanner } from '../src/norm-banner/norm-banner.js';
import type { SignalChecklist } from '../src/signal-checklist/signal-checklist.js';
import type { SupportDirectory } from '../src/support-directory/support-directory.js';
import { expectAccessible, languages, mount, shadow, shadowAll, waitUntil } from './browser-helpers.js';

const api = apiUrl as string;

describe('the elements with content from the reference server', () => {
  for (const lang of languages) {
    it(`show the backend's norm in ${lang}`, async () => {
      const banner = await mount<NormBanner>(lang, 'weerbaar-norm-banner', { attributes: { api } });
      await waitUntil(() => shadow(banner, '[part="heading"]'), 'the norm did not load', { timeout: 15_000 });
      expect(shadow(banner, '[part="statement"]')!.textContent!.length).to.be.greaterThan(10);
      await expectAccessible(banner);
    });

    it(`run the backend's signal checklist in ${lang}`, async () => {
      const checklist = await mount<SignalChecklist>(lang, 'weerbaar-signal-checklist', { attributes: { api } });
      await waitUntil(() => shadow(checklist, 'input[type="checkbox"]'), 'the checklist did not load', { timeout: 15_000 });
      const before = shadow(checklist, '[part="advice"] [role="status"]')!.textContent;
      for (const box of shadowAll<HTMLInputElement>(checklist, 'fieldset input[type="checkbox"]')) box.click();
      await checklist.updateComplete;
      expect(shadow(checklist, '[part="advice"] [role="status"]')!.textContent).not.to.equal(before);
      await expectAccessible(checklist);
    });

    it(`list the backend's support contacts in ${lang}, emergency first`, async () => {
      const directory = await mount<SupportDirectory>(lang, 'weerbaar-support-directory', { attributes: { api } });
      await waitUntil(() => shadowAll(directory, 'section:not([part]) [part="contact"]').length > 0, 'the directory did not load', { timeout: 15_000 });
      expect(shadow(directory, '[part="emergency"] a[href^="tel:"]')).to.exist;
      await expectAccessible(directory);
    });
  }

  it('gives every element on the page with the same api one shared content client, and the report flow one full client', async () => {
    expect(contentClientFor(api)).to.equal(contentClientFor(`${api}/`));
    expect(contentClientFor(api)).not.to.equal(contentClientFor(`${api}/other`));
    expect(clientFor(api)).to.equal(clientFor(`${api}/`));
    expect(clientFor(api)).not.to.equal(clientFor(`${api}/other`));
    // The light client has the content calls only: the report flow's calls need the full one.
    const [content, full] = await Promise.all([contentClientFor(api), clientFor(api)]);
    expect(content).not.to.have.property('submitReport');
    expect(full).to.have.property('submitReport');
  });

  it('reloads the content in the new language when lang changes', async () => {
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { attributes: { api } });
    await waitUntil(() => shadow(banner, '[part="heading"]'), 'the norm did not load', { timeout: 15_000 });
    const dutch = shadow(banner, '[part="heading"]')!.textContent;
    banner.parentElement!.setAttribute('lang', 'en');
    await waitUntil(() => shadow(banner, '[part="heading"]')?.textContent !== dutch, 'the norm did not change language', { timeout: 15_000 });
  });
});
