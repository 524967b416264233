// The report dialog as a frightened person meets it (issue 18): the receipt cannot be lost by a
// stray key, prints alone, the review shows every answer with a way back, the header and the 112
// line stay in view, focus never leaves the dialog or hides under its header, follow-up copy fits
// the case's state. In real browsers against the real reference server.
import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { createClient } from '@weerbaar/sdk';
import { createHandlerClient } from '@weerbaar/sdk/handler';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl, handlerToken, privateKeyJwk } from '/__weerbaar/test-env.js';
import { describeWhere, expectAccessible, mount, shadow, waitUntil } from '../../test/browser-helpers.js';
import { caseWith, chooseCouncilMemberThreat, click, clickText, dialogOf, fill, inDialog, open, settle, startReport, untilHeading, untilInDialog } from '../../test/report-dialog-helpers.js';
import { sampleSupport } from '../../test/sample-content.js';
import type { ReportButton } from '../report-button/report-button.js';
import '../report-button/define.js';
import '../support-directory/define.js';

const api = apiUrl as string;
const handler = createHandlerClient({ baseUrl: api, token: handlerToken as string });

async function mountButton(lang: 'nl' | 'en' = 'nl'): Promise<ReportButton> {
  return mount<ReportButton>(lang, 'weerbaar-report-button', { attributes: { api, isolation: 'inline' }, children: '<a href="/melden">Meld het</a>' });
}

const active = (button: ReportButton) => dialogOf(button)!.shadowRoot!.activeElement as HTMLElement | null;

/** Fills every step (Dutch) with an answer for each kind of field, and stops on the review. */
async function fillEverything(button: ReportButton, marker: string): Promise<void> {
  await startReport(button);
  await chooseCouncilMemberThreat(button);
  await fill(button, 'description', `Bedreigd na de vergadering. ${marker}`);
  await click(button, '#when-date');
  await fill(button, 'occurredOn', '2026-11-20');
  await fill(button, 'location', 'Stadhuis');
  await fill(button, 'involvedParties', 'Twee mannen in een auto');
  await click(button, '[part="next-button"]');
  await untilHeading(button, /3 van/);
  await click(button, '#q-whoWasThreatened-family');
  await click(button, '#q-reportedToPolice-planned');
  await click(button, '[part="next-button"]');
  await untilHeading(button, /4 van/);
  await click(button, '#contactable-anonymous');
  await click(button, '[part="next-button"]');
  await untilHeading(button, /5 van/);
}

async function sendToReceipt(button: ReportButton): Promise<string> {
  await click(button, '[part="next-button"]');
  await untilInDialog(button, '[part="receipt"]', 'no receipt');
  return inDialog(button, '[part="receipt"]')!.textContent!.replace(/\s+/g, '');
}

const caseIdWith = (marker: string) => caseWith(handler, privateKeyJwk as JsonWebKey, marker);

