// <weerbaar-case-inbox> in real Chromium against the real reference server (started by the test
// runner's plugin): a person is invited with the server's CLI, enrols a real passkey (Chromium's
// virtual authenticator) from the invitation address, signs in, and works the inbox.
import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { createClient } from '@weerbaar/sdk';
import { createHandlerClient } from '@weerbaar/sdk/handler';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl, handlerToken } from '/__weerbaar/test-env.js';
import { deepText, describeWhere, expectAccessible, mount, shadow, shadowAll, shadowText, waitUntil } from '../../test/browser-helpers.js';
import './define.js';
import type { CaseInbox } from './case-inbox.js';
import type { CaseView } from '../case-view/case-view.js';
import { importKey, tabToField, untilText } from '../../test/case-view-helpers.js';

const api = apiUrl as string;
const handler = createHandlerClient({ baseUrl: api, token: handlerToken as string });
// Passkeys need Chromium's virtual authenticator: the other engines' drivers have none.
const describeWithPasskeys = describeWhere('emulateMedia');

/** Invites a person with the server's CLI; handlers join the griffie, which receives council members' reports. */
async function invite(name: string, roles: string[] = ['handler']): Promise<string> {
  const groups = roles.includes('handler') ? ['griffie'] : [];
  const { code } = await executeServerCommand<{ code: string }, { name: string; roles: string[]; groups: string[] }>('weerbaar-invite', { name, roles, groups });
  return code;
}

/** A report (sealed: the server advertises encryption) of a combination the other browser suites do not send, and its reference as the handler sees it. */
async function submitReport(description = 'Een bedrijf zoekt contact met raadsleden.'): Promise<string> {
  const receipt = await createClient({ baseUrl: api }).submitReport({ role: 'council-member', category: 'infiltration', content: { description } });
  const { items } = await handler.listCases({ sort: '-receivedAt', pageSize: 100, role: 'council-member', category: 'infiltration' });
  const found = items.find((item) => item.receivedAt === receipt.receivedAt);
  if (!found) throw new Error('the submitted report is not in the handler list');
  return found.reference;
}

async function until(inbox: CaseInbox, pattern: RegExp, message: string): Promise<void> {
  try {
    await waitUntil(() => pattern.test(shadowText(inbox)), message, { timeout: 15_000 });
  } catch (error) {
    throw new Error(`${(error as Error).message}; the console shows: ${shadowText(inbox).slice(0, 500)}`);
  }
}

