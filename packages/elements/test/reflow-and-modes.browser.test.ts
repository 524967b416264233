// 320 CSS px reflow (WCAG 1.4.10, the same as 1280 px at 400% zoom), forced-colors mode and
// print, for every element with content.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../src/define.js';
import { describeWhere, expectAccessible } from './browser-helpers.js';
import { sampleChecklist, sampleNorms, sampleSupport } from './sample-content.js';

async function renderAll(): Promise<HTMLElement[]> {
  const page = await fixture<HTMLDivElement>(html`<div lang="nl">
    <weerbaar-norm-banner dismissible .content=${sampleNorms.nl}></weerbaar-norm-banner>
    <weerbaar-norm-banner norm-id="verkiezingen" .content=${sampleNorms.nl}></weerbaar-norm-banner>
    <weerbaar-signal-checklist .content=${sampleChecklist.nl}></weerbaar-signal-checklist>
    <weerbaar-support-directory .content=${sampleSupport.nl}></weerbaar-support-directory>
  </div>`);
  const elements = [...page.children] as (HTMLElement & { updateComplete: Promise<boolean> })[];
  await Promise.all(elements.map((element) => element.updateComplete));
  return elements;
}

/** Elements inside the shadow root that stick out beyond the element's inline size. */
function overflowing(element: HTMLElement): string[] {
  const limit = element.getBoundingClientRect().right + 1;
  return [...element.shadowRoot!.querySelectorAll('*')].filter((node) => node.getBoundingClientRect().right > limit).map((node) => `${node.localName}.${node.className}`);
}

describeWhere('setViewport')('the elements at 320 CSS px', () => {
  before(() => setViewport({ width: 320, height: 640 }));
  after(() => setViewport({ width: 1024, height: 768 }));

  it('reflow into one column without horizontal scrolling', async () => {
    for (const element of await renderAll()) {
      expect(overflowing(element), element.localName).to.deep.equal([]);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    }
  });
});

describeWhere('emulateMedia')('the elements in forced-colors mode', () => {
  before(() => emulateMedia({ forcedColors: 'active' }));
  after(() => emulateMedia({ forcedColors: 'none' }));

  it('keep a visible border on the banner and stay accessible', async () => {
    const [banner, ...rest] = await renderAll();
    const box = getComputedStyle(banner!.shadowRoot!.querySelector('[part="banner"]')!);
    expect(box.borderBlockStartStyle).to.equal('solid');
    for (const element of [banner!, ...rest]) await expectAccessible(element);
  });
});

describeWhere('emulateMedia')('the elements when printed', () => {
  before(() => emulateMedia({ media: 'print' }));
  after(() => emulateMedia({ media: 'screen' }));

  it('leave out their buttons but keep the content', async () => {
    const [, , checklist] = await renderAll();
    const buttons = [...checklist!.shadowRoot!.querySelectorAll('button')];
    expect(buttons.length).to.be.greaterThan(0);
    expect(buttons.every((button) => getComputedStyle(button).display === 'none')).to.be.true;
    expect(getComputedStyle(checklist!.shadowRoot!.querySelector('fieldset')!).display).not.to.equal('none');
  });
});
