import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, languages, mount, shadow, shadowAll, shadowText, waitUntil } from '../../test/browser-helpers.js';
import { sampleNorms } from '../../test/sample-content.js';
import './define.js';
import type { NormBanner } from './norm-banner.js';

const slotted = `<h2 slot="heading">Intimidatie is niet normaal</h2><p>Melden helpt.</p><a slot="links" href="https://meld.voorbeeldstad.example/">Meld het</a>`;

beforeEach(() => localStorage.clear());

describe('<weerbaar-norm-banner> with slotted content', () => {
  for (const lang of languages) {
    it(`shows the page's own heading, statement and links, accessibly (${lang})`, async () => {
      const banner = await mount<NormBanner>(lang, 'weerbaar-norm-banner', { children: slotted, attributes: { 'norm-id': 'melden-helpt', dismissible: '' } });
      expect(shadow(banner, '[part="banner"]')).to.exist;
      expect(shadowAll<HTMLSlotElement>(banner, 'slot').map((slot) => slot.assignedElements().length)).to.deep.equal([1, 1, 1]);
      expect(shadow(banner, '[part="hide-button"]')?.textContent?.trim()).to.equal(lang === 'nl' ? 'Verbergen' : 'Hide');
      await expectAccessible(banner);
    });
  }

  it('cannot be hidden unless it is dismissible', async () => {
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { children: slotted, attributes: { 'norm-id': 'melden-helpt' } });
    expect(shadow(banner, '[part="hide-button"]')).to.be.null;
  });
});

describe('<weerbaar-norm-banner> with inline JSON content', () => {
  for (const lang of languages) {
    it(`renders the first norm with its links (${lang})`, async () => {
      const banner = await mount<NormBanner>(lang, 'weerbaar-norm-banner', { json: sampleNorms[lang] });
      const norm = sampleNorms[lang].items[0]!;
      expect(shadow(banner, '[part="heading"]')?.textContent).to.equal(norm.title);
      expect(shadow(banner, '[part="statement"]')?.textContent).to.equal(norm.statement);
      expect(shadowAll(banner, '[part="link"]').map((link) => link.textContent)).to.deep.equal(norm.links.map((link) => link.label));
      await expectAccessible(banner);
    });

    it(`shows an urgent notice with a visible label and no way to hide it (${lang})`, async () => {
      const banner = await mount<NormBanner>(lang, 'weerbaar-norm-banner', { json: sampleNorms[lang], attributes: { 'norm-id': 'verkiezingen', dismissible: '' } });
      expect(shadow(banner, '[part="badge"]')?.textContent).to.equal(lang === 'nl' ? 'Dringend' : 'Urgent');
      expect(shadow(banner, '[part="hide-button"]')).to.be.null;
      await expectAccessible(banner);
    });
  }

  it('shows nothing when the named norm does not exist', async () => {
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { json: sampleNorms.nl, attributes: { 'norm-id': 'bestaat-niet' } });
    expect(shadow(banner, '[part="banner"]')).to.be.null;
  });

  it('renders a link with a javascript: URL from the content as an inert button', async () => {
    const hostile = { locale: 'nl', items: [{ ...sampleNorms.nl.items[0]!, links: [{ rel: 'more', label: 'Klik', href: 'javascript:alert(1)' }, { rel: 'report', label: 'Meld', href: 'javascript:alert(2)' }] }] };
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { json: hostile });
    expect(shadowAll(banner, 'a')).to.have.length(0);
    expect(shadowAll(banner, '[part="link"]').map((link) => link.tagName)).to.deep.equal(['BUTTON']);
  });

  it('marks broken inline JSON as an error and shows nothing', async () => {
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { json: { items: 'nope' } });
    expect(shadowText(banner)).to.equal('');
  });
});

describe('<weerbaar-norm-banner> links to report and to support', () => {
  it('asks the page first: when the report button handles the request, the link is not followed', async () => {
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { json: sampleNorms.nl });
    let detail: unknown;
    const handler = (event: Event) => {
      detail = (event as CustomEvent).detail;
      event.preventDefault();
    };
    document.addEventListener('weerbaar-report-request', handler);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    shadow(banner, 'a[part="link"]')!.dispatchEvent(click);
    document.removeEventListener('weerbaar-report-request', handler);
    expect(detail).to.deep.equal({ signals: [] });
    expect(click.defaultPrevented).to.be.true;
  });

  it('follows the link when nothing on the page handles the request', async () => {
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { json: sampleNorms.nl });
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    const link = shadow(banner, 'a[part="link"]')!;
    // Stop the navigation after the element has decided, so the test page stays.
    let preventedByElement: boolean | undefined;
    link.addEventListener('click', (event) => {
      preventedByElement = event.defaultPrevented;
      event.preventDefault();
    });
    link.dispatchEvent(click);
    expect(preventedByElement).to.be.false;
  });

  it('fires a support request from a support link without an address', async () => {
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { json: sampleNorms.nl });
    let fired = 0;
    banner.addEventListener('weerbaar-support-request', () => fired++);
    shadowAll<HTMLButtonElement>(banner, 'button[part="link"]')[0]!.click();
    expect(fired).to.equal(1);
  });
});