async function press(inbox: CaseInbox, selector: string): Promise<void> {
  const target = shadow(inbox, selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.focus();
  await sendKeys({ press: 'Enter' });
}

/** Mounts the console as if the page was opened from the invitation address. */
async function openFromInvitation(lang: string, code: string): Promise<CaseInbox> {
  history.replaceState(null, '', `${location.pathname}${location.search}#uitnodiging=${code}`);
  const inbox = await mount<CaseInbox>(lang, 'weerbaar-case-inbox', { attributes: { api } });
  await waitUntil(() => shadow(inbox, '[part="enrol-button"]'), 'the enrolment screen shows', { timeout: 15_000 });
  return inbox;
}

async function enrol(lang: string, name: string): Promise<CaseInbox> {
  const inbox = await openFromInvitation(lang, await invite(name));
  await press(inbox, '[part="enrol-button"]');
  await waitUntil(() => shadow(inbox, '[part="sign-out-button"]'), 'signed in after enrolment', { timeout: 15_000 });
  return inbox;
}

function nothingStored(): void {
  expect(localStorage.length, 'localStorage').to.equal(0);
  expect(sessionStorage.length, 'sessionStorage').to.equal(0);
  expect(document.cookie, 'cookies').to.equal('');
}

describeWithPasskeys('<weerbaar-case-inbox> signing in', function (this: { timeout(ms: number): void }) {
  // Each test invites a person through the server's CLI (a process start) and runs real ceremonies.
  this.timeout(60_000);
  beforeEach(async () => {
    await executeServerCommand('weerbaar-virtual-authenticator', { action: 'add', prf: true });
  });
  afterEach(async () => {
    await executeServerCommand('weerbaar-virtual-authenticator', { action: 'remove' });
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  });

  it('takes the invitation code from the fragment, removes it from the address at once, and enrols a passkey by keyboard', async () => {
    const code = await invite('Ö. Çelik');
    const inbox = await openFromInvitation('nl', code);
    expect(location.hash, 'the fragment is gone from the address bar').to.equal('');
    expect(location.href).not.to.contain(code);
    expect(shadowText(inbox)).to.contain('Welkom: maak uw passkey');
    await expectAccessible(inbox);
    await press(inbox, '[part="enrol-button"]');
    await until(inbox, /Ingelogd als Ö\. Çelik/, 'signed in as the invited person');
    expect(shadow(inbox, '[part="heading"]')!.textContent).to.contain('Meldingen behandelen');
    expect(inbox.shadowRoot!.activeElement, 'focus moves to the heading').to.equal(shadow(inbox, '[part="heading"]'));
    await until(inbox, /getoond|Er zijn geen meldingen/, 'the list loaded');
    await expectAccessible(inbox);
    nothingStored();
  });

  it('refuses a used invitation and offers signing in instead', async () => {
    const code = await invite('Tweede Gebruik');
    const first = await openFromInvitation('en', code);
    await press(first, '[part="enrol-button"]');
    await until(first, /Signed in as Tweede Gebruik/, 'the first use works');
    first.remove();
    const second = await openFromInvitation('en', code);
    await press(second, '[part="enrol-button"]');
    await until(second, /The passkey was not created/, 'a used invitation is refused');
    expect(shadow(second, '[part="sign-in-button"]'), 'signing in is offered').to.exist;
    expect(second.shadowRoot!.activeElement).to.equal(shadow(second, '[part="notice"]'));
    await expectAccessible(second);
  });

  it('signs out on request, wipes what was shown, and signs in again with the same passkey', async () => {
    const reference = await submitReport();
    const inbox = await enrol('nl', 'Afmelder');
    await until(inbox, /getoond/, 'the list loaded');
    await press(inbox, '[part="sign-out-button"]');
    await until(inbox, /U bent afgemeld/, 'signed out');
    expect(shadowText(inbox)).not.to.contain(reference);
    expect(shadowText(inbox)).not.to.contain('Afmelder');
    await expectAccessible(inbox);
    await press(inbox, '[part="sign-in-button"]');
    await until(inbox, /Ingelogd als Afmelder/, 'signed in with the passkey');
    nothingStored();
  });

  it('locks after the idle time without a key press or click', async () => {
    const inbox = await enrol('en', 'Idle Person');
    inbox.idleTimeout = 1;
    // The lock is armed on the next activity with the new idle time.
    inbox.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true }));
    await until(inbox, /You were signed out because you did nothing/, 'locked after the idle time');
    expect(shadow(inbox, '[part="sign-out-button"]')).to.be.null;
    await expectAccessible(inbox);
  });

  it('shows people without the handler role no reports: an auditor starts on the statistics', async () => {
    const inbox = await openFromInvitation('nl', await invite('Alleen Auditor', ['auditor']));
    await press(inbox, '[part="enrol-button"]');
    await until(inbox, /Ontvangen meldingen per soort/, 'the statistics for an auditor');
    expect(shadow(inbox, '#filter-status'), 'no list').to.equal(null);
    expect(shadow(inbox, '[part="nav"]'), 'one page: no navigation').to.equal(null);
    await expectAccessible(inbox);
  });
});

