// <weerbaar-report-button> in real Chromium against the real reference server (started by the
// test runner's plugin): the whole flow through the UI, verified as a handler with the SDK.
import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { openReportContent } from '@weerbaar/sdk/crypto';
import { createHandlerClient } from '@weerbaar/sdk/handler';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl, handlerToken, privateKeyJwk } from '/__weerbaar/test-env.js';
import { describeWhere, expectAccessible, languages, mount, shadow, waitUntil } from '../../test/browser-helpers.js';
import { chooseCouncilMemberThreat, clickText, click, dialogOf, fill, heading, inDialog, open, settle, startReport, untilHeading } from '../../test/report-dialog-helpers.js';
import { sampleReportForm } from '../../test/sample-report-form.js';
import type { ReportDialog } from '../report-dialog/report-dialog.js';
import './define.js';
import type { ReportButton } from './report-button.js';

const api = apiUrl as string;
const handler = createHandlerClient({ baseUrl: api, token: handlerToken as string });
const fallbackLink = '<a href="https://meld.voorbeeldstad.example/melden">Meld het hier</a>';

async function mountButton(lang: string, attributes: Record<string, string> = {}, children = fallbackLink): Promise<ReportButton> {
  return mount<ReportButton>(lang, 'weerbaar-report-button', { attributes: { api, isolation: 'inline', ...attributes }, children });
}

/** Fills the whole form (Dutch or English) and stops on the last step. */
async function fillReport(button: ReportButton, description: string, { checkAccessibility = false } = {}): Promise<void> {
  const check = async () => {
    if (checkAccessibility) await expectAccessible(button);
  };
  await untilHeading(button, /1 (van|of)/);
  await check();
  await click(button, '#role-civil-servant');
  await click(button, '#category-bribery');
  await click(button, '[part="next-button"]');
  await untilHeading(button, /2 (van|of)/);
  await fill(button, 'description', description);
  await click(button, '#when-date');
  await fill(button, 'occurredOn', '2026-11-20');
  await fill(button, 'location', 'Stadhuis');
  await check();
  await click(button, '[part="next-button"]');
  await untilHeading(button, /3 (van|of)/);
  await click(button, '#q-reportedToPolice-no');
  await check();
  await click(button, '[part="next-button"]');
  await untilHeading(button, /4 (van|of)/);
  await click(button, '#contactable-contact');
  await check();
  await click(button, '#contactable-anonymous');
  await click(button, '[part="next-button"]');
  await untilHeading(button, /5 (van|of)/);
}

async function storedContentWith(marker: string): Promise<{ description: string; count: number }> {
  const { items } = await handler.listCases({ pageSize: 100, sort: '-receivedAt' });
  const matches: string[] = [];
  for (const summary of items) {
    const found = await handler.getCase(summary.caseId);
    const content = found.encryptedContent ? await openReportContent(privateKeyJwk as JsonWebKey, found.encryptedContent) : found.content;
    if (content?.description.includes(marker)) matches.push(content.description);
  }
  return { description: matches[0] ?? '', count: matches.length };
}

describe('<weerbaar-report-button> before its first press', () => {
  it('keeps the page\'s link as the fallback and takes its text as the label', async () => {
    const button = await mountButton('nl');
    const link = button.querySelector('a')!;
    expect(link.href).to.equal('https://meld.voorbeeldstad.example/melden');
    expect(shadow(button, 'button[part="button"]')!.textContent!.trim()).to.equal('Meld het hier');
    expect(dialogOf(button)).to.be.null;
  });

  for (const lang of languages) {
    it(`has a label of its own without slotted content, for reporting and for follow-up (${lang})`, async () => {
      const report = await mountButton(lang, {}, '');
      const followUp = await mountButton(lang, { mode: 'follow-up' }, '');
      expect(shadow(report, '[part="button"]')!.textContent!.trim()).to.equal(lang === 'nl' ? 'Meld een misstand' : 'Report misconduct');
      expect(shadow(followUp, '[part="button"]')!.textContent!.trim()).to.equal(lang === 'nl' ? 'Volg uw melding' : 'Follow your report');
      await expectAccessible(report);
    });
  }
});

