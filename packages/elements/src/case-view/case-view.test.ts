// The case view as an integrity coordinator uses it, in real browsers against the real reference
// server (encryption on): a sealed report opened on the device with the key file, every answer
// labelled, the acknowledgement from the organisation's template that the reporter then reads, an
// internal note the reporter never sees, the status; hostile texts stay text; axe in every state.
import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import type { WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
import { deepElements, describeWhere, expectAccessible, shadow, shadowAll, shadowText, waitUntil } from '../../test/browser-helpers.js';
import { answers, click, handler, HOSTILE, importKey, openView, privateKeyJwk, report, reporter, setValue, untilText } from '../../test/case-view-helpers.js';
import { sampleCase, sampleHandlerClient } from '../../test/sample-case.js';
import { createCaseKeyring } from './keyring.js';

describe('<weerbaar-case-view>', () => {
  it('opens a sealed report with the key file, on the device, and labels every answer', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
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

    // By keyboard the key button has focus when it is pressed: the form goes, focus goes to the report, never the page.
    shadow<HTMLButtonElement>(view, '[part="key-button"]')!.focus();
    await importKey(view);
    await untilText(view, marker);
    expect(keyring.privateKey, 'kept for the session').to.exist;
    expect(shadow(view, '#key-file'), 'the key form goes once the case is open').to.equal(null);
    expect(view.shadowRoot!.activeElement?.id, 'focus on the opened report').to.equal('report-heading');
    expect(answers(view)).to.deep.include.members([
      ['Wat is er gebeurd', `Bedreigd na de vergadering. ${marker}`],
      ['Wanneer', '20 november 2026'],
      ['Waar', 'Stadhuis'],
      ['Wie erbij betrokken zijn', 'Twee mannen in een auto'],
      ['Wie werd bedreigd of benaderd?', 'Andere familie of naasten'],
      ['Heeft u al aangifte gedaan bij de politie?', 'Nog niet, maar dat ben ik van plan'],
      ['Contact', 'Anoniem: de melder liet geen contactgegevens achter.'],
    ]);
    expect(shadowText(view)).to.include('Raadslid');
    await expectAccessible(view);

    // A second case opens at once with the session's key.
    const second = await report(`second-${marker}`);
    const next = await openView(second.caseId, 'nl', handler, keyring);
    // The session's key opens it: no key form in the meantime for a Tab to land in and lose.
    expect(shadow(next, '#key-file'), 'no key form while the kept key opens the case').to.equal(null);
    await untilText(next, `second-${marker}`);

    // Nothing of the report is kept anywhere on the device.
    expect(localStorage.length + sessionStorage.length).to.equal(0);
  });

  it('acknowledges with the template, which the reporter reads; the internal note the reporter never sees', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
    const marker = `ack-${crypto.randomUUID()}`;
    const { caseId, receipt } = await report(marker);
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(caseId, 'nl', handler, keyring);
    const changed: string[] = [];
    view.addEventListener('weerbaar-case-changed', (event) => changed.push(event.detail.caseId));

    const body = shadow<HTMLTextAreaElement>(view, '#compose-body')!;
    await waitUntil(() => body.value.includes('Huis voor Klokkenluiders'), 'the acknowledgement template was not filled in', { timeout: 20_000 });
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

  it('asks for a text before sending and for an outcome before closing, at the field', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
    const { caseId } = await report(`empty-${crypto.randomUUID()}`);
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(caseId, 'nl', handler, keyring);
    const body = shadow<HTMLTextAreaElement>(view, '#compose-body')!;
    await waitUntil(() => body.value !== '', 'no template', { timeout: 20_000 });
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
    // Focus stays where the person is writing while the case closes: the message form goes away under it,
    // and focus goes to its section's heading, never to the page.
    body.focus();
    shadow<HTMLButtonElement>(view, '[part="status-button"]')!.click();
    await untilText(view, 'Opgeslagen.');
    expect((await handler.getCase(caseId)).status).to.equal('closed');
    await untilText(view, 'er kunnen geen berichten meer bij');
    expect(body.isConnected, 'the message form is gone').to.equal(false);
    expect(view.shadowRoot!.activeElement?.id, 'focus on the messages heading').to.equal('messages-heading');
  });

  it('speaks English completely, and goes back to the list by keyboard', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
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
    view.addEventListener('weerbaar-case-view-close', () => back++);
    shadow<HTMLElement>(view, '[part="back-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(back).to.equal(1);
  });

  it('shows the texts of a hostile reporter as text, never as markup', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
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

  it('stays text and keeps working when the backend itself is hostile: script payloads in every string, huge lists', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
    const poison = <T>(value: T): T =>
      (typeof value === 'string'
        ? `${value}${HOSTILE}`
        : Array.isArray(value)
          ? value.map(poison)
          : value && typeof value === 'object'
            ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, poison(inner)]))
            : value) as T;
    const hostile = poison(sampleCase());
    const client = sampleHandlerClient({
      found: hostile,
      notes: [poison({ noteId: 'n_8Zx3Cv5Bn7Mq', author: { kind: 'person', accountId: 'u_7Hq2Lm9Xc4Rt', name: 'Ö. Çelik' }, createdAt: new Date().toISOString(), body: 'Notitie' })],
    });
    const view = await openView('c_3M8qZt2LkW9xYv4N', 'nl', client);
    await untilText(view, `Parkeerplaats van het stadhuis${HOSTILE}`);
    expect(shadowText(view)).to.include(`Notitie${HOSTILE}`);
    expect(shadowText(view)).to.include(`Integriteitscoördinatoren${HOSTILE}`);
    expect(deepElements(view).some((element) => element.localName === 'img' || element.localName === 'script')).to.equal(false);
    expect((window as { __owned?: number }).__owned).to.equal(undefined);
    await expectAccessible(view);

    const many = sampleCase({
      timeline: Array.from({ length: 1000 }, (_, index) => ({ at: new Date(Date.now() - index * 60_000).toISOString(), type: 'message-from-reporter' as const })),
      messages: Array.from({ length: 1000 }, (_, index) => ({ id: `m_${String(index).padStart(10, '0')}`, from: 'reporter' as const, kind: 'message' as const, sentAt: new Date().toISOString(), body: `Bericht ${index}` })),
    });
    const long = await openView('c_3M8qZt2LkW9xYv4N', 'nl', sampleHandlerClient({ found: many }));
    await untilText(long, 'Bericht 999');
    expect(shadowAll(long, '[part="messages"] > li')).to.have.length(1000);
  });

  it('shows its error state for a broken answer, and "not found" for a case it may not see', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
    const broken = { ...handler, getCase: async () => ({ caseId: 'c_x', reference: { toString: () => 'x' } }), listNotes: async () => ({ items: [] }) } as unknown as WeerbaarHandlerClient;
    const view = await openView('c_brokenbroken', 'nl', broken);
    expect(shadowText(view)).to.include('De melding kon niet worden geladen.');
    await expectAccessible(view);

    const missing = await openView('c_doesnotexist1', 'nl');
    expect(shadowText(missing)).to.include('bestaat niet of u heeft er geen toegang toe');
    await expectAccessible(missing);
  });
});

