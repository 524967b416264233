// The four public elements' languages as the npm entries load them (their sources, in real
// browsers): English tables load on demand (base/locale-controller.ts), and until they are there an
// element shows nothing (first render) or keeps its current language (a live change). Never a Dutch
// text on an English page, never half of each. The built CDN files, one English chunk and the
// offline fallback are tested in languages-cdn.test.ts.
import { expect, fixture, html } from '@open-wc/testing';
import { normBannerStrings } from '../src/norm-banner/norm-banner.strings.js';
import { reportButtonStrings } from '../src/report-button/report-button.strings.js';
import { signalChecklistStrings } from '../src/signal-checklist/signal-checklist.strings.js';
import { supportDirectoryStrings } from '../src/support-directory/support-directory.strings.js';
import '../src/define.js';
import { expectAccessible, shadow, waitUntil } from './browser-helpers.js';
import { sampleChecklist, sampleNorms, sampleSupport } from './sample-content.js';

type Updatable = HTMLElement & { updateComplete: Promise<unknown>; strings?: Record<string, string> };

const elements = [
  { tag: 'weerbaar-norm-banner', content: sampleNorms, attributes: { dismissible: '' }, nl: normBannerStrings.nl, en: normBannerStrings.en },
  { tag: 'weerbaar-signal-checklist', content: sampleChecklist, attributes: {}, nl: signalChecklistStrings.nl, en: signalChecklistStrings.en },
  { tag: 'weerbaar-support-directory', content: sampleSupport, attributes: {}, nl: supportDirectoryStrings.nl, en: supportDirectoryStrings.en },
  { tag: 'weerbaar-report-button', content: undefined, attributes: { isolation: 'inline' }, nl: reportButtonStrings.nl, en: reportButtonStrings.en },
] as const;

/** The English table, from its loader (the test loads it too: it is what the element shows). */
async function englishOf(table: (typeof elements)[number]['en']): Promise<Record<string, string>> {
  return typeof table === 'function' ? (await table()).default : table;
}

/** Texts of `one` (no placeholders, shown as written) that `other` never uses. */
const onlyIn = (one: Record<string, string>, other: Record<string, string>) => Object.values(one).filter((text) => !text.includes('{') && !Object.values(other).includes(text));

/** Every text node and `aria-label` of a shadow root, one a line. */
function texts(root: ShadowRoot): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node instanceof Element ? node.getAttribute('aria-label') : node.textContent;
    if (text?.trim()) found.push(text.replace(/\s+/g, ' ').trim());
  }
  return found;
}

/** Whether a state shows any of the texts, whole. */
const speaks = (state: string[], of: string[]) => of.some((text) => state.includes(text));

/** Puts the element in a `<div lang>` and records its shadow root's texts after every change, from before its first render on. */
async function observed(lang: string, { tag, content, attributes }: (typeof elements)[number]): Promise<{ element: Updatable; states: string[][] }> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}></div>`);
  const element = document.createElement(tag) as Updatable;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (content) {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(content[lang === 'en' ? 'en' : 'nl']);
    element.append(script);
  }
  wrapper.append(element);
  const states: string[][] = [];
  // The first render waits at least a task (and an English table), so this sees every state.
  new MutationObserver(() => states.push(texts(element.shadowRoot!))).observe(element.shadowRoot!, { childList: true, subtree: true, characterData: true, attributes: true });
  await element.updateComplete;
  return { element, states };
}

describe('the languages of the public elements, loaded on demand', () => {
  for (const described of elements) {
    it(`${described.tag}: renders a page in English in English once updateComplete settles, with no Dutch text before it`, async () => {
      // The element's own load of its English table comes first: the test loads it only after.
      const { element, states } = await observed('en', described);
      const english = await englishOf(described.en);
      expect(states.length).to.be.greaterThan(0);
      expect(speaks(texts(element.shadowRoot!), onlyIn(english, described.nl)), 'no English text shown').to.be.true;
      const dutch = onlyIn(described.nl, english);
      expect(states.filter((state) => speaks(state, dutch))).to.deep.equal([]);
      await expectAccessible(element);
    });

    it(`${described.tag}: follows a live change nl → en → nl, in one language at every moment`, async () => {
      const english = await englishOf(described.en);
      const { element, states } = await observed('nl', described);
      const dutchOnly = onlyIn(described.nl, english);
      const englishOnly = onlyIn(english, described.nl);
      expect(speaks(texts(element.shadowRoot!), dutchOnly)).to.be.true;
      element.parentElement!.setAttribute('lang', 'en');
      await waitUntil(() => speaks(texts(element.shadowRoot!), englishOnly), 'did not switch to English');
      await element.updateComplete;
      await expectAccessible(element);
      element.parentElement!.setAttribute('lang', 'nl');
      await waitUntil(() => speaks(texts(element.shadowRoot!), dutchOnly), 'did not switch back to Dutch');
      expect(states.filter((state) => speaks(state, dutchOnly) && speaks(state, englishOnly))).to.deep.equal([]);
      expect(states.filter((state) => !speaks(state, dutchOnly) && !speaks(state, englishOnly))).to.deep.equal([]);
    });
  }

  it('keeps the site’s own texts in both languages, and its other texts follow the language', async () => {
    const { element } = await observed('en', elements[3]);
    element.strings = { report: 'Tell us' };
    await element.updateComplete;
    expect(shadow(element, '[part="button"]')!.textContent!.trim()).to.equal('Tell us');
    element.setAttribute('mode', 'follow-up');
    await element.updateComplete;
    expect(shadow(element, '[part="button"]')!.textContent!.trim()).to.equal('Follow your report');
    element.parentElement!.setAttribute('lang', 'nl');
    await waitUntil(() => shadow(element, '[part="button"]')!.textContent!.trim() === reportButtonStrings.nl.followUp, 'did not switch to Dutch');
    element.setAttribute('mode', 'report');
    await element.updateComplete;
    expect(shadow(element, '[part="button"]')!.textContent!.trim()).to.equal('Tell us');
  });
});