describe('<weerbaar-norm-banner> dismissal', () => {
  it('hides by keyboard, stays hidden for the same version, shows again for a new version, and sets no cookie', async () => {
    const oneNorm = { ...sampleNorms.nl, items: [sampleNorms.nl.items[0]!] };
    const first = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { json: oneNorm, attributes: { dismissible: '' } });
    let dismissed: unknown;
    first.addEventListener('weerbaar-norm-dismiss', (event) => (dismissed = event.detail));
    shadow<HTMLButtonElement>(first, '[part="hide-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await first.updateComplete;
    expect(shadow(first, '[part="banner"]')).to.be.null;
    expect(dismissed).to.deep.equal({ id: 'melden-helpt', version: 2 });

    const again = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { json: oneNorm, attributes: { dismissible: '' } });
    expect(shadow(again, '[part="banner"]')).to.be.null;

    const newVersion = { ...oneNorm, items: [{ ...oneNorm.items[0]!, version: 3 }] };
    const changed = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { json: newVersion, attributes: { dismissible: '' } });
    expect(shadow(changed, '[part="banner"]')).to.exist;
    expect(document.cookie).to.equal('');
  });

  it('shows the next norm once the most important one is hidden', async () => {
    localStorage.setItem('weerbaar:norm-dismissed:melden-helpt:2', '1');
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { json: sampleNorms.nl, attributes: { dismissible: '' } });
    expect(shadow(banner, '[part="heading"]')?.textContent).to.equal(sampleNorms.nl.items[1]!.title);
  });

  it('never hides an urgent notice, even when a dismissal for it is stored', async () => {
    localStorage.setItem('weerbaar:norm-dismissed:verkiezingen:1', '1');
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { json: sampleNorms.nl, attributes: { 'norm-id': 'verkiezingen', dismissible: '' } });
    expect(shadow(banner, '[part="banner"]')).to.exist;
  });
});

describe('<weerbaar-norm-banner> language and texts', () => {
  it('follows a change of the nearest lang attribute', async () => {
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { children: slotted, attributes: { 'norm-id': 'x', dismissible: '' } });
    banner.parentElement!.setAttribute('lang', 'en-GB');
    await waitUntil(() => shadow(banner, '[part="hide-button"]')?.textContent?.trim() === 'Hide', 'did not switch to English');
    expect(shadow(banner, '[part="banner"]')?.getAttribute('lang')).to.equal('en');
  });

  it('takes overridden texts from a JSON attribute too, and ignores a broken one', async () => {
    const banner = await mount<NormBanner>('en', 'weerbaar-norm-banner', { children: slotted, attributes: { 'norm-id': 'x', dismissible: '', strings: '{"hide":"Close"}' } });
    expect(shadow(banner, '[part="hide-button"]')?.textContent?.trim()).to.equal('Close');
    banner.setAttribute('strings', '{not json');
    await banner.updateComplete;
    expect(shadow(banner, '[part="hide-button"]')?.textContent?.trim()).to.equal('Hide');
  });

  it('takes the language of its host across a shadow root', async () => {
    const page = await fixture<HTMLDivElement>(html`<div lang="nl"><div lang="en"></div></div>`);
    const root = page.querySelector('div')!.attachShadow({ mode: 'open' });
    const banner = document.createElement('weerbaar-norm-banner');
    banner.innerHTML = slotted;
    banner.setAttribute('norm-id', 'x');
    banner.toggleAttribute('dismissible', true);
    root.append(banner);
    await banner.updateComplete;
    expect(shadow(banner, '[part="hide-button"]')?.textContent?.trim()).to.equal('Hide');
  });

  it('uses the site’s own texts when it overrides them', async () => {
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { children: slotted, attributes: { 'norm-id': 'x', dismissible: '' }, properties: { strings: { hide: 'Sluiten' } } });
    expect(shadow(banner, '[part="hide-button"]')?.textContent?.trim()).to.equal('Sluiten');
  });
});

describe('<weerbaar-norm-banner> from a backend', () => {
  it('reserves its space while loading, so the page does not shift when the norm appears', async () => {
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { attributes: { api: 'http://127.0.0.1:9/v1' } });
    const placeholder = shadow(banner, '[part="placeholder"]');
    expect(placeholder).to.exist;
    expect(placeholder!.getBoundingClientRect().height).to.be.greaterThan(40);
  });

  it('falls back to its slotted content when the backend cannot be reached', async () => {
    const banner = await mount<NormBanner>('nl', 'weerbaar-norm-banner', { attributes: { api: 'http://127.0.0.1:9/v1', 'norm-id': 'melden-helpt' }, children: slotted });
    await waitUntil(() => shadow(banner, '[part="banner"]'), 'no fallback shown', { timeout: 15_000 });
    await expectAccessible(banner);
  });
});