describe('<weerbaar-case-view> minutes of an oral report', () => {
  it("shows every version with the reporter's (sealed) correction, and adds the next version for the reporter", async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
    const marker = `minutes-${crypto.randomUUID()}`;
    const intake = await handler.recordIntake({
      channel: 'phone',
      heldAt: new Date(Date.now() - 3_600_000).toISOString(),
      role: 'civil-servant',
      category: 'threat-intimidation',
      content: { description: `Telefoontje: bedreigd bij het loket. ${marker}` },
      minutes: { body: `Telefoongesprek. De melder is door een man gevolgd. ${marker}` },
    });
    const session = await reporter.openFollowUp(intake.receipt);
    await session.answerMinutes(1, { decision: 'correct', correction: `Het waren twee mannen. ${HOSTILE}` });
    await session.close();

    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(intake.caseId, 'nl', handler, keyring);
    await untilText(view, `Het waren twee mannen. ${HOSTILE}`);
    expect(shadowText(view)).to.include('de melder vraagt om een correctie');
    await expectAccessible(view);

    const body = shadow<HTMLTextAreaElement>(view, '#minutes-body')!;
    expect(body.value, 'starts from the latest version').to.include('door een man gevolgd');
    body.value = `Telefoongesprek. De melder is door twee mannen gevolgd. ${marker}`;
    body.dispatchEvent(new Event('input'));
    await click(view, '[part="minutes-button"]');
    await untilText(view, 'De nieuwe versie staat klaar voor de melder.');
    expect(shadow(view, '[part="minutes"]')!.textContent!.replace(/\s+/g, ' ')).to.include('Versie 2, ').and.to.include('wacht op de melder');

    const again = await reporter.openFollowUp(intake.receipt);
    try {
      const latest = await again.getMinutes();
      expect(latest.version).to.equal(2);
      expect(latest.body).to.include('door twee mannen gevolgd');
    } finally {
      await again.close();
    }
  });
});