describeWithPasskeys('<weerbaar-case-inbox> the inbox', function (this: { timeout(ms: number): void }) {
  this.timeout(60_000);
  let reference: string;
  before(async () => {
    reference = await submitReport();
  });
  beforeEach(async () => {
    await executeServerCommand('weerbaar-virtual-authenticator', { action: 'add', prf: true });
  });
  afterEach(async () => {
    await executeServerCommand('weerbaar-virtual-authenticator', { action: 'remove' });
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ forcedColors: 'none' });
  });

  async function filteredToOurKind(inbox: CaseInbox, ours = reference, category = 'infiltration'): Promise<void> {
    const choices: [string, string][] = [
      ['#filter-role', 'council-member'],
      ['#filter-category', category],
    ];
    for (const [id, value] of choices) {
      const select = shadow<HTMLSelectElement>(inbox, id)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await inbox.updateComplete;
      await until(inbox, /getoond|shown/, 'the filtered list loaded');
    }
    // Older cases first: page on until ours is there.
    while (!shadowText(inbox).includes(ours) && shadow(inbox, '[part="show-more-button"]')) {
      const before = shadowAll(inbox, '[part="case"]').length;
      await press(inbox, '[part="show-more-button"]');
      await waitUntil(() => shadowAll(inbox, '[part="case"]').length > before, 'the next page came', { timeout: 15_000 });
      expect(inbox.shadowRoot!.activeElement, 'focus on the first new case').to.equal(shadow(inbox, `[data-index="${before}"]`));
    }
  }

  for (const lang of ['nl', 'en']) {
    it(`shows a new case with its reference, kind, role, date and 7 days left to acknowledge (${lang})`, async () => {
      const inbox = await enrol(lang, `Behandelaar ${lang}`);
      await filteredToOurKind(inbox);
      const item = shadowAll(inbox, '[part="case"]').find((element) => element.textContent!.includes(reference))!;
      expect(item, 'the case is listed').to.exist;
      const text = item.textContent!.replace(/\s+/g, ' ');
      expect(text).to.contain(lang === 'nl' ? 'Infiltratie' : 'Infiltration');
      expect(text).to.contain(lang === 'nl' ? 'Raadslid' : 'Council member');
      expect(text).to.contain(lang === 'nl' ? 'Ontvangst bevestigen: nog 7 dagen' : 'Acknowledge receipt: 7 days left');
      expect(text).to.contain(new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' }).format(new Date()));
      expect(item.querySelector('[part="case-overdue-tasks"]'), 'no task of a new case is overdue').to.equal(null);
      await expectAccessible(inbox);
    });
  }

  it('shows how many cases each filter value has, from the backend\'s counts', async () => {
    const inbox = await enrol('nl', 'Teller');
    await until(inbox, /getoond/, 'the list loaded');
    await waitUntil(() => /\(\d+\)/.test(shadow(inbox, '#filter-category option[value="infiltration"]')!.textContent!), 'counts arrived', { timeout: 15_000 });
    const counts = await handler.countCases();
    const shown = Number(/\((\d+)\)/.exec(shadow(inbox, '#filter-category option[value="infiltration"]')!.textContent!)![1]);
    // Other suites add reports meanwhile, never remove them.
    expect(shown).to.be.at.least(1).and.at.most(counts.byCategory.infiltration);
    expect(shadow(inbox, 'label[for="filter-overdue"]')!.textContent).to.match(/Alleen te laat \(\d+\)/);
  });

  for (const lang of ['nl', 'en']) {
    it(`says in words how many open tasks are overdue on the cases the person may see, and on the case itself (${lang})`, async () => {
      const receipt = await createClient({ baseUrl: api }).submitReport({ role: 'council-member', category: 'threat-intimidation', content: { description: 'Een man dreigde na de raadsvergadering.' } });
      const { items } = await handler.listCases({ sort: '-receivedAt', pageSize: 100, role: 'council-member', category: 'threat-intimidation' });
      const { caseId, reference: late } = items.find((item) => item.receivedAt === receipt.receivedAt)!;
      // The server's clock seam: this case's tasks were due an hour ago.
      await executeServerCommand('weerbaar-clock', { caseId, move: 'tasks-overdue' });
      const ours = (await handler.listTasks(caseId)).items.length;
      const inbox = await enrol(lang, `Taken ${lang}`);
      const pattern = lang === 'nl' ? /(\d+) open taken zijn te laat\./ : /(\d+) open tasks are overdue\./;
      await until(inbox, pattern, 'the overdue tasks are counted');
      // Other suites add cases meanwhile: at least ours.
      expect(Number(pattern.exec(shadowText(inbox))![1])).to.be.at.least(ours);
      await expectAccessible(inbox);

      // And the case itself says so in the list, in words (not by colour alone).
      await filteredToOurKind(inbox, late, 'threat-intimidation');
      const item = shadowAll(inbox, '[part="case"]').find((element) => element.textContent!.includes(late))!;
      const words = lang === 'nl' ? (ours === 1 ? '1 taak te laat' : `${ours} taken te laat`) : ours === 1 ? '1 task overdue' : `${ours} tasks overdue`;
      expect(item.querySelector('[part="case-overdue-tasks"]')?.textContent?.trim()).to.equal(words);
      await expectAccessible(inbox);
    });
  }

  it('opens a case in the case view and comes back to it with focus on its link', async () => {
    const inbox = await enrol('nl', 'Opener');
    await filteredToOurKind(inbox);
    const index = shadowAll(inbox, '[part="case-link"]').findIndex((link) => link.textContent!.includes(reference));
    await press(inbox, `[data-index="${index}"]`);
    await waitUntil(() => shadow(inbox, 'weerbaar-case-view'), 'the case view opened', { timeout: 15_000 });
    const view = shadow(inbox, 'weerbaar-case-view')!;
    await waitUntil(() => deepText(view).includes(`Melding ${reference}`), 'the case view shows the case', { timeout: 15_000 });
    await expectAccessible(inbox);
    const back = view.shadowRoot!.querySelector<HTMLElement>('[part="back-button"]')!;
    back.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => inbox.shadowRoot!.activeElement === shadow(inbox, `[data-index="${index}"]`), 'focus back on the case link', { timeout: 5_000 });
  });

  for (const lang of ['nl', 'en'] as const) {
    it(`records an oral report from the inbox by keyboard and comes back to the list (${lang})`, async () => {
      const text = { nl: { button: 'Mondelinge melding vastleggen', receipt: 'De code voor de melder' }, en: { button: 'Record an oral report', receipt: 'The code for the reporter' } }[lang];
      const marker = `oral-${lang}-${crypto.randomUUID().replace(/(.)\1/g, '$1x')}`;
      const inbox = await enrol(lang, `Intake ${lang}`);
      await waitUntil(() => shadow(inbox, '[part="intake-button"]'), 'the intake button shows', { timeout: 15_000 });
      expect(shadow(inbox, '[part="intake-button"]')!.textContent).to.equal(text.button);
      await expectAccessible(inbox);
      await press(inbox, '[part="intake-button"]');
      expect(document.activeElement, 'focus right after Enter').not.to.equal(document.body);
      await waitUntil(() => shadow(inbox, 'weerbaar-case-view'), 'the intake form opened', { timeout: 15_000 });
      const view = shadow<CaseView>(inbox, 'weerbaar-case-view')!;
      await waitUntil(() => view.shadowRoot?.querySelector('#intake-role option:nth-child(2)'), 'the form shows', { timeout: 20_000 });
      expect(view.shadowRoot!.activeElement?.id, 'focus on the form heading').to.equal('case-heading');
      await expectAccessible(inbox);
      for (const id of ['intake-role', 'intake-category']) {
        await tabToField(view, id);
        await sendKeys({ press: 'ArrowDown' });
      }
      await tabToField(view, 'intake-description');
      await sendKeys({ type: `Druk op een raadslid. ${marker}` });
      await tabToField(view, 'intake-minutes');
      await sendKeys({ type: `Gesprek aan de balie. ${marker}` });
      await tabToField(view, 'intake-button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => view.shadowRoot!.querySelector('[part="intake-receipt"]'), 'the recorded case opened', { timeout: 30_000 });
      expect(deepText(view)).to.include(text.receipt);
      await expectAccessible(inbox);
      view.shadowRoot!.querySelector<HTMLElement>('[part="back-button"]')!.focus();
      await sendKeys({ press: 'Enter' });
      // The list is read again (a case was added): focus on its heading.
      await waitUntil(() => inbox.shadowRoot!.activeElement?.id === 'list-heading', 'focus on the list heading', { timeout: 15_000 });
      expect(shadow(inbox, 'weerbaar-case-view')).to.equal(null);
      await expectAccessible(inbox);
    });
  }

  it('opens a sealed report right after sign-in with the passkey that keeps the key: no key file, no second touch', async () => {
    const marker = `prf-${crypto.randomUUID()}`;
    const sealed = await submitReport(`Een bedrijf zoekt contact. ${marker}`);
    const openOurs = async (inbox: CaseInbox): Promise<CaseView> => {
      await filteredToOurKind(inbox, sealed);
      const index = shadowAll(inbox, '[part="case-link"]').findIndex((link) => link.textContent!.includes(sealed));
      await press(inbox, `[data-index="${index}"]`);
      await waitUntil(() => shadow(inbox, 'weerbaar-case-view'), 'the case view opened', { timeout: 15_000 });
      return shadow<CaseView>(inbox, 'weerbaar-case-view')!;
    };
    // The first session: the key file once, then kept wrapped with the passkey.
    const inbox = await enrol('nl', 'Sleutelhouder');
    await until(inbox, /getoond/, 'the list loaded');
    const first = await openOurs(inbox);
    await waitUntil(() => shadow(first, '#key-file'), 'the key file is asked for', { timeout: 20_000 });
    await importKey(first);
    await untilText(first, marker);
    await untilText(first, 'Sleutel bewaren bij uw passkey');
    shadow<HTMLButtonElement>(first, '[part="keep-key-button"]')!.click();
    await untilText(first, 'De sleutel is bewaard bij uw passkey.');
    await press(inbox, '[part="sign-out-button"]');
    await until(inbox, /U bent afgemeld/, 'signed out');
    // The next session: signing in hands the passkey's PRF output to the keyring, which opens the report.
    await press(inbox, '[part="sign-in-button"]');
    await until(inbox, /Ingelogd als Sleutelhouder/, 'signed in again');
    const next = await openOurs(inbox);
    await untilText(next, marker, 'the sealed report opened without the key file');
    expect(shadow(next, '[part="passkey-button"]'), 'no second touch asked').to.equal(null);
    await expectAccessible(inbox);
    nothingStored();
  });

  it('reflows at 320 px and keeps working in forced colours', async () => {
    const inbox = await enrol('nl', 'Smal Scherm');
    await until(inbox, /getoond/, 'the list loaded');
    await setViewport({ width: 320, height: 640 });
    await emulateMedia({ forcedColors: 'active' });
    await inbox.updateComplete;
    expect(document.documentElement.scrollWidth, 'no horizontal scrolling').to.be.at.most(320);
    await expectAccessible(inbox);
  });
});
