// The case view as an integrity coordinator uses it, in real browsers against the real reference
// server (encryption on): a sealed report opened on the device with the key file, every answer
// labelled, the acknowledgement from the organisation's template that the reporter then reads, an
// internal note the reporter never sees, the status; hostile texts stay text; axe in every state.
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { createClient } from '@weerbaar/sdk';
import { createHandlerClient, type WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl, handlerToken, privateKeyJwk } from '/__weerbaar/test-env.js';
import { deepElements, describeWhere, expectAccessible, mount, shadow, shadowAll, shadowText } from '../../test/browser-helpers.js';
import type { CaseView } from './case-view.js';
import { createCaseKeyring } from './keyring.js';
import './define.js';

const api = apiUrl as string;
const handler = createHandlerClient({ baseUrl: api, token: handlerToken as string });
const reporter = createClient({ baseUrl: api });
const HOSTILE = '<img src=x onerror="window.__owned=1"><script>window.__owned=1</script>';

/** A report as the reporter sends it (sealed by the SDK, since the server advertises encryption); its receipt and case id. */
async function report(marker: string, text = ''): Promise<{ receipt: string; caseId: string }> {
  const receipt = await reporter.submitReport({
    role: 'council-member',
    category: 'threat-intimidation',
    locale: 'nl',
    content: {
      description: `Bedreigd na de vergadering. ${marker} ${text}`,
      occurredOn: '2026-11-20',
      location: `Stadhuis ${text}`,
      involvedParties: `Twee mannen in een auto ${text}`,
      answers: { whoWasThreatened: ['family'], reportedToPolice: 'planned' },
    },
  });
  const { items } = await handler.listCases({ pageSize: 100, sort: '-receivedAt' });
  const { openReportContent } = await import('@weerbaar/sdk/crypto');
  for (const summary of items) {
    const found = await handler.getCase(summary.caseId);
    const content = found.encryptedContent ? await openReportContent(privateKeyJwk as JsonWebKey, found.encryptedContent) : found.content;
    if (content?.description.includes(marker)) return { receipt: receipt.receipt, caseId: summary.caseId };
  }
  throw new Error(`no case with ${marker}`);
}

async function openView(caseId: string, lang: 'nl' | 'en' = 'nl', client: WeerbaarHandlerClient = handler, keyring = createCaseKeyring()): Promise<CaseView> {
  const view = await mount<CaseView>(lang, 'weerbaar-case-view', { properties: { client, caseId, keyring } });
  await waitUntil(() => !shadow(view, '[role="status"]')?.textContent?.includes(lang === 'nl' ? 'geladen' : 'Loading'), 'the case did not load', { timeout: 10_000 });
  await view.updateComplete;
  return view;
}

/** Chooses the key file in the view's file input, as a person does, and opens the report. */
async function importKey(view: CaseView, text = JSON.stringify(privateKeyJwk)): Promise<void> {
  const input = shadow<HTMLInputElement>(view, '#key-file')!;
  const files = new DataTransfer();
  files.items.add(new File([text], 'organisatiesleutel.json', { type: 'application/json' }));
  input.files = files.files;
  shadow<HTMLButtonElement>(view, '[part="key-button"]')!.click();
}

const answers = (view: CaseView) =>
  shadowAll(view, '.answers .row').map((row) => [row.querySelector('dt')!.textContent!.trim(), row.querySelector('dd')!.textContent!.trim()]);

async function untilText(view: CaseView, text: string, message = `no "${text}"`): Promise<void> {
  await waitUntil(() => shadowText(view).includes(text), message, { timeout: 10_000 });
  await view.updateComplete;
}

