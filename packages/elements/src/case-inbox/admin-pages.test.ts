// The console's pages for admins and auditors in real Chromium against the real reference server:
// statistics (a table per breakdown with bars, small cells suppressed as the server answers them)
// and accounts (invite with a role and the link shown once, change a role, revoke), reached from
// the console's navigation by keyboard. People are invited with the server's CLI and enrol a real
// passkey with Chromium's virtual authenticator.
import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl } from '/__weerbaar/test-env.js';
import { describeWhere, expectAccessible, mount, shadow, shadowAll, shadowText, waitUntil } from '../../test/browser-helpers.js';
import './define.js';
import type { CaseInbox } from './case-inbox.js';

const api = apiUrl as string;

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

/** An admin (and auditor) invited with the CLI who enrols from the invitation address. */
async function signedInAdmin(lang: string, name: string): Promise<CaseInbox> {
  const { code } = await executeServerCommand<{ code: string }, { name: string; roles: string[] }>('weerbaar-invite', { name, roles: ['admin', 'auditor'] });
  history.replaceState(null, '', `${location.pathname}${location.search}#uitnodiging=${code}`);
  const inbox = await mount<CaseInbox>(lang, 'weerbaar-case-inbox', { attributes: { api } });
  await waitUntil(() => shadow(inbox, '[part="enrol-button"]'), 'the enrolment screen shows', { timeout: 15_000 });
  await press(inbox, '[part="enrol-button"]');
  await waitUntil(() => shadow(inbox, '[part="sign-out-button"]'), 'signed in after enrolment', { timeout: 15_000 });
  return inbox;
}

async function choose(inbox: CaseInbox, selector: string, value: string): Promise<void> {
  const select = shadow<HTMLSelectElement>(inbox, selector)!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await inbox.updateComplete;
}

