// The CDN bundle on a page served with a strict Content-Security-Policy HTTP header (Trusted Types
// enforced, only Lit's `lit-html` policy allowed), all four elements pointed at the compromised
// backend (test-support/hostile-backend.mjs): they render its hostile content and a report is made
// and followed up without a single violation, and afterwards the browser's own records show no
// cookie, nothing stored and no request to any origin but the page's and the backend's.
import { expect } from '@open-wc/testing';
import type { ReportButton } from '../src/report-button/report-button.js';
import { shadow, shadowAll, waitUntil } from './browser-helpers.js';
import { backendOrigin, expectInert, expectPayloadsAsText, installTripwire, type BackendKind } from './hostile-helpers.js';
import { reportAndFollowUp } from './report-dialog-helpers.js';

type HostilePage = Window &
  typeof globalThis & {
    cspViolations: string[];
    tripwireCalls: string[];
    trustedTypes: { createPolicy(name: string, rules: { createHTML(input: string): string }): unknown };
  };

async function openPage(kind: string): Promise<HostilePage> {
  const frame = document.createElement('iframe');
  frame.src = `/__weerbaar/hostile-csp.html?kind=${kind}`;
  frame.style.inlineSize = '800px';
  frame.style.blockSize = '600px';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const page = frame.contentWindow as HostilePage;
  // weerbaar.js defines each element when the page needs it (near the viewport, the rest when idle).
  const tags = ['weerbaar-norm-banner', 'weerbaar-signal-checklist', 'weerbaar-support-directory', 'weerbaar-report-button'];
  await waitUntil(() => tags.every((tag) => page.customElements?.get(tag)), 'the bundle did not define the elements', { timeout: 10_000 });
  return page;
}

/** Everything the page keeps on the device: cookies, Web Storage, IndexedDB databases, Cache Storage. */
async function storedOnDevice(page: HostilePage): Promise<Record<string, unknown>> {
  return {
    cookie: page.document.cookie,
    localStorage: Object.keys(page.localStorage),
    sessionStorage: Object.keys(page.sessionStorage),
    indexedDB: (await page.indexedDB.databases()).map((database) => database.name),
    caches: await page.caches.keys(),
  };
}

const requestedUrls = (page: HostilePage) => page.performance.getEntriesByType('resource').map((entry) => new URL(entry.name));

describe('the CDN bundle against a compromised backend under a strict CSP with Trusted Types (HTTP header)', () => {
  for (const kind of ['hostile', 'hostile-enums'] satisfies BackendKind[]) {
    it(`renders the ${kind} content inert, makes and follows up a report, with no violation, nothing stored and no foreign request`, async () => {
      const page = await openPage(kind);
      installTripwire(page);
      const { document: doc } = page;
      const [banner, checklist, directory] = ['weerbaar-norm-banner', 'weerbaar-signal-checklist', 'weerbaar-support-directory'].map((tag) => doc.querySelector<HTMLElement>(tag)!);
      await waitUntil(
        () => shadow(banner!, '[part="statement"]') && shadow(checklist!, 'fieldset input') && shadowAll(directory!, '[part="contact"]').length >= 3,
        'the elements did not render the backend content',
        { timeout: 15_000 },
      );
      for (const box of shadowAll<HTMLInputElement>(checklist!, 'fieldset input[type="checkbox"]')) box.click();
      for (const element of [banner!, checklist!, directory!]) {
        expectInert(element, page.tripwireCalls);
        expectPayloadsAsText(element);
      }

      const button = doc.querySelector('weerbaar-report-button') as ReportButton;
      await button.updateComplete;
      const states: string[] = [];
      await reportAndFollowUp(button, async (state) => {
        states.push(state);
        expectInert(button, page.tripwireCalls);
        expect(page.cspViolations, `violations at "${state}"`).to.deep.equal([]);
      });
      expect(states).to.have.length(10);
      button.shadowRoot!.querySelector('weerbaar-report-dialog')!.shadowRoot!.querySelector('dialog')!.close();
      await waitUntil(() => !button.shadowRoot!.querySelector('weerbaar-report-dialog'), 'the dialog did not close');

      expect(page.cspViolations).to.deep.equal([]);
      expect(page.tripwireCalls).to.deep.equal([]);
      expect(await storedOnDevice(page)).to.deep.equal({
        cookie: '',
        localStorage: [],
        sessionStorage: [],
        indexedDB: [],
        caches: [],
      });

      const urls = requestedUrls(page);
      const paths = urls.filter((url) => url.origin === backendOrigin).map((url) => url.pathname);
      // The record is live: the report, the follow-up and the reply are in it.
      expect(paths).to.include.members(['reports', 'follow-up/sessions', 'follow-up/case', 'follow-up/messages'].map((path) => `/${kind}/v1/${path}`));
      const foreign = urls.filter((url) => url.origin !== page.location.origin && url.origin !== backendOrigin).map((url) => url.href);
      expect(foreign, 'requests to other origins').to.deep.equal([]);
      console.log(`${kind} CSP page: ${urls.length} requests (${paths.length} to the backend), 0 foreign, ${page.cspViolations.length} CSP violations, ${states.length} report dialog states`);
    });
  }

  it('enforces the policy on that page: an inline style and an HTML string without a policy are both refused and reported', async () => {
    const page = await openPage('hostile');
    const style = page.document.createElement('style');
    style.textContent = 'body { color: red; }';
    page.document.head.append(style);
    expect(() => {
      page.document.body.insertAdjacentHTML('beforeend', '<b>untrusted</b>');
    }, 'Trusted Types are not enforced').to.throw();
    await waitUntil(() => page.cspViolations.some((violation) => violation.startsWith('require-trusted-types-for')), 'no Trusted Types violation recorded');
    await waitUntil(() => page.cspViolations.some((violation) => violation.startsWith('style-src')), 'no style-src violation recorded');
  });

  it('allows Lit its one policy and no other', async () => {
    const page = await openPage('hostile');
    expect(() =>
      page.trustedTypes.createPolicy('another-policy', {
        createHTML: (input: string) => input,
      })
    ).to.throw();
    await waitUntil(() => page.cspViolations.some((violation) => violation.startsWith('trusted-types')), 'no violation for a second policy');
  });
});