describe('the report flow, from the button to a stored case and back via follow-up', () => {
  for (const lang of languages) {
    it(`stores exactly one encrypted case, shows the receipt, and opens the case with it (${lang})`, async function () {
      // The whole flow with axe at every step: about 20 s in WebKit on a loaded machine.
      this.timeout(60_000);
      const nl = lang === 'nl';
      const button = await mountButton(lang);
      const submitted: CustomEvent[] = [];
      button.addEventListener('weerbaar-report-submitted', (event) => submitted.push(event));
      const marker = `happy-${lang}-${crypto.randomUUID()}`;

      await open(button);
      await untilHeading(button, nl ? 'Wat heeft u nodig?' : 'What do you need?');
      expect(dialogOf(button)!.shadowRoot!.activeElement?.id).to.equal('step-heading');
      expect(inDialog(button, '[part="emergency"] a[href="tel:112"]')).to.exist;
      expect(inDialog(button, '[part="quick-exit"]')).to.exist;
      await expectAccessible(button);

      await clickText(button, nl ? 'Melden bij de organisatie' : 'Report to the organisation');
      await fillReport(button, `Mij werd geld aangeboden. ${marker}`, { checkAccessibility: true });
      expect(inDialog(button, '[part="encryption-note"]')).to.exist;
      await expectAccessible(button);
      await click(button, '[part="next-button"]');

      await untilHeading(button, nl ? 'Uw melding is verstuurd' : 'Your report has been sent');
      const receipt = inDialog(button, '[part="receipt"]')!.textContent!.replace(/\s+/g, '');
      expect(receipt).to.match(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3,14}$/);
      expect(inDialog(button, '[part="receipt-warning"]')!.textContent).to.include(nl ? 'enige manier' : 'only way');
      // Dates as people write them: "1 december 2026", in English the British "1 December 2026".
      expect(inDialog(button, '.body')!.textContent).to.match(nl ? /Uiterlijk \d{1,2} [a-z]+ 20\d\d / : /By \d{1,2} [A-Z][a-z]+ 20\d\d at the latest/);
      const calendarHref = inDialog<HTMLAnchorElement>(button, '[part="calendar-link"]')!.href;
      expect(calendarHref).to.match(/^blob:/);
      const ics = await (await fetch(calendarHref)).text();
      expect(ics).to.include('BEGIN:VEVENT');
      expect(ics).not.to.include(receipt);
      await expectAccessible(button);

      // Counted by the marker, not by the total: other test files send reports to the same server at the same time.
      const stored = await storedContentWith(marker);
      expect(stored).to.deep.equal({ description: `Mij werd geld aangeboden. ${marker}`, count: 1 });
      expect(submitted).to.have.length(1);
      expect(Object.keys(submitted[0]!.detail)).to.deep.equal(['submittedAt']);

      await clickText(button, nl ? 'Volg uw melding' : 'Follow your report');
      await untilHeading(button, nl ? 'Uw melding volgen' : 'Follow your report');
      expect(inDialog<HTMLInputElement>(button, '#receipt')!.value).to.equal(receipt);
      await expectAccessible(button);
      await click(button, '[part="open-case-button"]');
      await waitUntil(() => inDialog(button, '[part="case-status"]'), 'the case did not open', { timeout: 15_000 });
      expect(inDialog(button, '[part="case-status"]')!.textContent).to.include(nl ? 'Verstuurd' : 'Sent');
      expect(inDialog(button, '[part="timeline"]')!.textContent).to.include(nl ? 'Melding verstuurd' : 'Report sent');
      await expectAccessible(button);

      await fill(button, 'reply', `Aanvulling ${marker}`);
      await click(button, '[part="reply-button"]');
      await waitUntil(() => inDialog(button, '.notice'), 'the reply was not confirmed', { timeout: 15_000 });
      const { items } = await handler.listCases({ pageSize: 100, sort: '-receivedAt' });
      const withReply = await Promise.all(items.map((summary) => handler.getCase(summary.caseId)));
      expect(withReply.filter((found) => found.messages.some((message) => message.from === 'reporter'))).to.have.length.greaterThan(0);

      // Kinds of file in words, not media types.
      expect(inDialog(button, '#attachment-hint')!.textContent).to.include(nl ? 'pdf, foto (jpg, png) of tekst' : 'PDF, photo (JPG, PNG) or text');
      const fileInput = inDialog<HTMLInputElement>(button, '#attachment')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File(['Schermafdruk van het bericht'], 'bewijs.txt', { type: 'text/plain' }));
      fileInput.files = transfer.files;
      await click(button, '[part="upload-button"]');
      await waitUntil(() => inDialog(button, '.notice')?.textContent?.includes(nl ? 'bestand is toegevoegd' : 'file has been added'), 'the file was not added', { timeout: 15_000 });
      const withFile = await Promise.all((await handler.listCases({ pageSize: 100, sort: '-receivedAt' })).items.map((summary) => handler.getCase(summary.caseId)));
      expect(withFile.filter((found) => found.attachments.length > 0)).to.have.length.greaterThan(0);
      await expectAccessible(button);

      // The resource timing buffer holds 250 entries and drops the rest: the handler checks above
      // read every case, so it is emptied first, or the DELETE would never be recorded.
      performance.clearResourceTimings();
      const sessionEnds = () => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/follow-up/sessions/current')).length;
      const endedBefore = sessionEnds();
      await clickText(button, nl ? 'Sluiten' : 'Close');
      await waitUntil(() => !dialogOf(button), 'the dialog did not close');
      expect(button.shadowRoot!.activeElement).to.equal(shadow(button, '[part="button"]'));
      // Closing the dialog ends the follow-up session on the server (DELETE /follow-up/sessions/current).
      await waitUntil(() => sessionEnds() === endedBefore + 1, 'the follow-up session was not closed', { timeout: 10_000 });
    });
  }
});

