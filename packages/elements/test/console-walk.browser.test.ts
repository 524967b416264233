// Issue 15's "done when", walked as a new person does it, by keyboard alone, in Dutch and in English,
// in real Chromium (virtual authenticator with PRF) against the real reference server (encryption
// on): invitation → passkey enrolment → sign in → a report sent through the SDK appears with its
// clock → opened sealed → acknowledged from the template → internal note → the reporter reads the
// acknowledgement, never the note → feedback → a record without identity → the audit trail shows
// each step → an excluded colleague does not see the case. axe after every step; focus is never
// on the page itself. One step is not by keyboard: choosing the key file (the browser's file chooser
// cannot be driven from a test), so the test hands the file to the input as a drop would.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { createClient } from '@weerbaar/sdk';
import { createHandlerClient, enrolPasskey } from '@weerbaar/sdk/handler';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl, handlerToken, privateKeyJwk } from '/__weerbaar/test-env.js';
import type { CaseInbox } from '../src/case-inbox/case-inbox.js';
import '../src/case-inbox/define.js';
import { describeWhere, expectAccessible, mount, shadowText, waitUntil } from './browser-helpers.js';

const api = apiUrl as string;
const handler = createHandlerClient({ baseUrl: api, token: handlerToken as string });
const reporter = createClient({ baseUrl: api });

const texts = {
  nl: {
    clock: /nog \d+ dagen/,
    sent: 'Verstuurd.',
    noteAdded: 'De notitie is opgeslagen.',
    printed: 'Vastgelegd in de audittrail.',
    withoutIdentity: 'De identiteit van de melder is weggelaten.',
    auditValid: 'De audittrail klopt',
    actions: ['Melding ontvangen', 'Melding gelezen', 'Ontvangst bevestigd', 'Interne notitie toegevoegd', 'Terugkoppeling gegeven', 'Dossier afgedrukt of opgeslagen'],
    accessSaved: 'De toegang is aangepast.',
  },
  en: {
    clock: /\d+ days left/,
    sent: 'Sent.',
    noteAdded: 'The note was saved.',
    printed: 'Recorded in the audit trail.',
    withoutIdentity: "The reporter's identity is left out.",
    auditValid: 'The audit trail is intact',
    actions: ['Report received', 'Report read', 'Receipt acknowledged', 'Internal note added', 'Feedback given', 'Case record printed or saved'],
    accessSaved: 'Access was changed.',
  },
};

/** The element that has focus, through every shadow root. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Where focus fell on the page itself right after Enter (a button the console disabled, a screen it replaced): must stay empty. */
const transientLosses: string[] = [];

/** Where focus went, newest last (named in a failure: which element took focus and then went away). */
const focusLog: Array<() => string> = [];
const describe_ = (element: EventTarget | null | undefined) => {
  if (!(element instanceof Element)) return String(element);
  const parts: string[] = [];
  for (let node: Node | null = element; node && node !== document.body; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node instanceof Element) parts.unshift(`${node.localName}${node.id ? `#${node.id}` : ''}${node.getAttribute('part') ? `[${node.getAttribute('part')}]` : ''}`);
  }
  return `${parts.slice(-4).join(' > ')}${element.isConnected ? '' : ' (gone)'}`;
};
document.addEventListener('focusin', (event) => { const target = event.composedPath()[0]; focusLog.push(() => `in ${describe_(target)}`); }, true);
document.addEventListener('focusout', (event) => { const target = event.composedPath()[0]; const to = event.relatedTarget; focusLog.push(() => `out ${describe_(target)} → ${describe_(to)}`); }, true);

/** Focus is somewhere in the console, never the page itself. */
function expectFocused(step: string): void {
  expect(document.activeElement, `focus after ${step}; last moves: ${focusLog.slice(-6).map((line) => line()).join(' | ')}`).not.to.equal(document.body);
}

/** A key press; focus must stay in the console at once (after Enter: collected, checked at the end with the button's name). */
async function press(key: string): Promise<void> {
  const before = deepActive();
  await sendKeys({ press: key });
  if (key !== 'Enter') expectFocused(key);
  else if (document.activeElement === document.body) transientLosses.push(before?.getAttribute('part') ?? before?.id ?? before?.tagName ?? '?');
}

