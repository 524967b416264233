// The console's dilemmas page in real Chromium against the real reference server (encryption on):
// a dilemma is shared sealed through the SDK, a handler in the editors' group enrols a real passkey
// (Chromium's virtual authenticator), opens the dilemma with the organisation's key, makes a card
// by keyboard, is refused while the card holds the shared text (the console checks: the server
// cannot read it), rewrites it and publishes it; the public list is read through the SDK.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { createDilemmaClient } from '@weerbaar/sdk/dilemmas';
import { createHandlerClient } from '@weerbaar/sdk/handler';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl, handlerToken, privateKeyJwk } from '/__weerbaar/test-env.js';
import { describeWhere, expectAccessible, mount, shadow, shadowText, waitUntil } from '../../test/browser-helpers.js';
import './define.js';
import type { CaseInbox } from './case-inbox.js';

const api = apiUrl as string;
const handler = createHandlerClient({ baseUrl: api, token: handlerToken as string });
const dilemmas = createDilemmaClient({ baseUrl: api, locale: 'nl' });
// The public list is cacheable: the test reads it past the browser's cache, as a new visitor would.
const cards = createDilemmaClient({ baseUrl: api, locale: 'nl', fetch: (input, init) => fetch(input, { ...init, cache: 'no-store' }) });

/** A marker with no letter twice in a row (WebKit's driver sometimes doubles one it types). */
function marker(): string {
  return [...Math.random().toString(36).slice(2, 12)].filter((char, index, all) => char !== all[index - 1]).join('');
}

async function until(inbox: CaseInbox, pattern: RegExp | string, message: string): Promise<void> {
  const found = () => (typeof pattern === 'string' ? shadowText(inbox).includes(pattern) : pattern.test(shadowText(inbox)));
  try {
    await waitUntil(found, message, { timeout: 15_000 });
  } catch (error) {
    throw new Error(`${(error as Error).message}; the console shows: ${shadowText(inbox).slice(0, 800)}`);
  }
}

