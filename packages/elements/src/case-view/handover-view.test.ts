// The chain hand-over in the console (issue 16 item 5) against the real reference server: the four
// exits explained, the RIEC refused without a legal basis (the problem at the field, focus on it),
// chosen and recorded by keyboard, the package shown without the reporter's identity and printed on
// its own; axe in each state, Dutch and English.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, shadow, shadowText, waitUntil } from '../../test/browser-helpers.js';
import { handler, openView, privateKeyJwk, report, tabToField, untilText } from '../../test/case-view-helpers.js';
import type { CaseView } from './case-view.js';
import { createCaseKeyring } from './keyring.js';

const focused = (view: CaseView) => view.shadowRoot!.activeElement as HTMLElement | null;
const contact = { name: 'J. de Vries', phone: '+31612345678', preferredChannel: 'phone' as const };

const texts = {
  nl: {
    heading: 'Overdracht in de keten',
    basisMissing: 'Kies de wettelijke grondslag.',
    done: 'De overdracht is vastgelegd.',
    referred: 'dat de melding is doorverwezen',
    status: /Status van de melding nu: [A-Z][a-z]+/,
    noIdentity: 'Niet opgenomen: de melder gaf geen toestemming.',
    affected: 'De melder zelf, Kinderen',
    print: 'Pakket afdrukken',
  },
  en: {
    heading: 'Hand-over in the chain',
    basisMissing: 'Choose the legal basis.',
    done: 'The hand-over has been recorded.',
    referred: 'that the report was referred',
    status: /Status of the report now: [A-Z][a-z]+/,
    noIdentity: 'Not included: the reporter did not consent.',
    affected: 'The reporter, Children',
    print: 'Print package',
  },
};

describe('<weerbaar-case-view> hand-over in the chain', () => {
  let print: typeof window.print;
  let printed = 0;
  before(() => {
    print = window.print;
    // The browser's print window cannot open in a test: count the calls instead.
    window.print = () => void printed++;
  });
  after(() => {
    window.print = print;
    window.dispatchEvent(new Event('afterprint'));
  });

  for (const lang of ['nl', 'en'] as const) {
    const text = texts[lang];
    it(`hands over to the RIEC by keyboard only with a legal basis, shows the package without identity and prints it alone (${lang})`, async function () {
      // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
      this.timeout(90_000);
      const marker = `handover-${lang}-${crypto.randomUUID().replace(/(.)\1/g, '$1x')}`;
      const { caseId } = await report(marker, '', { contact });
      await handler.setAffectedPeople(caseId, ['self', 'children']);
      const keyring = createCaseKeyring();
      keyring.unlock(privateKeyJwk as JsonWebKey);
      const view = await openView(caseId, lang, handler, keyring);
      await untilText(view, text.heading);
      // Closed at first: the weighing is a decision the handler opens, not a wall of fields.
      const disclosure = shadow<HTMLButtonElement>(view, '[part="handover-open-button"]')!;
      expect(disclosure.getAttribute('aria-expanded')).to.equal('false');
      expect(shadow(view, '#handover-form')).to.equal(null);
      await expectAccessible(view);
      disclosure.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => shadow(view, '#handover-form'), 'the form did not open');
      expect(disclosure.getAttribute('aria-expanded')).to.equal('true');
      expect(focused(view), 'focus stays on the disclosure').to.equal(disclosure);
      for (const exit of ['no-action', 'department', 'riec', 'analysis']) expect(shadow(view, `#handover-exit-${exit}-hint`)?.textContent?.trim()).not.to.equal('');
      await expectAccessible(view);

      // The RIEC by keyboard: from the default exit one up, a summary, and no legal basis yet.
      shadow<HTMLInputElement>(view, '#handover-exit-analysis')!.focus();
      await sendKeys({ press: 'ArrowUp' });
      await waitUntil(() => shadow<HTMLInputElement>(view, '#handover-exit-riec')!.checked, 'the RIEC is not chosen');
      await untilText(view, lang === 'nl' ? 'Wettelijke grondslag' : 'Legal basis');
      await tabToField(view, 'handover-summary');
      // One word: WebKit's driver drops spaces typed into a textarea now and then.
      await sendKeys({ type: 'Marktsignalen' });
      await tabToField(view, 'handover-basis');
      await tabToField(view, 'handover-consent');
      await tabToField(view, 'handover-button');
      await sendKeys({ press: 'Enter' });
      await untilText(view, text.basisMissing);
      expect(focused(view)?.id).to.equal('handover-basis');
      expect(shadow(view, '#handover-basis')!.getAttribute('aria-invalid')).to.equal('true');
      expect((await handler.listHandOvers(caseId)).items, 'nothing recorded').to.deep.equal([]);
      await expectAccessible(view);

      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => shadow<HTMLSelectElement>(view, '#handover-basis')!.value !== '', 'no legal basis chosen');
      await tabToField(view, 'handover-button');
      await sendKeys({ press: 'Enter' });
      await untilText(view, text.done);
      await waitUntil(() => focused(view)?.id === 'handover-package', 'focus on the package');
      const made = (await handler.listHandOvers(caseId)).items;
      expect(made.map((item) => [item.exit, item.reporterConsent])).to.deep.equal([['riec', false]]);
      const done = shadow(view, '#handover-done')!.textContent!;
      expect(done).to.include(text.referred);
      expect(done).to.match(text.status);
      expect(shadow(view, '#handover-form'), 'the decision is made: the form closes').to.equal(null);
      const packageText = shadow(view, '.handover-package')!.textContent!.replace(/\s+/g, ' ');
      expect(packageText).to.include(text.noIdentity);
      expect(packageText, 'the people affected in words').to.include(text.affected);
      expect(packageText).to.include('Marktsignalen');
      for (const identity of [contact.name, contact.phone, marker]) expect(packageText).not.to.include(identity);
      await expectAccessible(view);

      // Printed alone: everything beside the package is left out of print, and put back after.
      const before = printed;
      shadow<HTMLButtonElement>(view, '[part="handover-print-button"]')!.click();
      expect(printed).to.equal(before + 1);
      const pkg = shadow(view, '.handover-package')!;
      expect(pkg.hasAttribute('data-weerbaar-print-hidden')).to.equal(false);
      expect(shadow(view, '[part="handover-open-button"]')!.parentElement!.hasAttribute('data-weerbaar-print-hidden')).to.equal(true);
      expect(shadowText(view)).to.include(text.print);
      window.dispatchEvent(new Event('afterprint'));
      expect(shadow(view, '[data-weerbaar-print-hidden]')).to.equal(null);
    });
  }
});
