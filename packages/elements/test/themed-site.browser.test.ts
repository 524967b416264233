// examples/themed-site: the default theme and a municipality theme (from a token file alone) side
// by side, under a strict CSP, accessible in both.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import { expectAccessible, waitUntil } from './browser-helpers.js';
import { sampleChecklist, sampleNorms, sampleSupport } from './sample-content.js';

const themeCss = new URL('../../../examples/themed-site/themes/voorbeeldstad.css', import.meta.url).href;

describe('the themed site example', () => {
  it('shows both themes under a strict CSP, the municipality theme applied from its tokens', async () => {
    const frame = document.createElement('iframe');
    frame.src = new URL('../../../examples/themed-site/index.html', import.meta.url).href;
    frame.width = '1200';
    frame.height = '800';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const page = frame.contentWindow as Window & typeof globalThis;
    const violations: string[] = [];
    page.document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
    await waitUntil(() => page.document.querySelectorAll('weerbaar-signal-checklist').length === 2 && page.customElements.get('weerbaar-signal-checklist'), 'elements not defined', { timeout: 10_000 });
    const [plain, themed] = [...page.document.querySelectorAll('weerbaar-norm-banner')];
    await waitUntil(() => plain!.shadowRoot?.querySelector('[part="banner"]') && themed!.shadowRoot?.querySelector('[part="banner"]'), 'banners not rendered');

    const background = (banner: Element) => page.getComputedStyle(banner.shadowRoot!.querySelector('[part="banner"]')!).backgroundColor;
    expect(background(plain!)).to.equal('rgb(234, 242, 251)');
    expect(background(themed!)).to.equal('rgb(232, 243, 234)');
    expect(violations).to.deep.equal([]);
  });

  it('keeps every element free of axe violations (contrast included) under the municipality theme', async () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = themeCss;
    const loaded = new Promise((resolve) => link.addEventListener('load', resolve, { once: true }));
    document.head.append(link);
    await loaded;
    const themed = await fixture<HTMLDivElement>(html`<div class="theme-voorbeeldstad" lang="nl">
      <weerbaar-norm-banner norm-id="verkiezingen" .content=${sampleNorms.nl}></weerbaar-norm-banner>
      <weerbaar-norm-banner dismissible .content=${sampleNorms.nl}></weerbaar-norm-banner>
      <weerbaar-signal-checklist .content=${sampleChecklist.nl}></weerbaar-signal-checklist>
      <weerbaar-support-directory .content=${sampleSupport.nl}></weerbaar-support-directory>
    </div>`);
    const checklist = themed.querySelector('weerbaar-signal-checklist')!;
    await checklist.updateComplete;
    checklist.shadowRoot!.querySelector<HTMLInputElement>('#signal-threats-home-visit')!.click();
    await checklist.updateComplete;
    expect(getComputedStyle(themed).getPropertyValue('--weerbaar-button-background-color').trim()).to.equal('#1f5c2e');
    for (const element of themed.children) await expectAccessible(element);
    link.remove();
  });
});