describe('validation with an error summary', () => {
  for (const lang of languages) {
    it(`lists the problems on submit, links each to its field, and marks the fields (${lang})`, async () => {
      const button = await mountButton(lang);
      await startReport(button, lang);
      await click(button, '[part="next-button"]');

      const summary = inDialog(button, '[part="error-summary"]')!;
      expect(dialogOf(button)!.shadowRoot!.activeElement).to.equal(summary);
      const links = [...summary.querySelectorAll('a')];
      expect(links.map((link) => link.textContent)).to.deep.equal(lang === 'nl' ? ['Kies uw positie', 'Kies waar het om gaat'] : ['Choose your position', 'Choose what it is about']);
      expect(inDialog(button, '#role-error')!.textContent).to.equal(links[0]!.textContent);
      await expectAccessible(button);

      links[1]!.click();
      expect(dialogOf(button)!.shadowRoot!.activeElement?.id).to.equal('category-threat-intimidation');
    });
  }

  it('keeps everything that was filled in when going back and forth', async () => {
    const button = await mountButton('nl');
    await startReport(button);
    await chooseCouncilMemberThreat(button);
    await fill(button, 'description', 'Bedreigd na de raadsvergadering.');
    await clickText(button, 'Vorige');
    await untilHeading(button, /1 van/);
    expect(inDialog<HTMLInputElement>(button, '#role-council-member')!.checked).to.equal(true);
    await click(button, '[part="next-button"]');
    await untilHeading(button, /2 van/);
    expect(inDialog<HTMLTextAreaElement>(button, '#description')!.value).to.equal('Bedreigd na de raadsvergadering.');
  });
});

