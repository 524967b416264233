// The report button on real host pages (iframes), from the production CDN build: the quick exit,
// and isolation `auto` with and without code from another origin on the page.
import { expect } from '@open-wc/testing';
import type { ReportButton } from '../src/report-button/report-button.js';
import { waitUntil } from './browser-helpers.js';

type HostWindow = Window & typeof globalThis & { thirdPartyScriptRan?: boolean; dataLayer?: unknown[] };

async function openHostPage(isolation?: string): Promise<{ frame: HTMLIFrameElement; page: HostWindow; button: ReportButton }> {
  const frame = document.createElement('iframe');
  frame.src = new URL('./report-button-pages/host.html', import.meta.url).href;
  frame.style.inlineSize = '800px';
  frame.style.blockSize = '600px';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const page = frame.contentWindow as HostWindow;
  await waitUntil(() => page.customElements.get('weerbaar-report-button'), 'the bundle did not define the button', { timeout: 10_000 });
  const button = page.document.querySelector('weerbaar-report-button') as ReportButton;
  if (isolation) button.setAttribute('isolation', isolation);
  await button.updateComplete;
  return { frame, page, button };
}

const part = (button: ReportButton, name: string) => button.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);

afterEach(() => {
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
});

describe('the quick exit', () => {
  it('replaces the page with the neutral page, without a history entry, and leaves nothing behind', async () => {
    const { frame, page, button } = await openHostPage('inline');
    const historyLength = page.history.length;
    part(button, 'button')!.click();
    const dialog = () => button.shadowRoot!.querySelector('weerbaar-report-dialog');
    await waitUntil(() => dialog()?.shadowRoot?.querySelector('dialog[open]'), 'the dialog did not open', { timeout: 10_000 });
    const left = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    dialog()!.shadowRoot!.querySelector<HTMLButtonElement>('[part="quick-exit"]')!.click();
    await left;
    expect(frame.contentWindow!.location.pathname).to.match(/\/neutral\.html$/);
    expect(frame.contentDocument!.title).to.equal('Het weer');
    expect(frame.contentWindow!.history.length).to.equal(historyLength);
  });
});

describe('isolation auto', () => {
  it('opens the dialog on the page itself when only the page and Weerbaar run code there', async () => {
    const { button } = await openHostPage();
    expect(part(button, 'button')!.tagName).to.equal('BUTTON');
    expect(part(button, 'isolation-note')).to.be.null;
  });

  it('switches to the hosted report page in its own window, and says why, when a script from another origin runs', async () => {
    const { page, button } = await openHostPage();
    // The same test server under another host name is another origin.
    const otherOrigin = new URL(location.href);
    otherOrigin.hostname = otherOrigin.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const script = page.document.createElement('script');
    script.src = new URL('./report-button-pages/analytics.js', import.meta.url.replace(location.origin, otherOrigin.origin)).href;
    const loaded = new Promise((resolve, reject) => {
      script.addEventListener('load', resolve, { once: true });
      script.addEventListener('error', reject, { once: true });
    });
    page.document.head.append(script);
    await loaded;
    expect(page.thirdPartyScriptRan).to.equal(true);

    button.requestUpdate();
    await button.updateComplete;
    const link = part(button, 'button') as HTMLAnchorElement;
    expect(link.tagName).to.equal('A');
    expect(link.href).to.equal('https://meld.voorbeeldstad.example/melden');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(part(button, 'isolation-note')!.textContent).to.include('apart venster');
    expect(link.getAttribute('aria-describedby')).to.equal('isolation-note');
  });

  it('switches as well when a known tracker global is present', async () => {
    const { page, button } = await openHostPage();
    page.dataLayer = [];
    button.requestUpdate();
    await button.updateComplete;
    expect(part(button, 'button')!.tagName).to.equal('A');
  });

  it('uses the window without a note when isolation is window, and stays inline when it is inline', async () => {
    const { page, button } = await openHostPage('window');
    expect(part(button, 'button')!.tagName).to.equal('A');
    expect(part(button, 'isolation-note')).to.be.null;
    page.dataLayer = [];
    button.setAttribute('isolation', 'inline');
    await button.updateComplete;
    expect(part(button, 'button')!.tagName).to.equal('BUTTON');
  });
});