describe('<weerbaar-case-view> record and audit trail', () => {
  const contact = { name: 'J. de Vries', phone: '+31612345678', preferredChannel: 'phone' as const };
  let print: typeof window.print;
  let printed = 0;
  beforeEach(() => {
    print = window.print;
    // The browser's print window cannot open in a test: count the calls instead.
    window.print = () => void printed++;
  });
  afterEach(() => {
    window.print = print;
    window.dispatchEvent(new Event('afterprint'));
  });

  it('prints without the identity by default, asks for the basis to include it, and the audit trail shows every export', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
    const marker = `record-${crypto.randomUUID()}`;
    const { caseId } = await report(marker, '', { contact });
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(caseId, 'nl', handler, keyring);
    await untilText(view, marker);
    expect(answers(view)).to.deep.include.members([
      ['Naam', 'J. de Vries'],
      ['Telefoon', '+31612345678'],
    ]);

    const before = printed;
    await click(view, '[part="record-button"]');
    await untilText(view, 'Vastgelegd in de audittrail.');
    // The notice shows once the export is recorded; the print window opens after the record has rendered.
    await waitUntil(() => printed === before + 1, 'the print window did not open', { timeout: 20_000 });
    expect(printed).to.equal(before + 1);
    expect(shadow(view, '[part="record-header"]')!.textContent).to.include('De identiteit van de melder is weggelaten.');
    expect(view.hasAttribute('data-print-identity')).to.equal(false);

    await click(view, '#record-identity');
    await click(view, '[part="record-button"]');
    await untilText(view, 'Kies waarom de identiteit erin mag.');
    expect(view.shadowRoot!.activeElement?.id).to.equal('record-basis-consent');
    await expectAccessible(view);
    await click(view, '#record-basis-consent');
    await click(view, '[part="record-button"]');
    await untilText(view, 'Vul de datum van de toestemming in.');
    expect(view.shadowRoot!.activeElement?.id).to.equal('record-consent-on');
    await setValue(view, '#record-consent-on', '2026-12-01');
    await click(view, '[part="record-button"]');
    await waitUntil(() => shadow(view, '[part="record-header"]')!.textContent!.includes('toestemming (1 december 2026)'), 'no identity basis on the record', { timeout: 20_000 });
    expect(view.hasAttribute('data-print-identity')).to.equal(true);
    await waitUntil(() => printed === before + 2, 'the print window did not open again', { timeout: 20_000 });

    await click(view, '[part="audit-button"]');
    await untilText(view, 'De audittrail klopt');
    expect(view.shadowRoot!.activeElement?.id, 'focus on the verdict').to.equal('audit-verdict');
    const actions = shadowAll<HTMLTableRowElement>(view, '[part="audit"] tbody tr').map((row) => row.cells[3]!.textContent!.trim());
    expect(actions.filter((action) => action === 'Dossier afgedrukt of opgeslagen')).to.have.length(2);
    expect(actions[0]).to.equal('Melding ontvangen');
    await expectAccessible(view);
  });
});

describeWhere('emulateMedia')('<weerbaar-case-view> printed', () => {
  after(() => emulateMedia({ media: 'screen' }));

  it('leaves the identity, the forms and the page around it out of print', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
    const marker = `printed-${crypto.randomUUID()}`;
    const { caseId } = await report(marker, '', { contact: { name: 'J. de Vries', email: 'j@example.org', preferredChannel: 'email' } });
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(caseId, 'nl', handler, keyring);
    await untilText(view, marker);
    const pageText = document.createElement('p');
    pageText.textContent = 'De lijst van de console';
    view.parentElement!.before(pageText);
    const print = window.print;
    window.print = () => undefined;
    try {
      await click(view, '[part="record-button"]');
      await untilText(view, 'Vastgelegd in de audittrail.');
      // The record's header renders once the case is read again after the export was recorded.
      await waitUntil(() => shadow(view, '[part="record-header"]'), 'the record header did not render', { timeout: 20_000 });
      await emulateMedia({ media: 'print' });
      const shown = (element: Element) => element.checkVisibility();
      expect(shadowAll(view, '.answers .identity').length).to.be.greaterThan(0);
      expect(shadowAll(view, '.answers .identity').some(shown), 'identity printed').to.equal(false);
      expect(shadowAll(view, 'form').some(shown), 'forms printed').to.equal(false);
      expect(shown(shadow(view, '[part="record-header"]')!)).to.equal(true);
      expect(shown(pageText), 'the page around it printed').to.equal(false);
    } finally {
      window.print = print;
      window.dispatchEvent(new Event('afterprint'));
      await emulateMedia({ media: 'screen' });
      pageText.remove();
    }
  });
});

describeWhere('setViewport')('<weerbaar-case-view> at 320 px', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  it('reflows without sideways scrolling', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
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

  it('stays accessible', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
    await emulateMedia({ forcedColors: 'active' });
    const { caseId } = await report(`forced-${crypto.randomUUID()}`);
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await openView(caseId, 'nl', handler, keyring);
    await untilText(view, 'forced-');
    await expectAccessible(view);
  });
});