/** Every element in the page in the order focus moves through it (into shadow roots; these elements slot nothing). */
function composedOrder(): Element[] {
  const all: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const child of node.children) {
      all.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  walk(document.body);
  return all;
}

/** Tab (or Shift+Tab, toward the target) until the focused element matches, as a person moving through the console. */
async function tabTo(matches: (element: Element) => boolean, what: string): Promise<Element> {
  for (let step = 0; step < 150; step++) {
    const active = deepActive();
    if (active && matches(active)) return active;
    const order = composedOrder();
    const target = order.findIndex(matches);
    await press(target >= 0 && active && target < order.indexOf(active) ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

const byPart = (part: string) => (element: Element) => element.getAttribute('part') === part;
const byId = (id: string) => (element: Element) => element.id === id;

async function typeText(text: string): Promise<void> {
  await sendKeys({ type: text });
  expect(document.activeElement).not.to.equal(document.body);
}

/** Arrow keys on a focused select until it has the value (each step fires `change`, as by hand). */
async function chooseWithArrows(select: HTMLSelectElement, value: string): Promise<void> {
  const values = [...select.options].map((option) => option.value);
  expect(values, `option ${value}`).to.include(value);
  const key = values.indexOf(value) > select.selectedIndex ? 'ArrowDown' : 'ArrowUp';
  for (let step = 0; step < values.length && select.value !== value; step++) await press(key);
  expect(select.value).to.equal(value);
}

async function until(inbox: CaseInbox, test: () => unknown, message: string): Promise<void> {
  try {
    await waitUntil(test, message, { timeout: 30_000 });
    // The console's work is done: focus is back on something in it (or never left).
    await waitUntil(() => document.activeElement !== document.body, `focus back in the console after ${message}`, { timeout: 5_000 });
  } catch (error) {
    throw new Error(`${(error as Error).message}; the console shows: ${shadowText(inbox).slice(0, 400)}`);
  }
}

const viewText = (inbox: CaseInbox) => inbox.shadowRoot?.querySelector('weerbaar-case-view')?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';

describeWhere('virtualAuthenticator')('the console walked by keyboard (issue 15, done when)', () => {
  let print: typeof window.print;
  let printed = 0;
  beforeEach(async () => {
    await executeServerCommand('weerbaar-virtual-authenticator', { action: 'add', prf: true });
    transientLosses.length = 0;
    print = window.print;
    // The browser's print window cannot open in a test: count the calls instead.
    window.print = () => void printed++;
  });
  afterEach(async () => {
    window.print = print;
    window.dispatchEvent(new Event('afterprint'));
    await executeServerCommand('weerbaar-virtual-authenticator', { action: 'remove' });
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  });

  for (const lang of ['nl', 'en'] as const) {
    it(`from the invitation to an excluded colleague, by keyboard (${lang})`, async function () {
      // Two real passkey ceremonies, a dozen round trips with sealing and opening, axe in every state.
      this.timeout(240_000);
      const text = texts[lang];
      const marker = `walk-${lang}-${Date.now().toString(36)}`;
      const invite = (name: string) =>
        executeServerCommand<{ code: string }, { name: string; roles: string[]; groups: string[] }>('weerbaar-invite', { name, roles: ['handler'], groups: ['griffie'] });

      // Invitation → passkey enrolment (the invitation address opens the console's enrolment).
      const { code } = await invite(lang === 'nl' ? 'R. Mulder' : 'R. Miles');
      history.replaceState(null, '', `${location.pathname}${location.search}#uitnodiging=${code}`);
      const inbox = await mount<CaseInbox>(lang, 'weerbaar-case-inbox', { attributes: { api } });
      const root = inbox.shadowRoot!;
      await waitUntil(() => root.querySelector('[part="enrol-button"]'), 'the enrolment screen', { timeout: 30_000 });
      await expectAccessible(inbox);
      await tabTo(byPart('enrol-button'), 'the enrol button');
      await press('Enter');
      await until(inbox, () => root.querySelector('[part="sign-out-button"]'), 'signed in after enrolment');
      await expectAccessible(inbox);

      // A report sent as a reporter sends it (the SDK seals it), of a combination this walk alone uses.
      const sent = await reporter.submitReport({ role: 'council-member', category: 'bribery', locale: lang, content: { description: `Een aanbod voor een stem. ${marker}` } });
      const { items } = await handler.listCases({ sort: '-receivedAt', pageSize: 100, role: 'council-member', category: 'bribery' });
      const reference = items.find((item) => item.receivedAt === sent.receivedAt)?.reference;
      expect(reference, 'the report is in the list').to.be.a('string');

      // Sign out, and sign in again with the passkey.
      await tabTo(byPart('sign-out-button'), 'sign out');
      await press('Enter');
      await until(inbox, () => root.querySelector('[part="sign-in-button"]'), 'signed out');
      await expectAccessible(inbox);
      await tabTo(byPart('sign-in-button'), 'sign in');
      await press('Enter');
      await until(inbox, () => root.querySelector('[part="sign-out-button"]') && root.querySelector('[part="case"]'), 'signed in, with the list');
      await expectAccessible(inbox);

      // The report appears with its clock: filtered to its role and subject, paged until it shows.
      await chooseWithArrows((await tabTo(byId('filter-role'), 'the role filter')) as HTMLSelectElement, 'council-member');
      await chooseWithArrows((await tabTo(byId('filter-category'), 'the subject filter')) as HTMLSelectElement, 'bribery');
      const row = () => [...root.querySelectorAll('[part="case"]')].find((item) => item.textContent!.includes(reference!));
      for (let page = 0; page < 20 && !row(); page++) {
        await until(inbox, () => row() || root.querySelector('[part="show-more-button"]'), 'the list or more');
        if (row()) break;
        await tabTo(byPart('show-more-button'), 'show more');
        await press('Enter');
      }
      await until(inbox, row, `${reference} in the list`);
      expect(row()!.textContent).to.match(text.clock);
      await expectAccessible(inbox);

      // Opened: sealed, so the key file (the one step not by keyboard: the file chooser), then by keyboard.
      await tabTo((element) => byPart('case-link')(element) && element.textContent!.includes(reference!), 'the case');
      await press('Enter');
      const view = () => root.querySelector('weerbaar-case-view')?.shadowRoot ?? null;
      await until(inbox, () => view()?.querySelector('#key-file'), 'the sealed case with the key form');
      expect(deepActive()?.id, 'focus on the case heading').to.equal('case-heading');
      await expectAccessible(inbox);
      const files = new DataTransfer();
      files.items.add(new File([JSON.stringify(privateKeyJwk)], 'organisatiesleutel.json', { type: 'application/json' }));
      view()!.querySelector<HTMLInputElement>('#key-file')!.files = files.files;
      await tabTo(byPart('key-button'), 'open with the key');
      await press('Enter');
      await until(inbox, () => viewText(inbox).includes(marker), 'the report opened');
      await expectAccessible(inbox);

      // Acknowledged with the template, as it is filled in.
      await until(inbox, () => view()!.querySelector<HTMLTextAreaElement>('#compose-body')?.value.includes(reference!), 'the template');
      await tabTo(byPart('send-button'), 'send');
      await press('Enter');
      await until(inbox, () => viewText(inbox).includes(text.sent), 'acknowledged');
      await expectAccessible(inbox);

      // An internal note.
      const note = `Intern: melder belt morgen ${marker}-note`;
      await tabTo(byId('note-body'), 'the note');
      await typeText(note);
      await tabTo(byPart('note-button'), 'save the note');
      await press('Enter');
      await until(inbox, () => viewText(inbox).includes(text.noteAdded), 'the note saved');
      await expectAccessible(inbox);

      // The reporter reads the acknowledgement with the code, and never the note.
      const session = await reporter.openFollowUp(sent.receipt);
      try {
        const seen = await session.getCase();
        expect(seen.messages.some((message) => message.kind === 'acknowledgement')).to.equal(true);
        expect(JSON.stringify(seen)).not.to.include(`${marker}-note`);
      } finally {
        await session.close();
      }

      // Feedback, from its template.
      await chooseWithArrows((await tabTo(byId('compose-kind'), 'the kind of message')) as HTMLSelectElement, 'feedback');
      await until(inbox, () => view()!.querySelector<HTMLTextAreaElement>('#compose-body')?.value.trim(), 'the feedback template');
      await tabTo(byPart('send-button'), 'send');
      await press('Enter');
      await until(inbox, () => view()!.querySelector('[part="summary"]')!.textContent!.match(lang === 'nl' ? /Terugkoppeling gegeven op/ : /Feedback given on/), 'feedback given');
      await expectAccessible(inbox);

      // A record without identity (the default).
      const before = printed;
      await tabTo(byPart('record-button'), 'print the record');
      await press('Enter');
      await until(inbox, () => viewText(inbox).includes(text.printed), 'the record');
      // The notice shows once the export is recorded; the print window opens after the record has rendered.
      await until(inbox, () => printed === before + 1, 'the print window');
      expect(view()!.querySelector('[part="record-header"]')!.textContent).to.include(text.withoutIdentity);
      await expectAccessible(inbox);

      // The audit trail shows each step.
      await tabTo(byPart('audit-button'), 'the audit trail');
      await press('Enter');
      await until(inbox, () => viewText(inbox).includes(text.auditValid), 'the audit trail');
      expect(deepActive()?.id).to.equal('audit-verdict');
      const actions = [...view()!.querySelectorAll<HTMLTableRowElement>('[part="audit"] tbody tr')].map((tr) => tr.cells[3]!.textContent!.trim());
      for (const action of text.actions) expect(actions, action).to.include(action);
      await expectAccessible(inbox);

      // A colleague in the same group, excluded: sees the case nowhere.
      const colleagueName = lang === 'nl' ? 'T. Smit' : 'T. Smith';
      const colleague = await enrolPasskey((await invite(colleagueName)).code, { baseUrl: api, passkeyName: 'Werkplek' });
      const asColleague = createHandlerClient({ baseUrl: api, token: colleague.token });
      const caseId = items.find((item) => item.reference === reference)!.caseId;
      expect((await asColleague.getCase(caseId)).caseId, 'in the group: allowed before').to.equal(caseId);
      // The view reads the groups' members when it opens: open it again so the new colleague is there.
      await tabTo(byPart('back-button'), 'back to the list');
      await press('Enter');
      // The list loads again: Tab only once the case is in it (a Tab past the last control leaves the page).
      await until(inbox, row, `${reference} in the list again`);
      await tabTo((element) => byPart('case-link')(element) && element.textContent!.includes(reference!), 'the case again');
      await press('Enter');
      await until(inbox, () => [...(view()?.querySelectorAll('#access-person option') ?? [])].some((option) => option.textContent === colleagueName), 'the colleague to choose');
      await chooseWithArrows((await tabTo(byId('access-person'), 'the colleague')) as HTMLSelectElement, colleague.me.account.accountId);
      await tabTo(byPart('exclude-button'), 'exclude');
      await press('Enter');
      await until(inbox, () => viewText(inbox).includes(text.accessSaved), 'excluded');
      await expectAccessible(inbox);
      const denied = await asColleague.getCase(caseId).then(
        () => undefined,
        (error: { status?: number }) => error.status,
      );
      expect(denied, 'excluded: 403').to.equal(403);
      const theirs = await asColleague.listCases({ pageSize: 100, role: 'council-member', category: 'bribery' });
      expect(theirs.items.map((item) => item.caseId)).not.to.include(caseId);
      await asColleague.signOut().catch(() => undefined);
      // Strict: after Enter focus moves on deliberately (to the heading of what appears), never to the page.
      expect(transientLosses, 'focus fell on the page for a moment after Enter on').to.deep.equal([]);
    });
  }
});