describe('the review step', () => {
  it('shows every answer that is sent, and "Wijzigen" goes back to its step with focus on the field', async () => {
    const button = await mountButton();
    await fillEverything(button, 'review');
    const rows = [...dialogOf(button)!.shadowRoot!.querySelectorAll('.review .row')].map((row) => [row.querySelector('dt')!.textContent!.trim(), row.querySelector('dd')!.textContent!.trim()]);
    expect(rows).to.deep.include.members([
      ['Positie', 'Raadslid'],
      ['Wanneer', '20 november 2026'],
      ['Waar', 'Stadhuis'],
      ['Wie erbij betrokken zijn', 'Twee mannen in een auto'],
      ['Wie werd bedreigd of benaderd?', 'Andere familie of naasten'],
      ['Heeft u al aangifte gedaan bij de politie?', 'Nog niet, maar dat ben ik van plan'],
      ['Melden', 'Anoniem'],
    ]);
    await expectAccessible(button);

    const changeLocation = [...dialogOf(button)!.shadowRoot!.querySelectorAll<HTMLElement>('.review .row')].find((row) => row.querySelector('dt')!.textContent!.trim() === 'Waar')!.querySelector('button')!;
    expect(changeLocation.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Wijzigen: Waar');
    changeLocation.click();
    await untilHeading(button, /2 van/);
    await settle(button);
    expect(active(button)?.id).to.equal('location');
  });
});

describe('the privacy statement', () => {
  it("is linked on the last step, at the consents, to the backend's own statement, and opens apart from the page", async () => {
    const { links } = await createClient({ baseUrl: api }).discover();
    expect(links?.privacyStatement, 'the reference server advertises no privacy statement').to.be.a('string');
    const button = await mountButton();
    await fillEverything(button, 'privacy');
    const link = inDialog<HTMLAnchorElement>(button, '[part="privacy-link"]')!;
    expect(link, 'no privacy link on the last step').to.exist;
    expect(link.href).to.equal(links!.privacyStatement);
    expect(link.textContent!.trim()).to.equal('Lees de privacyverklaring (opent in een nieuw venster)');
    expect(link.target).to.equal('_blank');
    expect(link.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
  });
});

describe('the receipt', () => {
  it('asks before Escape, "Sluiten" or "Klaar" close it until it was kept, and closes after "Toch sluiten"', async () => {
    const button = await mountButton();
    await fillEverything(button, `guard-${crypto.randomUUID()}`);
    await sendToReceipt(button);
    expect(inDialog(button, '[part="download-link"]')!.getAttribute('href')).to.match(/^blob:/);

    await sendKeys({ press: 'Escape' });
    await settle(button);
    expect(inDialog(button, 'dialog[open]')).to.exist;
    expect(inDialog(button, '#receipt-heading')!.textContent).to.equal('Heeft u uw code bewaard?');
    expect(active(button)?.id).to.equal('receipt-heading');
    await expectAccessible(button);
    await clickText(button, 'Terug naar de code');
    expect(inDialog(button, '[part="receipt"]')).to.exist;

    for (const close of ['Klaar', 'Sluiten']) {
      await clickText(button, close);
      expect(inDialog(button, '#receipt-heading'), close).to.exist;
      await clickText(button, 'Terug naar de code');
    }
    await clickText(button, 'Klaar');
    await clickText(button, 'Toch sluiten');
    await waitUntil(() => !dialogOf(button), 'the dialog did not close');
  });

  it('closes without asking once it was printed (the browser\'s print counts too)', async () => {
    const button = await mountButton();
    await fillEverything(button, `printed-${crypto.randomUUID()}`);
    await sendToReceipt(button);
    window.dispatchEvent(new Event('afterprint'));
    await clickText(button, 'Klaar');
    await waitUntil(() => !dialogOf(button), 'the dialog did not close');
  });

  it('leaves the host page out of print while it is shown, and gives the page back afterwards', async () => {
    const button = await mountButton();
    const pageText = document.createElement('p');
    pageText.textContent = 'Tekst van de gemeente';
    button.parentElement!.before(pageText);
    await fillEverything(button, `print-${crypto.randomUUID()}`);
    await sendToReceipt(button);
    expect(pageText.hasAttribute('data-weerbaar-print-hidden')).to.equal(true);
    expect(shadow(button, '[part="button"]')!.hasAttribute('data-weerbaar-print-hidden')).to.equal(true);
    window.dispatchEvent(new Event('afterprint'));
    await clickText(button, 'Klaar');
    await waitUntil(() => !dialogOf(button), 'the dialog did not close');
    expect(pageText.hasAttribute('data-weerbaar-print-hidden')).to.equal(false);
    pageText.remove();
  });

  describeWhere('emulateMedia')('printed', () => {
    after(() => emulateMedia({ media: 'screen' }));

    it('prints the receipt alone: no host page, no header, no buttons', async () => {
      const button = await mountButton();
      const pageText = document.createElement('p');
      pageText.textContent = 'Tekst van de gemeente';
      button.parentElement!.before(pageText);
      await fillEverything(button, `print-media-${crypto.randomUUID()}`);
      await sendToReceipt(button);
      await emulateMedia({ media: 'print' });
      expect(getComputedStyle(pageText).display).to.equal('none');
      expect(getComputedStyle(inDialog(button, '.top')!).display).to.equal('none');
      expect(getComputedStyle(inDialog(button, '[part="copy-button"]')!).display).to.equal('none');
      expect(getComputedStyle(inDialog(button, '[part="receipt"]')!).display).not.to.equal('none');
      await emulateMedia({ media: 'screen' });
      pageText.remove();
    });
  });
});

describe('the dialog around the steps', () => {
  it('keeps Tab inside the dialog, both ways', async () => {
    const button = await mountButton();
    await open(button);
    const controls = [...dialogOf(button)!.shadowRoot!.querySelectorAll<HTMLElement>('a[href], button')];
    controls.at(-1)!.focus();
    await sendKeys({ press: 'Tab' });
    expect(active(button)).to.equal(inDialog(button, '[part="quick-exit"]'));
    // Shift+Tab as a key event: the Firefox and WebKit drivers press no key combinations.
    active(button)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, composed: true, cancelable: true }));
    expect(active(button)).to.equal(controls.at(-1));
  });

  it('gives a step heading focus without a focus ring, also after a key press', async () => {
    const button = await mountButton();
    await open(button);
    [...dialogOf(button)!.shadowRoot!.querySelectorAll<HTMLElement>('button')].find((choice) => choice.textContent!.trim() === 'Melden bij de organisatie')!.focus();
    await sendKeys({ press: 'Enter' });
    await untilHeading(button, /1 van/);
    await settle(button);
    const heading = active(button)!;
    expect(heading.id).to.equal('step-heading');
    expect(getComputedStyle(heading).outlineStyle).to.equal('none');
    expect(getComputedStyle(heading).boxShadow).to.equal('none');
  });

  it('shows the focused error summary wholly below the header, and keeps the 112 line in view on a long step', async () => {
    const button = await mountButton();
    await open(button);
    await clickText(button, 'Melden bij de organisatie');
    await untilHeading(button, /1 van/);
    await click(button, '[part="next-button"]');
    const summary = inDialog(button, '[part="error-summary"]')!;
    expect(active(button)).to.equal(summary);
    const headerBottom = inDialog(button, '.top')!.getBoundingClientRect().bottom;
    expect(summary.getBoundingClientRect().top).to.be.at.least(headerBottom);

    const body = inDialog(button, '.body')!;
    body.scrollTop = body.scrollHeight;
    const emergency = inDialog(button, '[part="emergency"] a[href="tel:112"]')!.getBoundingClientRect();
    expect(emergency.top).to.be.at.least(0);
    expect(emergency.bottom).to.be.at.most(window.innerHeight);
    expect(emergency.bottom).to.be.at.most(headerBottom);
  });

  it('draws radios, checkboxes and progress from the design tokens, not the browser\'s own', async () => {
    const button = await mountButton();
    button.style.setProperty('--weerbaar-button-background-color', 'rgb(1, 2, 3)');
    await open(button);
    await clickText(button, 'Melden bij de organisatie');
    await untilHeading(button, /1 van/);
    const radio = inDialog<HTMLInputElement>(button, '#role-civil-servant')!;
    expect(getComputedStyle(radio).appearance).to.equal('none');
    await click(button, '#role-civil-servant');
    expect(getComputedStyle(radio).borderTopColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(inDialog(button, 'progress')!).appearance).to.equal('none');
  });

  it('"Nu hulp of een gesprek" closes the dialog and puts focus on the support directory', async () => {
    const button = await mountButton();
    const directory = document.createElement('weerbaar-support-directory');
    const json = document.createElement('script');
    json.type = 'application/json';
    json.textContent = JSON.stringify(sampleSupport.nl);
    directory.append(json);
    button.parentElement!.after(directory);
    try {
      await waitUntil(() => directory.shadowRoot?.querySelector('[part="heading"]'), 'the directory did not render');
      await open(button);
      await clickText(button, 'Nu hulp of een gesprek');
      await waitUntil(() => !dialogOf(button), 'the dialog did not close');
      await waitUntil(() => document.activeElement === directory, 'focus did not move to the directory');
      expect(directory.shadowRoot!.activeElement).to.equal(directory.shadowRoot!.querySelector('[part="heading"]'));
    } finally {
      directory.remove();
    }
  });
});

