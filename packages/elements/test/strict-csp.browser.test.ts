// The CDN bundle on a plain HTML page under a strict Content-Security-Policy with Trusted Types
// enforced: the elements render and work, and the browser reports no violation.
import { expect } from '@open-wc/testing';
import type { ReportButton } from '../src/report-button/report-button.js';
import { sampleReportForm } from './sample-report-form.js';
import { waitUntil } from './browser-helpers.js';

type CspWindow = Window & typeof globalThis & { cspViolations: string[] };

async function openPage(): Promise<CspWindow> {
  const frame = document.createElement('iframe');
  frame.src = new URL('./strict-csp/page.html', import.meta.url).href;
  frame.style.inlineSize = '800px';
  frame.style.blockSize = '600px';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const page = frame.contentWindow as CspWindow;
  // weerbaar.js defines each element when the page needs it (near the viewport, the rest when idle).
  const tags = ['weerbaar-norm-banner', 'weerbaar-signal-checklist', 'weerbaar-support-directory', 'weerbaar-report-button'];
  await waitUntil(() => tags.every((tag) => page.customElements.get(tag)), 'the bundle did not define the elements', { timeout: 10_000 });
  return page;
}

describe('the CDN bundle under a strict CSP with Trusted Types', () => {
  it('defines and renders every element, works when used, and causes no violation', async () => {
    const page = await openPage();
    const { document: doc } = page;
    const banner = doc.querySelector('weerbaar-norm-banner')!;
    const checklist = doc.querySelector('weerbaar-signal-checklist')!;
    const directory = doc.querySelector('weerbaar-support-directory')!;
    await waitUntil(() => checklist.shadowRoot?.querySelector('input'), 'the checklist did not render');

    expect(banner.shadowRoot!.querySelector('[part="banner"]')).to.exist;
    (checklist.shadowRoot!.querySelector('#signal-bribery-gift-offered') as HTMLInputElement).click();
    await waitUntil(() => checklist.shadowRoot!.textContent!.includes('Meld het.'), 'no advice after checking a signal');
    expect(directory.shadowRoot!.querySelector('a[href="tel:112"]')).to.exist;
    expect(directory.shadowRoot!.querySelector('a[href^="javascript:"]')).to.be.null;
    // Styles arrive as constructed stylesheets, which style-src 'self' allows.
    expect(page.getComputedStyle(banner.shadowRoot!.querySelector('[part="banner"]')!).borderInlineStartStyle).to.equal('solid');

    expect(page.cspViolations).to.deep.equal([]);
  });

  it('opens the report button dialog, loaded lazily, and walks the form to "not sent yet" without a violation', async () => {
    const page = await openPage();
    const button = page.document.querySelector('weerbaar-report-button') as ReportButton;
    // No backend on this page (connect-src 'self'): the form comes inline, and sending cannot succeed.
    button.reportForm = sampleReportForm.nl;
    await button.updateComplete;
    button.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
    const root = () => button.shadowRoot!.querySelector('weerbaar-report-dialog')?.shadowRoot;
    const step = async (selector: string) => {
      await waitUntil(() => root()?.querySelector(selector), `the dialog never showed ${selector}`, { timeout: 10_000 });
      root()!.querySelector<HTMLElement>(selector)!.click();
    };
    await step('.choices li:nth-child(2) button');
    await step('#role-civil-servant');
    await step('#category-bribery');
    await step('[part="next-button"]');
    await waitUntil(() => root()?.querySelector('#description'), 'no step 2');
    const description = root()!.querySelector<HTMLTextAreaElement>('#description')!;
    description.value = 'Geld aangeboden.';
    description.dispatchEvent(new Event('input'));
    await step('[part="next-button"]');
    await waitUntil(() => root()?.querySelector('#q-witnesses'), 'no step 3');
    await step('[part="next-button"]');
    await step('#contactable-anonymous');
    await step('[part="next-button"]');
    await step('#consent-privacy-statement');
    await step('[part="next-button"]');
    await waitUntil(() => root()?.querySelector('[part="not-sent"]'), 'no "not sent yet"', { timeout: 10_000 });
    expect(page.getComputedStyle(root()!.querySelector('dialog')!).borderTopStyle).to.equal('solid');
    expect(page.cspViolations).to.deep.equal([]);
  });

  it('reports a violation when something does break the policy (the listener works)', async () => {
    const page = await openPage();
    const style = page.document.createElement('style');
    style.textContent = 'body { color: red; }';
    page.document.head.append(style);
    await waitUntil(() => page.cspViolations.length > 0, 'no violation recorded for an inline style');
  });
});
