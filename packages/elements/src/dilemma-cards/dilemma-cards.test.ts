// <weerbaar-dilemma-cards> in real browsers against the real reference server (started by the
// test runner's plugin, encryption on): the shipped cards, the views, and sharing a dilemma through
// the UI with the keyboard alone, sealed and stored for real.
import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl } from '/__weerbaar/test-env.js';
import { describeWhere, expectAccessible, languages, mount, shadow, shadowAll, waitUntil } from '../../test/browser-helpers.js';
import { sampleDilemmaCards } from '../../test/sample-dilemma-cards.js';
import './define.js';
import type { DilemmaCards } from './dilemma-cards.js';

const api = apiUrl as string;

async function mountCards(lang: string, attributes: Record<string, string> = {}): Promise<DilemmaCards> {
  const cards = await mount<DilemmaCards>(lang, 'weerbaar-dilemma-cards', { attributes: { api, ...attributes } });
  await waitUntil(() => !/geladen|Loading/.test(status(cards)), 'the cards did not load', { timeout: 10_000 });
  return cards;
}

const status = (cards: DilemmaCards) => shadow(cards, '[part="status"]')!.textContent!.trim();
const cardCount = (cards: DilemmaCards) => shadowAll(cards, '[part="card"]').length;

/** The focused element inside `host`'s shadow root (and inside the share form's, when it has focus). */
function focused(host: DilemmaCards): Element | null {
  const active = host.shadowRoot!.activeElement;
  return active?.shadowRoot?.activeElement ?? active;
}

