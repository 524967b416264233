// The signal checklist's advice links to the dilemma cards on the themes of the checked signals
// (`#dilemmas=…` in the address); <weerbaar-dilemma-cards> opens filtered on them, says so, and
// clears it. Real Chromium, the real reference server's shipped cards.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl } from '/__weerbaar/test-env.js';
import { expectAccessible, mount, shadow, shadowAll, waitUntil } from '../../test/browser-helpers.js';
import { sampleChecklist } from '../../test/sample-content.js';
import '../signal-checklist/define.js';
import type { SignalChecklist } from '../signal-checklist/signal-checklist.js';
import './define.js';
import type { DilemmaCards } from './dilemma-cards.js';

const api = apiUrl as string;
const status = (cards: DilemmaCards) => shadow(cards, '[part="status"]')!.textContent!.trim();
const cardThemes = (cards: DilemmaCards) => shadowAll(cards, '[part="card"] .meta').map((meta) => meta.textContent!.split(' · ').at(-1)!.trim());
const focusedId = (cards: DilemmaCards) => cards.shadowRoot!.activeElement?.id;
const addressWithout = () => location.pathname + location.search;

async function loaded(cards: DilemmaCards): Promise<DilemmaCards> {
  // The first render waits for a task of its own (issue 19): only after it is there a status to read.
  await cards.updateComplete;
  await waitUntil(() => !/geladen|Loading/.test(status(cards)), 'the cards did not load', { timeout: 10_000 });
  return cards;
}

describe('<weerbaar-dilemma-cards> opened from a link with themes', () => {
  afterEach(() => history.replaceState(null, '', addressWithout()));

  it('opens filtered on the theme in the address, names it under the focused heading, and clears it with the keyboard', async () => {
    const all = await loaded(await mount<DilemmaCards>('nl', 'weerbaar-dilemma-cards', { attributes: { api } }));
    const total = shadowAll(all, '[part="card"]').length;
    history.replaceState(null, '', `${addressWithout()}#dilemmas=gifts-and-hospitality`);
    const cards = await loaded(await mount<DilemmaCards>('nl', 'weerbaar-dilemma-cards', { attributes: { api } }));
    await cards.updateComplete;
    expect(cardThemes(cards)).to.have.length.of.at.least(3);
    expect(new Set(cardThemes(cards))).to.deep.equal(new Set(['Geschenken en uitnodigingen']));
    expect(shadow<HTMLSelectElement>(cards, '#theme')!.value).to.equal('gifts-and-hospitality');
    expect(shadow(cards, '#linked-filter')!.textContent).to.equal("U ziet de dilemma's over: Geschenken en uitnodigingen.");
    expect(focusedId(cards), 'the heading has focus').to.equal('title');
    expect(shadow(cards, '#title')!.getAttribute('aria-describedby')).to.equal('linked-filter');
    await expectAccessible(cards);

    // From the heading, past the filters, to "show all dilemmas".
    for (let press = 0; press < 10 && focusedId(cards) !== 'clear-linked'; press++) await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await cards.updateComplete;
    expect(shadowAll(cards, '[part="card"]')).to.have.length(total);
    expect(shadow(cards, '[part="linked-filter"]')).to.equal(null);
    expect(shadow<HTMLSelectElement>(cards, '#theme')!.value).to.equal('');
    expect(location.hash, 'the fragment is gone').to.equal('');
    expect(focusedId(cards)).to.equal('theme');
    await expectAccessible(cards);
  });

  it('follows a new address fragment with several themes, in English, until a theme is chosen', async () => {
    const cards = await loaded(await mount<DilemmaCards>('en', 'weerbaar-dilemma-cards', { attributes: { api } }));
    location.hash = '#dilemmas=threats,side-jobs,not-a-theme';
    await waitUntil(() => shadow(cards, '[part="linked-filter"]'), 'the link was not followed');
    expect(new Set(cardThemes(cards))).to.deep.equal(new Set(['Threats', 'Side jobs']));
    expect(shadow(cards, '#linked-filter')!.textContent).to.equal('Showing the dilemmas on: Threats, Side jobs.');
    const select = shadow<HTMLSelectElement>(cards, '#theme')!;
    expect(select.selectedOptions[0]!.textContent).to.equal('Threats, Side jobs');
    expect(focusedId(cards)).to.equal('title');
    await expectAccessible(cards);
    select.value = 'side-jobs';
    select.dispatchEvent(new Event('change'));
    await cards.updateComplete;
    expect(new Set(cardThemes(cards))).to.deep.equal(new Set(['Side jobs']));
    expect(shadow(cards, '[part="linked-filter"]')).to.equal(null);
  });

  it('ignores a fragment that carries no known theme', async () => {
    history.replaceState(null, '', `${addressWithout()}#dilemmas=<script>`);
    const cards = await loaded(await mount<DilemmaCards>('nl', 'weerbaar-dilemma-cards', { attributes: { api } }));
    expect(shadow(cards, '[part="linked-filter"]')).to.equal(null);
    expect(focusedId(cards)).to.equal(undefined);
  });

  it('takes a person from a ticked signal, through the advice link, to the matching cards with the keyboard', async () => {
    const page = await fixture<HTMLDivElement>(html`<div lang="nl">
      <weerbaar-signal-checklist dilemmas-href="#dilemmas"></weerbaar-signal-checklist>
      <section id="dilemmas"><weerbaar-dilemma-cards api=${api}></weerbaar-dilemma-cards></section>
    </div>`);
    const checklist = page.querySelector<SignalChecklist>('weerbaar-signal-checklist')!;
    checklist.content = sampleChecklist.nl;
    const cards = await loaded(page.querySelector<DilemmaCards>('weerbaar-dilemma-cards')!);
    await checklist.updateComplete;
    shadow<HTMLInputElement>(checklist, '#signal-threats-home-visit')!.focus();
    await sendKeys({ press: ' ' });
    await checklist.updateComplete;
    const link = shadowAll<HTMLAnchorElement>(checklist, '[part="next-steps"] a').find((anchor) => anchor.textContent === "Lees dilemma's hierover")!;
    expect(link.getAttribute('href')).to.equal(`${location.href.split('#')[0]}#dilemmas=threats`);
    link.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focusedId(cards) === 'title', 'the cards heading did not get focus');
    expect(location.hash).to.equal('#dilemmas=threats');
    expect(new Set(cardThemes(cards))).to.deep.equal(new Set(['Bedreiging']));
    expect(shadow(cards, '#linked-filter')!.textContent).to.equal("U ziet de dilemma's over: Bedreiging.");
    await expectAccessible(cards);
  });
});