describeWhere('emulateMedia')('<weerbaar-case-inbox> for admins and auditors', function (this: { timeout(ms: number): void }) {
  this.timeout(60_000);
  beforeEach(async () => {
    await executeServerCommand('weerbaar-virtual-authenticator', { action: 'add' });
  });
  afterEach(async () => {
    await executeServerCommand('weerbaar-virtual-authenticator', { action: 'remove' });
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ forcedColors: 'none' });
  });

  it('opens on the statistics: a table with bars per kind and role, the clocks, and small counts suppressed (nl)', async () => {
    const inbox = await signedInAdmin('nl', 'Beheer Statistiek');
    await until(inbox, /Ontvangen meldingen per soort/, 'the statistics of this year');
    expect(shadow(inbox, '[part="heading"]')!.textContent).to.contain('Statistiek');
    expect(shadow(inbox, '[part="nav-statistics"]')!.getAttribute('aria-current')).to.equal('page');
    const tables = shadowAll(inbox, 'table');
    expect(tables.map((table) => table.querySelector('caption')!.textContent)).to.deep.equal([
      'Ontvangen meldingen per soort',
      'Ontvangen meldingen per functie van de melder',
      'Wettelijke termijnen',
    ]);
    const kinds = [...tables[0]!.querySelectorAll('tbody tr')];
    expect(kinds.map((row) => row.querySelector('th')!.textContent)).to.include('Omkoping');
    for (const row of kinds) {
      expect(row.querySelectorAll('td')[0]!.textContent!.trim()).to.match(/^(\d+|minder dan \d+)$/);
      expect(row.querySelector('svg rect'), 'a bar per row').to.exist;
    }
    await expectAccessible(inbox);

    // Last year, in a server started for this run: no reports, so every count is below the minimum and not shown.
    await choose(inbox, '#period', String(new Date().getFullYear() - 1));
    await until(inbox, /Ontvangen meldingen: minder dan \d+/, 'last year is suppressed');
    for (const cell of shadowAll(inbox, 'table:first-of-type tbody td:nth-child(2)')) expect(cell.textContent!.trim()).to.match(/^minder dan \d+$/);
    for (const rect of shadowAll(inbox, 'table:first-of-type rect')) expect(Number(rect.getAttribute('width'))).to.equal(0);
    await expectAccessible(inbox);
  });

  it('invites with a role and shows the link once, changes a role and revokes, by keyboard (en)', async () => {
    const inbox = await signedInAdmin('en', 'Admin Person');
    await until(inbox, /Reports received per kind/, 'the statistics first');
    await press(inbox, '[part="nav-accounts"]');
    await until(inbox, /All accounts/, 'the accounts page');
    expect(inbox.shadowRoot!.activeElement, 'focus on the page heading').to.equal(shadow(inbox, '[part="heading"]'));
    expect(shadowText(inbox)).to.contain('Admin Person');
    await expectAccessible(inbox);

    const name = `Vera Kuijt ${Date.now().toString(36).toUpperCase()}`;
    shadow<HTMLInputElement>(inbox, '#invite-name')!.value = name;
    await choose(inbox, '#invite-role', 'auditor');
    await press(inbox, '[part="invite-button"]');
    await waitUntil(() => shadow<HTMLInputElement>(inbox, '#invitation-link')?.value, 'the invitation link shows', { timeout: 15_000 });
    expect(shadow<HTMLInputElement>(inbox, '#invitation-link')!.value).to.match(/#uitnodiging=[0-9A-Z-]+$/);
    expect(shadowText(inbox)).to.contain('you see it only once');
    const row = () => shadowAll(inbox, 'tbody tr').find((element) => element.querySelector('th')!.textContent === name)!;
    await waitUntil(row, 'the new account is listed', { timeout: 15_000 });
    expect(row().querySelector<HTMLSelectElement>('select')!.value, 'with the role chosen').to.equal('auditor');
    expect(row().querySelectorAll('td')[1]!.textContent).to.contain('Invitation not used yet');
    await expectAccessible(inbox);

    await choose(inbox, `select[aria-label="Role of ${name}"]`, 'handler');
    await until(inbox, new RegExp(`The role of ${name} was changed`), 'the role changed');
    expect(row().querySelector<HTMLSelectElement>('select')!.value).to.equal('handler');

    await press(inbox, `[aria-label="Revoke the account of ${name}"]`);
    await until(inbox, new RegExp(`The account of ${name} was revoked`), 'revoked');
    expect(row().textContent).to.contain('Revoked');
    await expectAccessible(inbox);

    // Shown once: the link is gone after leaving the page.
    await press(inbox, '[part="nav-statistics"]');
    await press(inbox, '[part="nav-accounts"]');
    await until(inbox, /All accounts/, 'the accounts page again');
    expect(shadow(inbox, '#invitation-link')).to.equal(null);
  });

  for (const [lang, button, outcome, steps, first] of [
    ['nl', 'Oefening starten', /(Geslaagd|Niet geslaagd): .*?(\d+) (stappen,|van de (\d+) stappen)/, 'stappen', 'Bedreiging van een raadslid'],
    ['en', 'Run the drill', /(Passed|Not passed): .*?(\d+) (steps,|of the (\d+) steps)/, 'steps', 'Threat against a council member'],
  ] as const) {
    it(`runs the protocol drill from the accounts page and lists every step with what it found, by keyboard (${lang})`, async () => {
      const inbox = await signedInAdmin(lang, lang === 'nl' ? 'Beheer Oefening' : 'Drill Admin');
      await until(inbox, /Ontvangen meldingen per soort|Reports received per kind/, 'the statistics first');
      await press(inbox, '[part="nav-accounts"]');
      await until(inbox, new RegExp(button), 'the drill button on the accounts page');
      expect(shadow(inbox, '[part="drill-button"]')!.textContent!.trim()).to.equal(button);
      await press(inbox, '[part="drill-button"]');
      await until(inbox, outcome, 'the outcome of the drill');
      expect(inbox.shadowRoot!.activeElement, 'focus on the outcome').to.equal(shadow(inbox, '#drill-summary'));
      const summary = shadow(inbox, '#drill-summary')!.textContent!;
      const match = outcome.exec(summary)!;
      const total = Number(match[4] ?? match[2]);
      const listed = shadowAll(inbox, 'ul.drill-steps > li');
      expect(listed.length, `every step is listed (${summary})`).to.equal(total);
      expect(summary).to.contain(steps);
      expect(listed.every((item) => ['ok', 'warning', 'unreachable'].includes(item.dataset.result!))).to.equal(true);
      const headings = shadowAll(inbox, '[part="drill"] [part="subheading"]').map((heading) => heading.textContent!.trim());
      expect(headings).to.include(first);
      await expectAccessible(inbox);
    });
  }

  it('reflows at 320 px and keeps its bars in forced colours', async () => {
    const inbox = await signedInAdmin('nl', 'Smal Beheer');
    await until(inbox, /Wettelijke termijnen/, 'the statistics');
    await setViewport({ width: 320, height: 640 });
    await emulateMedia({ forcedColors: 'active' });
    await inbox.updateComplete;
    expect(document.documentElement.scrollWidth, 'no horizontal scrolling').to.be.at.most(320);
    await expectAccessible(inbox);
    await press(inbox, '[part="nav-accounts"]');
    await until(inbox, /Alle accounts/, 'the accounts page');
    expect(document.documentElement.scrollWidth, 'no horizontal scrolling').to.be.at.most(320);
    await expectAccessible(inbox);
  });
});