describe('<weerbaar-case-view>', () => {
  it('opens a sealed report with the key file, on the device, and labels every answer', async () => {
    const marker = `sealed-${crypto.randomUUID()}`;
    const { caseId } = await report(marker);
    const keyring = createCaseKeyring();
    const view = await openView(caseId, 'nl', handler, keyring);

    expect(shadow(view, '#case-heading')!.textContent).to.match(/^Melding [A-Z0-9-]+$/);
    expect(view.shadowRoot!.activeElement?.id, 'focus on the heading after loading').to.equal('case-heading');
    expect(shadowText(view)).to.include('Versleuteld: open de melding met de sleutel.');
    expect(shadowText(view)).not.to.include(marker);
    await expectAccessible(view);

    await importKey(view, '{"kty":"oct","k":"AAAA"}');
    await untilText(view, 'Dit bestand is geen sleutel');
    expect(shadow(view, '#key-file')!.getAttribute('aria-invalid')).to.equal('true');
    expect(keyring.privateKey).to.equal(undefined);
    await expectAccessible(view);

    await importKey(view);
    await untilText(view, marker);
    expect(keyring.privateKey, 'kept for the session').to.exist;
    expect(shadow(view, '#key-file'), 'the key form goes once the case is open').to.equal(null);
    expect(answers(view)).to.deep.include.members([
      ['Wat is er gebeurd', `Bedreigd na de vergadering. ${marker}`],
      ['Wanneer', '20 november 2026'],
      ['Waar', 'Stadhuis'],
      ['Wie erbij betrokken zijn', 'Twee mannen in een auto'],
      ['Wie werd bedreigd of benaderd?', 'Mijn partner, kinderen of andere naasten'],
      ['Heeft u al aangifte gedaan bij de politie?', 'Nog niet, maar dat ben ik van plan'],
      ['Contact', 'Anoniem: de melder liet geen contactgegevens achter.'],
    ]);
    expect(shadowText(view)).to.include('Raadslid');
    await expectAccessible(view);

    // A second case opens at once with the session's key.
    const second = await report(`second-${marker}`);
    const next = await openView(second.caseId, 'nl', handler, keyring);
    await untilText(next, `second-${marker}`);

    // Nothing of the report is kept anywhere on the device.
    expect(localStorage.length + sessionStorage.length).to.equal(0);
  });

  it('acknowledges with the template, which the reporter reads; the internal note the reporter never sees', async () => {
    const marker = `ack-${crypto.randomUUID()}`;
    const { caseId, receipt } = await report(marker);
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(caseId, 'nl', handler, keyring);
    const changed: string[] = [];
    view.addEventListener('weerbaar-case-changed', (event) => changed.push(event.detail.caseId));

    const body = shadow<HTMLTextAreaElement>(view, '#compose-body')!;
    await waitUntil(() => body.value.includes('Huis voor Klokkenluiders'), 'the acknowledgement template was not filled in', { timeout: 10_000 });
    expect(shadow<HTMLSelectElement>(view, '#compose-kind')!.value).to.equal('acknowledgement');
    const reference = shadow(view, '#case-heading')!.textContent!.replace('Melding ', '');
    expect(body.value).to.include(reference);
    expect(body.value).to.include('vertrouwenspersoon');
    expect(body.value).not.to.match(/\{(reference|receivedOn|handlerName)\}/);
    await expectAccessible(view);

    // Edited before sending.
    body.value = `${body.value}\n\nMet vriendelijke groet, ${marker}`;
    body.dispatchEvent(new Event('input'));
    shadow<HTMLButtonElement>(view, '[part="send-button"]')!.click();
    await untilText(view, 'Verstuurd.');
    expect(changed).to.deep.equal([caseId]);
    expect(shadowText(view)).to.include('Ontvangst bevestigd op');
    expect(shadowAll<HTMLOptionElement>(view, '#compose-kind option').map((option) => option.value), 'acknowledged once').not.to.include('acknowledgement');

    const noteText = `Alleen intern ${marker}-note`;
    const note = shadow<HTMLTextAreaElement>(view, '#note-body')!;
    note.value = noteText;
    note.dispatchEvent(new Event('input'));
    shadow<HTMLButtonElement>(view, '[part="note-button"]')!.click();
    await untilText(view, 'De notitie is opgeslagen.');
    expect(shadow(view, '[part="notes"]')!.textContent).to.include(noteText);
    expect(shadow(view, '.internal-section')!.textContent).to.include('De melder ziet deze notities nooit.');
    await expectAccessible(view);

    const session = await reporter.openFollowUp(receipt);
    try {
      const seen = await session.getCase();
      expect(seen.status).to.equal('acknowledged');
      expect(seen.messages.some((message) => message.kind === 'acknowledgement' && message.body?.includes(`Met vriendelijke groet, ${marker}`))).to.equal(true);
      expect(JSON.stringify(seen)).not.to.include(`${marker}-note`);
    } finally {
      await session.close();
    }
  });

  it('asks for a text before sending and for an outcome before closing, at the field', async () => {
    const { caseId } = await report(`empty-${crypto.randomUUID()}`);
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(caseId, 'nl', handler, keyring);
    const body = shadow<HTMLTextAreaElement>(view, '#compose-body')!;
    await waitUntil(() => body.value !== '', 'no template', { timeout: 10_000 });
    body.value = '   ';
    body.dispatchEvent(new Event('input'));
    shadow<HTMLButtonElement>(view, '[part="send-button"]')!.click();
    await untilText(view, 'Schrijf een tekst.');
    expect(view.shadowRoot!.activeElement?.id).to.equal('compose-body');
    expect(body.getAttribute('aria-invalid')).to.equal('true');

    const status = shadow<HTMLSelectElement>(view, '#status-choice')!;
    status.value = 'closed';
    status.dispatchEvent(new Event('change'));
    await view.updateComplete;
    shadow<HTMLButtonElement>(view, '[part="status-button"]')!.click();
    await untilText(view, 'Kies een uitkomst');
    expect(view.shadowRoot!.activeElement?.id).to.equal('status-outcome');
    await expectAccessible(view);

    const outcome = shadow<HTMLSelectElement>(view, '#status-outcome')!;
    outcome.value = 'no-action-needed';
    outcome.dispatchEvent(new Event('change'));
    shadow<HTMLButtonElement>(view, '[part="status-button"]')!.click();
    await untilText(view, 'Opgeslagen.');
    expect((await handler.getCase(caseId)).status).to.equal('closed');
    expect(shadowText(view)).to.include('er kunnen geen berichten meer bij');
  });

  it('speaks English completely, and goes back to the list by keyboard', async () => {
    const { caseId } = await report(`english-${crypto.randomUUID()}`);
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(caseId, 'en', handler, keyring);
    // The answers' labels are in the case's language (Dutch here), as the reporter was asked.
    await untilText(view, 'Wie werd bedreigd of benaderd?');
    expect(shadow(view, '#case-heading')!.textContent).to.match(/^Report /);
    for (const text of ['The report', 'What happened', 'Timeline', 'Messages with the reporter', 'Internal notes', 'Acknowledge receipt by']) expect(shadowText(view)).to.include(text);
    await expectAccessible(view);

    let back = 0;
    view.addEventListener('weerbaar-case-back', () => back++);
    shadow<HTMLElement>(view, '[part="back-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(back).to.equal(1);
  });

  it('shows the texts of a hostile reporter as text, never as markup', async () => {
    const { caseId, receipt } = await report(`hostile-${crypto.randomUUID()}`, HOSTILE);
    const session = await reporter.openFollowUp(receipt);
    await session.sendMessage(`Antwoord ${HOSTILE}`);
    await session.close();
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(caseId, 'nl', handler, keyring);
    await untilText(view, `Antwoord ${HOSTILE}`);
    expect(shadowText(view)).to.include(`Stadhuis ${HOSTILE}`);
    expect(deepElements(view).some((element) => element.localName === 'img' || element.localName === 'script')).to.equal(false);
    expect((window as { __owned?: number }).__owned).to.equal(undefined);
    await expectAccessible(view);
  });

  it('shows its error state for a broken answer, and "not found" for a case it may not see', async () => {
    const broken = { ...handler, getCase: async () => ({ caseId: 'c_x', reference: { toString: () => 'x' } }), listNotes: async () => ({ items: [] }) } as unknown as WeerbaarHandlerClient;
    const view = await openView('c_brokenbroken', 'nl', broken);
    expect(shadowText(view)).to.include('De melding kon niet worden geladen.');
    await expectAccessible(view);

    const missing = await openView('c_doesnotexist1', 'nl');
    expect(shadowText(missing)).to.include('bestaat niet of u heeft er geen toegang toe');
    await expectAccessible(missing);
  });
});

describeWhere('setViewport')('<weerbaar-case-view> at 320 px', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  it('reflows without sideways scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const { caseId } = await report(`narrow-${crypto.randomUUID()}`, 'eenheelerglangwoordzonderspatieseenheelerglangwoordzonderspaties');
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(caseId, 'nl', handler, keyring);
    await untilText(view, 'narrow-');
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });
});

describeWhere('emulateMedia')('<weerbaar-case-view> in forced colours', () => {
  after(() => emulateMedia({ forcedColors: 'none' }));

  it('stays accessible', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const { caseId } = await report(`forced-${crypto.randomUUID()}`);
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(caseId, 'nl', handler, keyring);
    await untilText(view, 'forced-');
    await expectAccessible(view);
  });
});
