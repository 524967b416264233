import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, languages, mount, shadow, shadowAll, shadowText, waitUntil } from '../../test/browser-helpers.js';
import { sampleChecklist } from '../../test/sample-content.js';
import './define.js';
import type { SignalChecklist } from './signal-checklist.js';

function checkbox(checklist: SignalChecklist, signalId: string): HTMLInputElement {
  return shadow<HTMLInputElement>(checklist, `#signal-${signalId}`)!;
}

async function check(checklist: SignalChecklist, signalId: string): Promise<void> {
  checkbox(checklist, signalId).click();
  await checklist.updateComplete;
}

function adviceText(checklist: SignalChecklist): string {
  return shadow(checklist, '[part="advice"] [role="status"]')!.textContent!.trim();
}

describe('<weerbaar-signal-checklist> from inline JSON', () => {
  for (const lang of languages) {
    it(`shows every theme as a group of checkboxes with explanations, accessibly (${lang})`, async () => {
      const checklist = await mount<SignalChecklist>(lang, 'weerbaar-signal-checklist', { json: sampleChecklist[lang] });
      expect(shadowAll(checklist, 'fieldset legend').map((legend) => legend.textContent!.trim())).to.deep.equal(sampleChecklist[lang].themes.map((theme) => theme.title));
      const box = checkbox(checklist, 'threats-home-visit');
      expect(box.labels![0]!.textContent).to.equal(sampleChecklist[lang].themes[0]!.signals[0]!.label);
      expect(shadow(checklist, `#${box.getAttribute('aria-describedby')}`)!.textContent).to.equal(sampleChecklist[lang].themes[0]!.signals[0]!.explanation);
      await expectAccessible(checklist);
    });

    it(`turns checked signals into advice in a live region, with next steps (${lang})`, async () => {
      const checklist = await mount<SignalChecklist>(lang, 'weerbaar-signal-checklist', { json: sampleChecklist[lang] });
      const overall = sampleChecklist[lang].overallAdvice;
      await check(checklist, 'threats-online'); // score 2: overall "talk", theme "talk"
      expect(adviceText(checklist)).to.equal(overall[1]!.text);
      await check(checklist, 'bribery-gift-offered'); // score 5: overall "report"
      expect(adviceText(checklist)).to.equal(overall[2]!.text);
      expect(shadowText(checklist)).to.contain(sampleChecklist[lang].themes[1]!.advice[0]!.text);
      await expectAccessible(checklist);
    });
  }

  it('uses the theme rule with the highest minimum score not above the theme score', async () => {
    const checklist = await mount<SignalChecklist>('nl', 'weerbaar-signal-checklist', { json: sampleChecklist.nl });
    const [talk, urgent] = sampleChecklist.nl.themes[0]!.advice;
    await check(checklist, 'threats-online'); // 2 → talk (1), not urgent (3)
    expect(shadowText(checklist)).to.contain(talk!.text).and.not.contain(urgent!.text);
    await check(checklist, 'threats-home-visit'); // 5 → urgent
    expect(shadowText(checklist)).to.contain(urgent!.text);
    expect(shadow(checklist, 'a[href="tel:112"]')).to.exist;
  });

  it('can be used with the keyboard alone', async () => {
    const checklist = await mount<SignalChecklist>('nl', 'weerbaar-signal-checklist', { json: sampleChecklist.nl });
    checkbox(checklist, 'threats-home-visit').focus();
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'Tab' });
    const focused = checklist.shadowRoot!.activeElement!;
    expect(focused.id).to.equal('signal-threats-online');
    expect(getComputedStyle(focused).outlineStyle, 'visible focus').to.equal('solid');
    await sendKeys({ press: ' ' });
    await checklist.updateComplete;
    expect(checklist.checkedSignals).to.deep.equal(['threats-home-visit', 'threats-online']);
    expect(adviceText(checklist)).to.equal(sampleChecklist.nl.overallAdvice[2]!.text);
  });
});

