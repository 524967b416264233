// Every state of the console's dilemmas page (its stories, from sample data, no backend) in each
// engine: axe finds nothing, both languages; the editor's questions are added and removed by keyboard
// (where focus goes is the console's part, tested with the real console in dilemmas-page.test.ts).
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { expectAccessible, languages, waitUntil } from '../../test/browser-helpers.js';
import { inboxStoryFrame, type InboxStoryFrame, type InboxStoryView } from '../../test/inbox-story-frame.js';
import * as stories from './dilemmas-page.stories.js';

const states = ['Lists', 'KeyFile', 'NewCard', 'PublishRefused', 'OpenFirst', 'NotAnEditor'] as const;

async function show(lang: string, view: InboxStoryView): Promise<InboxStoryFrame> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>${inboxStoryFrame(view)}</div>`);
  const frame = wrapper.querySelector<InboxStoryFrame>('weerbaar-inbox-story-frame')!;
  await frame.updateComplete;
  return frame;
}

describe('<weerbaar-case-inbox> dilemmas page states', () => {
  for (const lang of languages) {
    for (const state of states) {
      it(`shows ${state} with no accessibility violations (${lang})`, async () => {
        const frame = await show(lang, stories[state].args!.view!);
        expect(frame.shadowRoot!.textContent!.trim().length).to.be.greaterThan(20);
        await expectAccessible(frame);
      });
    }
  }

  it('adds and removes questions by keyboard, at most six', async () => {
    const frame = await show('nl', stories.NewCard.args!.view!);
    const root = frame.shadowRoot!;
    for (let count = 1; count < 6; count++) {
      root.querySelector<HTMLButtonElement>('[part="add-question-button"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root.querySelector(`#dl-question-${count}`), `question ${count + 1}`);
    }
    expect(root.querySelector('[part="add-question-button"]'), 'no seventh question').to.be.null;
    root.querySelector<HTMLButtonElement>('[part="remove-question-button"][data-question="5"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !root.querySelector('#dl-question-5'), 'the sixth question removed');
    expect(root.querySelectorAll('[part="remove-question-button"]').length).to.equal(5);
    await expectAccessible(frame);
  });
});