describe('sending while the network fails', () => {
  it('says the report is not sent yet, keeps it, and stores exactly one case on retry', async () => {
    const button = await mountButton('nl');
    const marker = `retry-${crypto.randomUUID()}`;
    await open(button);
    await clickText(button, 'Melden bij de organisatie');
    await fillReport(button, `Omkoping gemeld. ${marker}`);

    // Nothing listens on port 9: the connection is refused, as when the network is down.
    button.api = 'http://127.0.0.1:9/v1';
    await settle(button);
    await click(button, '[part="next-button"]');
    await untilHeading(button, 'Nog niet verstuurd');
    expect(inDialog(button, '[part="not-sent"]')!.textContent).to.include('niet verstuurd');
    await expectAccessible(button);

    // The first retry still fails; the report is still there.
    await click(button, '[part="retry-button"]');
    await untilHeading(button, 'Nog niet verstuurd');

    button.api = api;
    await settle(button);
    await click(button, '[part="retry-button"]');
    await untilHeading(button, 'Uw melding is verstuurd');
    expect((await storedContentWith(marker)).count).to.equal(1);
  });
});

describe('closing', () => {
  it('asks before Escape throws away unsent content, and starts empty after closing', async () => {
    const button = await mountButton('nl');
    await startReport(button);
    await click(button, '#role-civil-servant');

    await sendKeys({ press: 'Escape' });
    await settle(button);
    expect(inDialog(button, 'dialog[open]')).to.exist;
    expect(inDialog(button, '#discard-heading')!.textContent).to.equal('Stoppen zonder te versturen?');
    await expectAccessible(button);

    await sendKeys({ press: 'Escape' });
    await settle(button);
    expect(inDialog(button, '#discard-heading')).to.be.null;
    expect(inDialog<HTMLInputElement>(button, '#role-civil-servant')!.checked).to.equal(true);

    await clickText(button, 'Sluiten');
    await clickText(button, 'Ja, stoppen en wissen');
    await waitUntil(() => !dialogOf(button), 'the dialog did not close');
    expect(button.shadowRoot!.activeElement).to.equal(shadow(button, '[part="button"]'));

    await startReport(button);
    expect(inDialog<HTMLInputElement>(button, '#role-civil-servant')!.checked).to.equal(false);
  });

  it('closes at once with Escape when nothing was filled in, and returns focus to the button', async () => {
    const button = await mountButton('en');
    await open(button);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialogOf(button), 'the dialog did not close');
    expect(button.shadowRoot!.activeElement).to.equal(shadow(button, '[part="button"]'));
  });
});

describe('in English without a backend (an inline report form)', () => {
  it('asks before discarding, says "not sent yet", and both are accessible; open and close are announced to the page', async () => {
    const button = await mount<ReportButton>('en', 'weerbaar-report-button', { attributes: { isolation: 'inline' }, properties: { reportForm: sampleReportForm.en } });
    const events: string[] = [];
    for (const name of ['weerbaar-report-dialog-open', 'weerbaar-report-dialog-close'] as const) button.addEventListener(name, (event) => events.push(`${event.type} ${JSON.stringify(event.detail)}`));
    await open(button);
    await clickText(button, 'Report to the organisation');
    await untilHeading(button, /1 of/);
    await click(button, '#role-civil-servant');
    await clickText(button, 'Close');
    expect(inDialog(button, '#discard-heading')!.textContent).to.equal('Stop without sending?');
    await expectAccessible(button);
    await clickText(button, 'No, continue');

    await click(button, '#category-bribery');
    await click(button, '[part="next-button"]');
    await untilHeading(button, /2 of/);
    await fill(button, 'description', 'Offered money.');
    await click(button, '[part="next-button"]');
    await untilHeading(button, /3 of/);
    await click(button, '[part="next-button"]');
    await untilHeading(button, /4 of/);
    await click(button, '#contactable-anonymous');
    await click(button, '[part="next-button"]');
    await untilHeading(button, /5 of/);
    await click(button, '#consent-privacy-statement');
    await click(button, '[part="next-button"]');
    await untilHeading(button, 'Not sent yet');
    await expectAccessible(button);

    await clickText(button, 'Close');
    await clickText(button, 'Yes, stop and wipe');
    await waitUntil(() => !dialogOf(button), 'the dialog did not close');
    expect(events).to.deep.equal(['weerbaar-report-dialog-open {"mode":"report"}', 'weerbaar-report-dialog-close {}']);
  });
});