async function press(inbox: CaseInbox, selector: string): Promise<void> {
  const target = shadow(inbox, selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.focus();
  await sendKeys({ press: 'Enter' });
}

/** Types into a field of the editor, replacing what it holds. */
async function type(inbox: CaseInbox, selector: string, text: string): Promise<void> {
  const field = shadow<HTMLInputElement | HTMLTextAreaElement>(inbox, selector)!;
  field.focus();
  field.select();
  await sendKeys({ type: text });
}

/** A handler in the editors' group, invited with the server's CLI, who enrols a passkey from the invitation address. */
async function signedInEditor(lang: string, name: string): Promise<CaseInbox> {
  const { code } = await executeServerCommand<{ code: string }, { name: string; roles: string[]; groups: string[] }>('weerbaar-invite', { name, roles: ['handler'], groups: ['integrity-officers'] });
  history.replaceState(null, '', `${location.pathname}${location.search}#uitnodiging=${code}`);
  const inbox = await mount<CaseInbox>(lang, 'weerbaar-case-inbox', { attributes: { api } });
  await waitUntil(() => shadow(inbox, '[part="enrol-button"]'), 'the enrolment screen shows', { timeout: 15_000 });
  await press(inbox, '[part="enrol-button"]');
  await waitUntil(() => shadow(inbox, '[part="nav-dilemmas"]'), 'the navigation offers the dilemmas', { timeout: 15_000 });
  return inbox;
}

const focused = (inbox: CaseInbox) => inbox.shadowRoot!.activeElement;

async function publicCardIds(): Promise<string[]> {
  return (await cards.getDilemmaCards({ lang: 'nl' })).items.map((card) => card.cardId);
}

describeWhere('virtualAuthenticator')('<weerbaar-case-inbox> dilemmas page', function (this: { timeout(ms: number): void }) {
  this.timeout(80_000);
  beforeEach(async () => {
    await executeServerCommand('weerbaar-virtual-authenticator', { action: 'add' });
  });
  afterEach(async () => {
    await executeServerCommand('weerbaar-virtual-authenticator', { action: 'remove' });
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  });

  it('opens a sealed dilemma, refuses to publish a card holding its text, publishes the rewritten card and withdraws it, by keyboard', async () => {
    const shared = `A developer gave me two tickets to a match ${marker()}.`;
    const acknowledged = await dilemmas.submitDilemma({ role: 'council-member', theme: 'gifts-and-hospitality', content: { situation: shared } });
    const submission = (await handler.listDilemmas()).items.find((item) => item.receivedAt === acknowledged.receivedAt && item.encryptedContent);
    if (!submission) throw new Error('the shared dilemma is not in the editors’ list, sealed');
    const id = submission.submissionId;

    const inbox = await signedInEditor('nl', 'Ilse Redactie');

    await press(inbox, '[part="nav-dilemmas"]');
    await until(inbox, "Gedeelde dilemma's", 'the dilemmas page');
    expect(focused(inbox)?.getAttribute('part'), 'focus on the page heading').to.equal('heading');
    expect(shadow(inbox, '[part="nav-dilemmas"]')!.getAttribute('aria-current')).to.equal('page');
    const item = shadow(inbox, `#dl-${id}`)!;
    expect(item.textContent).to.contain('Rol: Raadslid. Onderwerp: Geschenken en uitnodigingen.');
    expect(item.textContent).to.match(/Wordt verwijderd op \d+ \w+ \d{4}\. Kaarten gemaakt van dit dilemma: 0\./);
    expect(item.textContent).to.contain('Versleuteld');
    await expectAccessible(inbox);

    // Sealed, and the session holds no key yet: the key form, as for a sealed report.
    await press(inbox, `#dl-open-${id}`);
    await waitUntil(() => focused(inbox)?.id === 'dl-key-intro', 'focus on the key form');
    await press(inbox, '[part="dilemma-key-button"]');
    await until(inbox, 'Kies het sleutelbestand.', 'a key is needed');
    expect(shadow(inbox, '#dl-key-file')!.getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(inbox);
    const files = new DataTransfer();
    files.items.add(new File([JSON.stringify(privateKeyJwk)], 'organisatiesleutel.json', { type: 'application/json' }));
    shadow<HTMLInputElement>(inbox, '#dl-key-file')!.files = files.files;
    await press(inbox, '[part="dilemma-key-button"]');
    await until(inbox, shared, 'the shared text, opened');
    expect(focused(inbox)?.id).to.equal(`dl-received-${id}`);
    await expectAccessible(inbox);

    // The editor starts empty, with the shared dilemma above it.
    await press(inbox, `#dl-${id} [part="make-card-button"]`);
    await until(inbox, 'Kaart maken', 'the editor');
    expect(shadow(inbox, '[part="dilemma-shared"]')!.textContent).to.contain(shared);
    for (const field of ['#dl-title', '#dl-situation', '#dl-question-0', '#dl-decision']) expect(shadow<HTMLInputElement>(inbox, field)!.value, field).to.equal('');
    expect(shadow<HTMLInputElement>(inbox, '#dl-role-council-member')!.checked, 'the role is taken over').to.be.true;
    expect(shadow<HTMLSelectElement>(inbox, '#dl-theme')!.value).to.equal('gifts-and-hospitality');
    await press(inbox, '[part="save-card-button"]');
    await waitUntil(() => focused(inbox)?.id === 'dl-error-summary', 'focus on the error summary');
    expect(shadow(inbox, '[part="dilemma-error-summary"]')!.textContent).to.contain('Vul een titel in.');
    await expectAccessible(inbox);

    // Questions are added and removed with the keyboard; focus follows.
    await type(inbox, '#dl-title', 'Tickets na het debat');
    await type(inbox, '#dl-situation', `Context: ${shared.toUpperCase()}`);
    await type(inbox, '#dl-question-0', 'Wat doet u?');
    await press(inbox, '[part="add-question-button"]');
    await waitUntil(() => focused(inbox) === shadow(inbox, '#dl-question-1'), 'focus on the new question');
    await sendKeys({ type: 'En als hij belt?' });
    await press(inbox, '[part="remove-question-button"][data-question="1"]');
    await waitUntil(() => !shadow(inbox, '#dl-question-1'), 'one question left');
    await press(inbox, '[part="save-card-button"]');
    await until(inbox, 'Het concept is opgeslagen.', 'the draft is saved');
    const draft = (await handler.listDilemmaDrafts()).items.find((card) => card.submissionId === id)!;
    expect(draft.text.questions).to.deep.equal(['Wat doet u?']);
    expect(shadow(inbox, `#dl-card-${draft.cardId}`)!.textContent).to.contain('Status: concept.');

    // The card still holds the shared text: the console refuses before the server is asked.
    await press(inbox, `#dl-card-${draft.cardId} [part="publish-button"]`);
    await waitUntil(() => focused(inbox)?.id === 'dl-error-summary', 'focus on the error summary');
    expect(shadow(inbox, '[part="dilemma-error-summary"]')!.textContent).to.contain('Deze kaart bevat nog de tekst van het gedeelde dilemma. Herschrijf de kaart voordat u haar publiceert.');
    expect(shadow(inbox, '#dl-situation')!.getAttribute('aria-invalid')).to.equal('true');
    expect(await publicCardIds()).not.to.include(draft.cardId);
    await expectAccessible(inbox);
    await press(inbox, '[part="dilemma-error-summary"] a');
    await waitUntil(() => focused(inbox) === shadow(inbox, '#dl-situation'), 'the link leads to the field that holds it');

    await type(inbox, '#dl-situation', 'Iemand met belang bij uw besluit wil u tickets geven.');
    await press(inbox, '[part="save-card-button"]');
    await until(inbox, 'Het concept is opgeslagen.', 'the rewritten draft is saved');
    await press(inbox, `#dl-card-${draft.cardId} [part="publish-button"]`);
    await until(inbox, 'De kaart is gepubliceerd.', 'published');
    expect(shadow(inbox, `#dl-card-${draft.cardId}`)!.textContent).to.contain('Status: gepubliceerd.');
    expect(shadow(inbox, `#dl-${id}`)!.textContent).to.contain('Kaarten gemaakt van dit dilemma: 1.');
    const published = (await cards.getDilemmaCards({ lang: 'nl' })).items.find((card) => card.cardId === draft.cardId);
    expect(published?.text.situation).to.equal('Iemand met belang bij uw besluit wil u tickets geven.');
    await expectAccessible(inbox);

    await press(inbox, `#dl-card-${draft.cardId} [part="unpublish-button"]`);
    await until(inbox, 'De kaart is teruggetrokken.', 'withdrawn');
    expect(shadow(inbox, `#dl-card-${draft.cardId}`)!.textContent).to.contain('Status: teruggetrokken.');
    expect(await publicCardIds()).not.to.include(draft.cardId);
  });

  it('asks to open a sealed dilemma before publishing a card made from it (en)', async () => {
    const shared = `Someone at the permit desk was asked to hurry a file ${marker()}.`;
    const acknowledged = await dilemmas.submitDilemma({ role: 'civil-servant', theme: 'permit-pressure', content: { situation: shared, whatIDid: 'I said no.' } });
    const id = (await handler.listDilemmas()).items.find((item) => item.receivedAt === acknowledged.receivedAt && item.encryptedContent)!.submissionId;
    const card = await handler.createDilemmaDraft({ language: 'en', roles: ['civil-servant'], theme: 'permit-pressure', title: 'A hurried permit', situation: shared, questions: ['What do you do?'] }, id);

    const inbox = await signedInEditor('en', 'Editor Two');
    await press(inbox, '[part="nav-dilemmas"]');
    await until(inbox, 'Shared dilemmas', 'the dilemmas page');

    await press(inbox, `#dl-card-${card.cardId} [part="publish-button"]`);
    await until(inbox, 'Open the shared dilemma first.', 'asked to open it');
    expect(focused(inbox)?.id).to.equal(`dl-open-${id}`);
    expect(await publicCardIds()).not.to.include(card.cardId);
    await expectAccessible(inbox);
  });
});