/** Presses Tab until the focused element matches (keyboard only, as a person would). */
async function tabTo(host: DilemmaCards, matches: (element: Element) => boolean, what: string): Promise<void> {
  for (let press = 0; press < 40; press++) {
    const element = focused(host);
    if (element && matches(element)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}`);
}

const withText = (text: RegExp) => (element: Element) => text.test(element.textContent ?? '');
const form = (cards: DilemmaCards) => shadow(cards, '[part~="share-form"]') as (HTMLElement & { updateComplete: Promise<boolean> }) | null;

async function setSelect(cards: DilemmaCards, id: string, value: string): Promise<void> {
  const select = shadow<HTMLSelectElement>(cards, `#${id}`)!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await cards.updateComplete;
}

describe('<weerbaar-dilemma-cards> with the reference server', () => {
  for (const lang of languages) {
    it(`lists the shipped cards with their draft badge and sources, and filters by role and theme (${lang})`, async () => {
      const cards = await mountCards(lang);
      expect(cardCount(cards)).to.be.at.least(12);
      expect(status(cards)).to.equal(lang === 'nl' ? `${cardCount(cards)} dilemma's` : `${cardCount(cards)} dilemmas`);
      expect(shadow(cards, '[part="badge"]')!.textContent).to.equal(lang === 'nl' ? 'Concept, nog niet gecontroleerd' : 'Draft, not yet reviewed');
      expect(shadowAll<HTMLAnchorElement>(cards, '[part="sources"] a').every((link) => link.href.startsWith('https://'))).to.equal(true);
      expect(shadowAll(cards, '[part="sources"] a')).to.not.be.empty;
      // The list is for reading alone: it shows the decisions (the presentation hides them until asked).
      expect(shadowAll(cards, '[part="decision"]')).to.not.be.empty;
      await expectAccessible(cards);

      await setSelect(cards, 'role', 'council-member');
      await setSelect(cards, 'theme', 'threats');
      expect(cardCount(cards)).to.be.at.least(2);
      expect(shadowAll(cards, '[part="card"] .meta').every((meta) => /Raadslid|Council member/.test(meta.textContent!))).to.equal(true);
      await setSelect(cards, 'role', 'other');
      await setSelect(cards, 'theme', 'other');
      expect(cardCount(cards)).to.equal(0);
      expect(status(cards)).to.equal(lang === 'nl' ? "Er zijn nog geen dilemma's voor deze keuze." : 'There are no dilemmas for this choice yet.');
      await expectAccessible(cards);
    });

    it(`starts with the filters and the view of its attributes, and prints one card per page (${lang})`, async () => {
      const cards = await mountCards(lang, { 'reporter-role': 'civil-servant', theme: 'side-jobs', view: 'print' });
      expect(shadow(cards, '[part="filters"]')).to.equal(null);
      expect(cardCount(cards)).to.be.at.least(1);
      const print = window.print;
      let printed = 0;
      // The browser's print window cannot open in a test: count the calls instead.
      window.print = () => void printed++;
      try {
        shadow<HTMLButtonElement>(cards, '#print-button')!.click();
        await waitUntil(() => printed === 1, 'print was not called');
        // Everything beside the cards stays out of print (base/print-alone.ts): here the test runner's page.
        expect(document.querySelectorAll('[data-weerbaar-print-hidden]').length).to.be.greaterThan(0);
      } finally {
        window.print = print;
        window.dispatchEvent(new Event('afterprint'));
      }
      expect(document.querySelectorAll('[data-weerbaar-print-hidden]').length).to.equal(0);
      await expectAccessible(cards);
      shadow<HTMLButtonElement>(cards, '#back-button')!.click();
      await cards.updateComplete;
      expect(cards.view).to.equal('list');
      expect(shadow<HTMLSelectElement>(cards, '#role')!.value).to.equal('civil-servant');
      expect(shadow<HTMLSelectElement>(cards, '#theme')!.value).to.equal('side-jobs');
    });

    it(`says so when the backend cannot be reached, and tries again (${lang})`, async () => {
      const cards = await mount<DilemmaCards>(lang, 'weerbaar-dilemma-cards', { attributes: { api: 'http://127.0.0.1:9/v1' } });
      await waitUntil(() => /verbinding|connection/.test(status(cards)), 'no error shown', { timeout: 10_000 });
      expect(shadow(cards, '[part="share-button"]')).to.exist;
      await expectAccessible(cards);
      cards.api = api;
      const retry = shadowAll<HTMLButtonElement>(cards, 'button').find(withText(/opnieuw|again/))!;
      retry.click();
      await waitUntil(() => cardCount(cards) >= 12, 'the retry did not load the cards', { timeout: 10_000 });
    });
  }

  it('presents one card at a time, moves with the keyboard and reveals the decision on request', async () => {
    const cards = await mountCards('nl');
    const total = cardCount(cards);
    shadow<HTMLSelectElement>(cards, '#role')!.focus();
    await tabTo(cards, withText(/één voor één/), 'the presentation button');
    await sendKeys({ press: 'Enter' });
    await cards.updateComplete;
    expect(shadow(cards, '[part="position"]')!.textContent).to.equal(`Kaart 1 van ${total}`);
    expect(focused(cards)?.id).to.equal('card-heading');
    expect(shadowAll(cards, '[part="card"]')).to.have.length(1);
    expect(shadow(cards, '[part="decision"]')).to.equal(null);
    await expectAccessible(cards);

    await sendKeys({ press: 'ArrowRight' });
    await cards.updateComplete;
    expect(shadow(cards, '[part="position"]')!.textContent).to.equal(`Kaart 2 van ${total}`);
    expect(focused(cards)?.id).to.equal('card-heading');
    await sendKeys({ press: 'ArrowLeft' });
    await cards.updateComplete;
    expect(shadow(cards, '[part="position"]')!.textContent).to.equal(`Kaart 1 van ${total}`);

    await tabTo(cards, withText(/Toon wat er besloten is/), 'the reveal button');
    await sendKeys({ press: 'Enter' });
    await cards.updateComplete;
    expect(shadow(cards, '[part="decision"]')!.textContent).to.contain('Wat er besloten is');
    expect(focused(cards)?.id).to.equal('decision');
    await expectAccessible(cards);

    await tabTo(cards, (element) => element.id === 'next', 'the next button');
    await sendKeys({ press: 'Enter' });
    await cards.updateComplete;
    expect(shadow(cards, '[part="position"]')!.textContent).to.equal(`Kaart 2 van ${total}`);
    expect(shadow(cards, '[part="decision"]'), 'the next card starts without its decision').to.equal(null);
  });

  for (const lang of languages) {
    it(`shares a dilemma with the keyboard alone, shows the read code once and reads the answer with it (${lang})`, async () => {
      const cards = await mountCards(lang);
      const shared: Event[] = [];
      cards.addEventListener('weerbaar-dilemma-shared', (event) => shared.push(event));
      shadow<HTMLSelectElement>(cards, '#role')!.focus();
      await tabTo(cards, (element) => element.getAttribute('part') === 'share-button', 'the share button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => form(cards) && focused(cards)?.id === 'form-title', 'the form did not open with focus on its heading');
      await expectAccessible(cards);

      // Sent empty: the error summary gets focus and names the three missing answers.
      await tabTo(cards, withText(lang === 'nl' ? /Verstuur/ : /Send the/), 'the send button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused(cards)?.id === 'error-summary', 'no error summary');
      expect(shadowAll(form(cards)!, '.error-summary li')).to.have.length(3);
      await expectAccessible(cards);

      // No letter twice in a row: WebKit's driver may type a doubled letter once.
      await tabTo(cards, (element) => element.id === 'role-civil-servant', 'the first role');
      await sendKeys({ press: ' ' });
      await tabTo(cards, (element) => element.id === 'theme', 'the theme');
      await sendKeys({ press: 'ArrowDown' });
      await tabTo(cards, (element) => element.id === 'situation', 'the situation');
      const situation = lang === 'nl' ? 'Mijn zwager wil hulp bij zijn plan' : 'My brother wants help with his plan';
      await sendKeys({ type: situation });
      // WebKit's driver may still be typing when the command returns.
      // It may also drop a space here and there, and then type the letters around it as a doubled one.
      const bare = (text: string) => text.replace(/\s+/g, '').replace(/(.)\1/g, '$1');
      await waitUntil(() => bare(shadow<HTMLTextAreaElement>(form(cards)!, '#situation')!.value) === bare(situation), 'the situation was not typed');
      await tabTo(cards, (element) => element.id === 'wantsReadCode', 'the read code choice');
      await sendKeys({ press: ' ' });
      await tabTo(cards, withText(lang === 'nl' ? /Verstuur/ : /Send the/), 'the send button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused(cards)?.id === 'sent-title', 'the dilemma was not sent', { timeout: 15_000 });
      const readCode = shadow(form(cards)!, '[part="read-code"]')!.textContent!.trim();
      expect(readCode).to.match(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3,14}$/);
      expect(shadow(form(cards)!, '[part="read-code"] + p')!.textContent).to.match(/Bewaar deze code|Keep this code/);
      expect(shared).to.have.length(1);
      expect(Object.keys((shared[0] as CustomEvent).detail)).to.deep.equal(['receivedAt']);
      expect(location.href).to.not.contain(readCode);
      await expectAccessible(cards);

      await tabTo(cards, withText(/Lees het antwoord|Read the answer/), 'the read button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused(cards)?.id === 'read-title', 'the read form did not open');
      await tabTo(cards, (element) => element.id === 'readCode', 'the read code field');
      // Dashes do not matter in a read code: one between doubled characters keeps WebKit's driver honest.
      await sendKeys({ type: readCode.replace(/(.)(?=\1)/g, '$1-') });
      await waitUntil(() => shadow<HTMLInputElement>(form(cards)!, '#readCode')!.value.replace(/-/g, '') === readCode.replace(/-/g, ''), 'the read code was not typed');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => /nog geen kaart|No card/.test(shadow(form(cards)!, '#reading')?.textContent ?? ''), 'no answer read', { timeout: 10_000 });
      await expectAccessible(cards);

      await tabTo(cards, withText(/Terug naar de dilemma|Back to the dilemmas/), 'the back button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !form(cards) && focused(cards)?.getAttribute('part') === 'share-button', 'focus did not return to the share button');
    });
  }

  it('says an unknown read code in words on its field, and hides the share button with share="false"', async () => {
    const cards = await mountCards('en');
    await cards.openShareForm();
    await cards.updateComplete;
    const shareForm = form(cards)!;
    shadowAll<HTMLButtonElement>(shareForm, 'button').find(withText(/Read the answer/))!.click();
    await shareForm.updateComplete;
    shadow<HTMLInputElement>(shareForm, '#readCode')!.value = 'ABCD-EFGH-JKLM-NPQR';
    shadow<HTMLButtonElement>(shareForm, 'button[type="submit"]')!.click();
    await waitUntil(() => shadow(shareForm, '#readCode-error'), 'no field error', { timeout: 10_000 });
    expect(shadow(shareForm, '#readCode-error')!.textContent).to.equal('We do not know this read code. Check the code.');
    expect(shadow(shareForm, '#readCode')!.getAttribute('aria-describedby')).to.equal('readCode-error');
    await expectAccessible(cards);

    const hidden = await mountCards('en', { share: 'false' });
    expect(shadow(hidden, '[part="share-button"]')).to.equal(null);
  });

  it('shows inline cards without a backend; a source that is not https stays text; a broken answer gives the error', async () => {
    const [first, second] = sampleDilemmaCards.nl.items;
    const hostile = { ...sampleDilemmaCards.nl, items: [{ ...first!, sources: [{ title: 'Niet veilig', url: 'javascript:alert(1)' }] }, second!] };
    const cards = await mount<DilemmaCards>('nl', 'weerbaar-dilemma-cards', { properties: { content: hostile } });
    expect(cardCount(cards)).to.equal(2);
    expect(shadow(cards, '[part="sources"] li')!.textContent).to.equal('Niet veilig');
    expect(shadow(cards, '[part="sources"] a')).to.equal(null);
    expect(shadow(cards, '[part="share-button"]'), 'no share button without a backend').to.equal(null);
    cards.view = 'presentation';
    await cards.updateComplete;
    shadow<HTMLButtonElement>(cards, '#next')!.click();
    await cards.updateComplete;
    expect(shadow(cards, '[part="position"]')!.textContent).to.equal('Kaart 2 van 2');
    expect(shadow(cards, '[part="reveal-button"]'), 'a card without a decision has nothing to reveal').to.equal(null);
    cards.content = { language: 'nl', items: [{ cardId: 'x', text: '<b>' }] } as never;
    await cards.updateComplete;
    expect(status(cards)).to.contain('konden niet worden geladen');
    expect(cardCount(cards)).to.equal(0);
  });

  describeWhere('setViewport')('at 320 CSS px', () => {
    before(() => setViewport({ width: 320, height: 640 }));
    after(() => setViewport({ width: 1024, height: 768 }));

    it('reflows without horizontal scrolling in the list, the presentation and the form', async () => {
      const cards = await mountCards('nl');
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      cards.view = 'presentation';
      await cards.updateComplete;
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      cards.view = 'list';
      await cards.updateComplete;
      await cards.openShareForm();
      await cards.updateComplete;
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    });
  });
});