describeWhere('setViewport')('on a phone (390 × 844)', () => {
  before(() => setViewport({ width: 390, height: 844 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('keeps the header with the quick exit and 112 compact', async () => {
    const button = await mountButton();
    await open(button);
    const header = inDialog(button, '.top')!.getBoundingClientRect();
    expect(header.height).to.be.at.most(100);
    expect(inDialog(button, '[part="quick-exit"]')!.getBoundingClientRect().bottom).to.be.at.most(header.bottom);
    await expectAccessible(button);
  });

  it('breaks the receipt only between groups', async () => {
    await setViewport({ width: 320, height: 640 });
    const button = await mountButton();
    await fillEverything(button, `phone-${crypto.randomUUID()}`);
    await sendToReceipt(button);
    const groups = [...dialogOf(button)!.shadowRoot!.querySelectorAll<HTMLElement>('[part="receipt"] .group')];
    const tops = groups.map((group) => Math.round(group.getBoundingClientRect().top));
    expect(new Set(tops).size, 'the receipt fits one line; nothing to check').to.be.greaterThan(1);
    const lineHeight = Math.min(...groups.map((group) => group.getBoundingClientRect().height));
    for (const group of groups) expect(group.getBoundingClientRect().height).to.be.below(lineHeight * 1.5);
    await setViewport({ width: 390, height: 844 });
  });
});

describe('following a report up', () => {
  it('drops the acknowledgement line once acknowledged, offers the current feedback date as .ics, lists files and shows message times', async function () {
    // A report, a handler's acknowledgement, follow-up and an upload: slow in WebKit on a loaded machine.
    this.timeout(60_000);
    const button = await mountButton();
    const marker = `follow-${crypto.randomUUID()}`;
    await fillEverything(button, marker);
    const receipt = await sendToReceipt(button);
    // A threat case has check-ins: the receipt's file carries their days under neutral words only.
    const receiptIcs = await (await fetch(inDialog<HTMLAnchorElement>(button, '[part="calendar-link"]')!.href)).text();
    expect(receiptIcs.match(/SUMMARY:Even bijpraten/g)).to.have.length(4);
    expect(receiptIcs).not.to.include(receipt).and.not.to.include(marker);
    const caseId = await caseIdWith(marker);
    const acknowledged = await handler.acknowledge(caseId, 'Wij hebben uw melding in behandeling.');
    window.dispatchEvent(new Event('afterprint'));

    await clickText(button, 'Volg uw melding');
    await untilHeading(button, 'Uw melding volgen');
    await fill(button, 'receipt', receipt);
    await click(button, '[part="open-case-button"]');
    await untilInDialog(button, '[part="case-status"]', 'the case did not open');
    const text = inDialog(button, '.body')!.textContent!;
    expect(text).not.to.include('bevestigen wij');
    expect(text).to.include('Uiterlijk');
    const ics = await (await fetch(inDialog<HTMLAnchorElement>(button, '[part="calendar-link"]')!.href)).text();
    expect(ics).to.include(`DTSTART;VALUE=DATE:${acknowledged.deadlines.feedbackDueAt.slice(0, 10).replace(/-/g, '')}`);
    expect(ics).not.to.include('acknowledge');
    expect(inDialog(button, '[part="messages"]')!.textContent).to.match(/\d{4} om \d{1,2}:\d{2}/);

    const fileInput = inDialog<HTMLInputElement>(button, '#attachment')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['Schermafdruk'], 'bewijs.txt', { type: 'text/plain' }));
    fileInput.files = transfer.files;
    await click(button, '[part="upload-button"]');
    await untilInDialog(button, '[part="files"] li', 'the file is not listed');
    expect(inDialog(button, '[part="files"]')!.textContent).to.match(/kB, toegevoegd op \d{1,2} [a-z]+ \d{4} om \d{1,2}:\d{2}/);
    await expectAccessible(button);
  });
});
