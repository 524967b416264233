// Recording an oral report (a meeting or a phone call) in the case view, in real browsers against
// the real reference server (encryption on): the form by keyboard, its problems at the field, the
// case it makes opened in the same view with the code for the reporter, the first minutes waiting
// for the reporter, who reads them with that code. axe in every state, nl and en.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, mount, shadow, shadowText, waitUntil } from '../../test/browser-helpers.js';
import { handler, privateKeyJwk, reporter, tabToField, untilText } from '../../test/case-view-helpers.js';
import type { CaseView } from './case-view.js';
import { createCaseKeyring } from './keyring.js';
import './define.js';

const focused = (view: CaseView) => view.shadowRoot!.activeElement as HTMLElement | null;


for (const lang of ['nl', 'en'] as const) {
  const text = {
    nl: { heading: 'Mondelinge melding vastleggen', missing: 'Kies de positie van de melder.', receipt: 'De code voor de melder', waiting: 'wacht op de melder' },
    en: { heading: 'Record an oral report', missing: "Choose the reporter's position.", receipt: 'The code for the reporter', waiting: 'waiting for the reporter' },
  }[lang];

  describe(`<weerbaar-case-view intake> (${lang})`, () => {
    it('records an oral report by keyboard; the case opens with the code, and the reporter reads the draft minutes with it', async function () {
      // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
      this.timeout(90_000);
      const marker = `intake-${lang}-${crypto.randomUUID().replace(/(.)\1/g, '$1x')}`;
      const keyring = createCaseKeyring();
      keyring.unlock(privateKeyJwk as JsonWebKey);
      const view = await mount<CaseView>(lang, 'weerbaar-case-view', { properties: { client: handler, keyring, intake: true } });
      await waitUntil(() => shadow(view, '#intake-role option:nth-child(2)'), 'the form did not show', { timeout: 20_000 });
      expect(shadow(view, '#case-heading')!.textContent).to.equal(text.heading);
      await expectAccessible(view);

      // Recording without a position: the problem at the field, focus on it.
      view.focusHeading();
      await tabToField(view, 'intake-description');
      await sendKeys({ type: `De wethouder wordt onder druk gezet. ${marker}` });
      await tabToField(view, 'intake-minutes');
      await sendKeys({ type: `Gesprek op het stadhuis. De melder vertelt over de druk. ${marker}` });
      await tabToField(view, 'intake-button');
      await sendKeys({ press: 'Enter' });
      await untilText(view, text.missing);
      expect(focused(view)?.id).to.equal('intake-role');
      expect(shadow(view, '#intake-role')!.getAttribute('aria-invalid')).to.equal('true');
      await expectAccessible(view);

      // Choosing by keyboard: the first real option of position and subject.
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => shadow<HTMLSelectElement>(view, '#intake-role')!.value !== '', 'no position chosen');
      await tabToField(view, 'intake-category');
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => shadow<HTMLSelectElement>(view, '#intake-category')!.value !== '', 'no subject chosen');
      const role = shadow<HTMLSelectElement>(view, '#intake-role')!.selectedOptions[0]!.textContent!.trim();
      await tabToField(view, 'intake-button');
      await sendKeys({ press: 'Enter' });

      // The case it made opens here, with the code once and the minutes waiting for the reporter.
      await waitUntil(() => shadow(view, '[part="intake-receipt"]'), 'the case did not open', { timeout: 30_000 });
      await untilText(view, marker);
      await waitUntil(() => focused(view)?.id === 'case-heading', 'focus on the case');
      expect(shadowText(view)).to.include(text.receipt).and.to.include(text.waiting);
      const code = shadow(view, '[part="intake-receipt"] strong')!.textContent!.trim();
      expect(code).to.match(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3,14}$/);
      expect(shadow(view, '[part="summary"]')!.textContent).to.include(role);
      await expectAccessible(view);

      const session = await reporter.openFollowUp(code);
      try {
        const minutes = await session.getMinutes();
        expect(minutes.version).to.equal(1);
        expect(minutes.body).to.include(marker);
      } finally {
        await session.close();
      }
    });
  });
}
