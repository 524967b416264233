// Reading the answer to a shared dilemma once a card made of it is public, end to end against the
// real reference server (encryption on): a person shares a dilemma through the element and keeps the
// read code; the editors (the handler SDK, as the console calls it) make a card of that submission,
// rewrite it and publish it; the person reads the answer with the code and sees the published card.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createHandlerClient } from '@weerbaar/sdk/handler';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl, handlerToken } from '/__weerbaar/test-env.js';
import { expectAccessible, mount, shadow, shadowAll, waitUntil } from '../../test/browser-helpers.js';
import './define.js';
import type { DilemmaCards } from './dilemma-cards.js';

const api = apiUrl as string;
const editors = createHandlerClient({ baseUrl: api, token: handlerToken as string });

/** A marker with no character twice in a row (WebKit's driver sometimes doubles one it types). */
function marker(): string {
  return [...Math.random().toString(36).slice(2, 12)].filter((char, index, all) => char !== all[index - 1]).join('');
}

type ShareForm = HTMLElement & { updateComplete: Promise<boolean> };
const form = (cards: DilemmaCards) => shadow(cards, '[part~="share-form"]') as ShareForm | null;

/** The focused element inside the share form's shadow root. */
const focusedInForm = (cards: DilemmaCards) => form(cards)?.shadowRoot?.activeElement ?? null;

/** Presses Tab until the focused element in the form matches (keyboard only, as a person would). */
async function tabTo(cards: DilemmaCards, matches: (element: Element) => boolean, what: string): Promise<void> {
  for (let press = 0; press < 40; press++) {
    const element = focusedInForm(cards);
    if (element && matches(element)) return;
    await sendKeys({ press: 'Tab' });
  }
  const stuck = focusedInForm(cards) ?? document.activeElement;
  throw new Error(`Tab never reached ${what}; focus is on ${stuck?.tagName ?? 'nothing'}#${stuck?.id ?? ''}`);
}

describe('<weerbaar-dilemma-cards> reading the answer once a card of the dilemma is published', () => {
  it('shows the published card to the person who shared the dilemma, with the read code, by keyboard', async function (this: { timeout(ms: number): void }) {
    this.timeout(60_000);
    const tag = marker();
    const cards = await mount<DilemmaCards>('nl', 'weerbaar-dilemma-cards', { attributes: { api } });
    await waitUntil(() => !/geladen/.test(shadow(cards, '[part="status"]')!.textContent!), 'the cards did not load', { timeout: 10_000 });
    const shared: CustomEvent<{ receivedAt: string }>[] = [];
    cards.addEventListener('weerbaar-dilemma-shared', (event) => shared.push(event as CustomEvent<{ receivedAt: string }>));

    // Share through the element, asking for a read code.
    await cards.openShareForm();
    await waitUntil(() => form(cards), 'the share form did not open');
    const shareForm = form(cards)!;
    await shareForm.updateComplete;
    shadow<HTMLInputElement>(shareForm, '#role-civil-servant')!.checked = true;
    shadow<HTMLSelectElement>(shareForm, '#theme')!.value = 'information-requests';
    shadow<HTMLTextAreaElement>(shareForm, '#situation')!.value = `Een oud-collega vraagt naar de aanbesteding ${tag}.`;
    shadow<HTMLInputElement>(shareForm, '#wantsReadCode')!.checked = true;
    shadowAll<HTMLButtonElement>(shareForm, 'button[type="submit"]')[0]!.click();
    await waitUntil(() => shadow(shareForm, '[part="read-code"]'), 'the dilemma was not sent', { timeout: 15_000 });
    const readCode = shadow(shareForm, '[part="read-code"]')!.textContent!.trim();
    expect(shared).to.have.length(1);

    // The editors: a card made of this submission, rewritten, then published.
    const submission = (await editors.listDilemmas()).items.find((item) => item.receivedAt === shared[0]!.detail.receivedAt && item.encryptedContent);
    if (!submission) throw new Error('the shared dilemma is not in the editors’ list, sealed');
    const text = { language: 'nl' as const, roles: ['civil-servant' as const], theme: 'information-requests' as const, questions: ['Wat zegt u?'] };
    const draft = await editors.createDilemmaDraft({ ...text, title: `Vragen over een aanbesteding ${tag}`, situation: 'Een oud-collega vraagt naar een aanbesteding.' }, submission.submissionId);
    const title = `Een vraag over de aanbesteding ${tag}`;
    await editors.updateDilemmaDraft(draft.cardId, { ...text, title, situation: 'Iemand die u kent, vraagt wie er meedoet aan een aanbesteding.', decision: 'U zegt niets over de inschrijvers.' });
    expect((await editors.publishDilemmaCard(draft.cardId)).status).to.equal('published');

    try {
      // The person comes back with the read code: keyboard alone from the sent screen.
      await tabTo(cards, (element) => /Lees het antwoord/.test(element.textContent ?? ''), 'the read button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focusedInForm(cards)?.id === 'read-title', 'the read form did not open');
      await tabTo(cards, (element) => element.id === 'readCode', 'the read code field');
      // Dashes do not matter in a read code: one between doubled characters keeps WebKit's driver honest.
      await sendKeys({ type: readCode.replace(/(.)(?=\1)/g, '$1-') });
      await waitUntil(() => shadow<HTMLInputElement>(shareForm, '#readCode')!.value.replace(/-/g, '') === readCode.replace(/-/g, ''), 'the read code was not typed');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => shadow(shareForm, '.cards [part="card"]'), 'no published card in the answer', { timeout: 10_000 });

      expect(focusedInForm(cards)?.id, 'focus on the answer').to.equal('reading');
      expect(shadow(shareForm, '#reading')!.textContent).to.not.match(/nog geen kaart/);
      const answered = shadowAll(shareForm, '.cards [part="card"]');
      expect(answered).to.have.length(1);
      expect(answered[0]!.textContent).to.contain(title);
      expect(answered[0]!.textContent).to.contain('Iemand die u kent, vraagt wie er meedoet aan een aanbesteding.');
      expect(answered[0]!.textContent, 'the shared text never shows').to.not.contain('oud-collega');
      await expectAccessible(cards);

      // Taken off the public list again, the same code reads "waiting".
      await editors.unpublishDilemmaCard(draft.cardId);
      // Back in the field (the Firefox and WebKit drivers press no Shift+Tab, nor wrap Tab around the page).
      shadow<HTMLInputElement>(shareForm, '#readCode')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => /nog geen kaart/.test(shadow(shareForm, '#reading')?.textContent ?? ''), 'the answer did not go back to waiting', { timeout: 10_000 });
      expect(shadowAll(shareForm, '.cards [part="card"]')).to.have.length(0);
      await expectAccessible(cards);
    } finally {
      await editors.unpublishDilemmaCard(draft.cardId);
    }
  });
});