describe('the first step: what do you need?', () => {
  it('lets the page handle "help now" through a cancelable event, and closes', async () => {
    const button = await mountButton('nl');
    const handled = (event: Event) => event.preventDefault();
    document.addEventListener('weerbaar-support-request', handled);
    try {
      await open(button);
      await clickText(button, 'Nu hulp of een gesprek');
      await waitUntil(() => !dialogOf(button), 'the dialog stayed open');
    } finally {
      document.removeEventListener('weerbaar-support-request', handled);
    }
  });

  it('shows 112 and the support page when nothing on the page handles "help now"', async () => {
    const button = await mountButton('en', { 'support-href': 'https://www.voorbeeldstad.example/hulp' });
    await open(button);
    await clickText(button, 'Help or a conversation now');
    await untilHeading(button, 'Help');
    expect(inDialog<HTMLAnchorElement>(button, '.body a')!.href).to.equal('https://www.voorbeeldstad.example/hulp');
    await expectAccessible(button);
  });

  it('points to Meld Misdaad Anoniem by link and phone, sending nothing there', async () => {
    const button = await mountButton('nl');
    await open(button);
    const tip = [...dialogOf(button)!.shadowRoot!.querySelectorAll<HTMLAnchorElement>('.choices a')];
    expect(tip.map((link) => link.href)).to.deep.equal(['https://www.meldmisdaadanoniem.nl/', 'tel:08007000']);
    expect(tip[0]!.rel).to.equal('noopener noreferrer');
  });
});

describe('texts the site overrides', () => {
  it('uses the site\'s texts for the button and inside the dialog, from a JSON attribute', async () => {
    const button = await mountButton('nl', { strings: JSON.stringify({ quickExit: 'Weg hier', chooseHeading: 'Waarmee kunnen we helpen?' }) }, '');
    await open(button);
    expect(inDialog(button, '[part="quick-exit"]')!.textContent).to.equal('Weg hier');
    expect(heading(button)).to.equal('Waarmee kunnen we helpen?');
  });
});

describe('the whole flow by keyboard alone', () => {
  /** Presses Tab until `matches` holds for the focused element in the dialog. */
  async function tabTo(button: ReportButton, matches: (element: Element) => boolean, what: string): Promise<void> {
    for (let presses = 0; presses < 40; presses++) {
      const focused = dialogOf(button)!.shadowRoot!.activeElement;
      if (focused && matches(focused)) return;
      await sendKeys({ press: 'Tab' });
    }
    throw new Error(`Tab never reached ${what}`);
  }
  const withText = (text: string) => (element: Element) => element.textContent?.trim() === text;
  const withId = (id: string) => (element: Element) => element.id === id;

  it('reports, receives a receipt and closes with keys only (asked whether the receipt was kept)', async () => {
    const button = await mountButton('nl');
    // Typed by the driver: WebKit's driver types a doubled character once ("ee" as "e"), so the marker has none.
    const marker = `keys-${crypto.randomUUID().replace(/(.)\1+/g, '$1')}`;
    shadow(button, '[part="button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => heading(button).includes('Wat heeft u nodig?'), 'Enter did not open the dialog', { timeout: 10_000 });

    await tabTo(button, withText('Melden bij de organisatie'), 'the report choice');
    await sendKeys({ press: 'Enter' });
    await untilHeading(button, /1 van/);
    await tabTo(button, withId('role-civil-servant'), 'the first role');
    await sendKeys({ press: ' ' });
    await tabTo(button, withId('category-threat-intimidation'), 'the first category');
    await sendKeys({ press: 'ArrowDown' });
    await tabTo(button, withText('Volgende'), 'Next');
    await sendKeys({ press: 'Enter' });
    await untilHeading(button, /2 van/);
    await tabTo(button, withId('description'), 'the description');
    await sendKeys({ type: `Met toetsen gemeld. ${marker}` });
    await tabTo(button, withText('Volgende'), 'Next');
    await sendKeys({ press: 'Enter' });
    await untilHeading(button, /3 van/);
    await tabTo(button, withText('Volgende'), 'Next');
    await sendKeys({ press: 'Enter' });
    await untilHeading(button, /4 van/);
    await tabTo(button, withId('contactable-anonymous'), 'anonymous');
    await sendKeys({ press: ' ' });
    await tabTo(button, withText('Volgende'), 'Next');
    await sendKeys({ press: 'Enter' });
    await untilHeading(button, /5 van/);
    await tabTo(button, withText('Melding versturen'), 'Send');
    await sendKeys({ press: 'Enter' });
    await untilHeading(button, 'Uw melding is verstuurd');
    expect((await storedContentWith(marker)).count).to.equal(1);

    // The receipt was not kept yet: Escape asks first, and closing takes a choice.
    await sendKeys({ press: 'Escape' });
    await settle(button);
    expect(inDialog(button, '#receipt-heading')!.textContent).to.equal('Heeft u uw code bewaard?');
    await tabTo(button, withText('Toch sluiten'), 'Close anyway');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialogOf(button), 'the dialog did not close');
    expect(button.shadowRoot!.activeElement).to.equal(shadow(button, '[part="button"]'));
  });
});