describe('<weerbaar-signal-checklist> privacy', () => {
  it('takes signals into a report only with consent, and then only their ids', async () => {
    const checklist = await mount<SignalChecklist>('nl', 'weerbaar-signal-checklist', { json: sampleChecklist.nl });
    await check(checklist, 'bribery-gift-offered');
    const details: unknown[] = [];
    checklist.addEventListener('weerbaar-report-request', (event) => {
      details.push(event.detail);
      event.preventDefault();
    });
    const reportButton = () => shadowAll<HTMLButtonElement>(checklist, '.make-report button')[0]!;
    reportButton().click();
    shadow<HTMLInputElement>(checklist, '#include-signals')!.click();
    await checklist.updateComplete;
    reportButton().click();
    expect(details).to.deep.equal([{ signals: [] }, { signals: ['bribery-gift-offered'] }]);
  });

  it('never contributes its answers to a surrounding form, and a form reset clears them', async () => {
    const form = await fixture<HTMLFormElement>(html`<form lang="nl"><weerbaar-signal-checklist name="check"></weerbaar-signal-checklist></form>`);
    const checklist = form.querySelector<SignalChecklist>('weerbaar-signal-checklist')!;
    checklist.content = sampleChecklist.nl;
    await checklist.updateComplete;
    await check(checklist, 'threats-online');
    expect([...new FormData(form).keys()]).to.deep.equal([]);
    form.reset();
    await checklist.updateComplete;
    expect(checklist.checkedSignals).to.deep.equal([]);
    expect(checkbox(checklist, 'threats-online').checked).to.be.false;
  });

  it('stores nothing on the device', async () => {
    localStorage.clear();
    sessionStorage.clear();
    const checklist = await mount<SignalChecklist>('nl', 'weerbaar-signal-checklist', { json: sampleChecklist.nl });
    await check(checklist, 'threats-online');
    expect([localStorage.length, sessionStorage.length, document.cookie]).to.deep.equal([0, 0, '']);
  });

  it('summarises the checked signals and the advice as text to copy or print', async () => {
    const checklist = await mount<SignalChecklist>('en', 'weerbaar-signal-checklist', { json: sampleChecklist.en });
    await check(checklist, 'bribery-gift-offered');
    const summary = checklist.summaryText();
    expect(summary).to.contain('Bribery:\n- Someone offered me money, a gift or a favour');
    expect(summary).to.contain(`Advice: ${sampleChecklist.en.overallAdvice[1]!.text}`);
  });

  it('clears every answer on request', async () => {
    const checklist = await mount<SignalChecklist>('nl', 'weerbaar-signal-checklist', { json: sampleChecklist.nl });
    await check(checklist, 'threats-online');
    shadowAll<HTMLButtonElement>(checklist, '.actions button').at(-1)!.click();
    await checklist.updateComplete;
    expect(checklist.checkedSignals).to.deep.equal([]);
    expect(adviceText(checklist)).to.equal('Vink de signalen aan die u herkent. Het advies past zich aan.');
  });
});

describe('<weerbaar-signal-checklist> without content', () => {
  for (const lang of languages) {
    it(`says so, with the emergency number, when the backend cannot be reached (${lang})`, async () => {
      const checklist = await mount<SignalChecklist>(lang, 'weerbaar-signal-checklist', { attributes: { api: 'http://127.0.0.1:9/v1' } });
      expect(shadow(checklist, '[role="status"]')!.textContent).to.equal(lang === 'nl' ? 'De zelftest wordt geladen…' : 'Loading the self-check…');
      await expectAccessible(checklist);
      await waitUntil(() => shadow(checklist, '[role="alert"]'), 'no error shown', { timeout: 15_000 });
      expect(shadow(checklist, '[role="alert"]')!.textContent).to.contain('112');
      await expectAccessible(checklist);
    });
  }
});

describe('<weerbaar-signal-checklist> advice that points to dilemmas', () => {
  const dilemmasLink = (checklist: SignalChecklist) => shadowAll<HTMLAnchorElement>(checklist, '[part="next-steps"] a').find((link) => /dilemma/i.test(link.textContent!));

  it('shows no link to dilemmas when the page does not say where its dilemma cards are', async () => {
    const checklist = await mount<SignalChecklist>('nl', 'weerbaar-signal-checklist', { json: sampleChecklist.nl });
    await check(checklist, 'bribery-gift-offered');
    expect(dilemmasLink(checklist)).to.be.undefined;
  });

  for (const lang of languages) {
    it(`links to the dilemma cards on the themes of the checked signals only, accessibly (${lang})`, async () => {
      const checklist = await mount<SignalChecklist>(lang, 'weerbaar-signal-checklist', { json: sampleChecklist[lang], attributes: { 'dilemmas-href': 'https://gemeente.example/integriteit#dilemmas' } });
      await check(checklist, 'threats-online'); // a signal without a dilemma theme
      expect(dilemmasLink(checklist)).to.be.undefined;
      await check(checklist, 'bribery-gift-offered');
      const link = dilemmasLink(checklist)!;
      expect(link.textContent).to.equal(lang === 'nl' ? "Lees dilemma's hierover" : 'Read dilemmas on this');
      expect(link.href).to.equal('https://gemeente.example/integriteit#dilemmas=gifts-and-hospitality');
      await check(checklist, 'threats-home-visit');
      expect(dilemmasLink(checklist)!.href, 'the themes in the checklist order, no signal ids').to.equal('https://gemeente.example/integriteit#dilemmas=threats,gifts-and-hospitality');
      await expectAccessible(checklist);
      await check(checklist, 'threats-home-visit');
      await check(checklist, 'bribery-gift-offered');
      expect(dilemmasLink(checklist)).to.be.undefined;
    });
  }

  it('resolves a dilemmas-href relative to the page, and never renders a hostile one as a link', async () => {
    const relative = await mount<SignalChecklist>('nl', 'weerbaar-signal-checklist', { json: sampleChecklist.nl, attributes: { 'dilemmas-href': '#elders' } });
    await check(relative, 'bribery-gift-offered');
    expect(dilemmasLink(relative)!.href).to.equal(`${location.href.split('#')[0]}#dilemmas=gifts-and-hospitality`);
    for (const hostile of ['javascript:alert(1)', 'data:text/html,<p>x</p>', 'ftp://gemeente.example/']) {
      const checklist = await mount<SignalChecklist>('nl', 'weerbaar-signal-checklist', { json: sampleChecklist.nl, attributes: { 'dilemmas-href': hostile } });
      await check(checklist, 'bribery-gift-offered');
      expect(dilemmasLink(checklist), hostile).to.be.undefined;
      expect(checklist.shadowRoot!.innerHTML).not.to.contain(hostile.split(':')[0] + ':');
    }
  });
});