describe('signals from the self-check', () => {
  it('opens the form when the checklist asks for a report, and offers to include the signals', async () => {
    const button = await mountButton('nl');
    const requester = document.createElement('div');
    button.parentElement!.append(requester);
    const request = new CustomEvent('weerbaar-report-request', { detail: { signals: ['bribery-gift-offered'] }, bubbles: true, composed: true, cancelable: true });
    requester.dispatchEvent(request);
    expect(request.defaultPrevented).to.equal(true);
    await waitUntil(() => inDialog(button, 'dialog[open]'), 'the dialog did not open');
    await untilHeading(button, /1 van/);
    await click(button, '#role-civil-servant');
    await click(button, '#category-bribery');
    await click(button, '[part="next-button"]');
    await untilHeading(button, /2 van/);
    await fill(button, 'description', 'Een cadeau aangeboden.');
    await click(button, '[part="next-button"]');
    await untilHeading(button, /3 van/);
    await click(button, '[part="next-button"]');
    await untilHeading(button, /4 van/);
    await click(button, '#contactable-anonymous');
    await click(button, '[part="next-button"]');
    await untilHeading(button, /5 van/);
    // One signal is "het signaal", not "de 1 signalen".
    expect(inDialog<HTMLLabelElement>(button, 'label[for="includeSignals-yes"]')!.textContent!.trim()).to.equal('Neem het signaal uit de zelftest mee');
    expect(inDialog<HTMLInputElement>(button, '#includeSignals-yes')!.checked).to.equal(true);
  });
});

describeWhere('setViewport')('small screens and zoom', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('fits 320 CSS pixels (400% zoom of 1280) without scrolling sideways', async () => {
    await setViewport({ width: 320, height: 640 });
    const button = await mountButton('nl');
    await open(button);
    const box = inDialog(button, 'dialog')!;
    expect(box.scrollWidth).to.be.at.most(box.clientWidth);
    await clickText(button, 'Melden bij de organisatie');
    await untilHeading(button, /1 van/);
    expect(box.scrollWidth).to.be.at.most(box.clientWidth);
    expect(box.getBoundingClientRect().width).to.be.at.most(320);
  });
});

describeWhere('emulateMedia')('forced colours and reduced motion', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
  });

  it('keeps the dialog inside 320 CSS pixels and accessible', async () => {
    await setViewport({ width: 320, height: 640 });
    const button = await mountButton('nl');
    await startReport(button);
    await emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    const box = inDialog(button, 'dialog')!;
    expect(box.scrollWidth).to.be.at.most(box.clientWidth);
    await expectAccessible(button);
  });
});
