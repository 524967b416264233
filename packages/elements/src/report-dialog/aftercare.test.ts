// The follow-up view's aftercare (issue 16), in real browsers against the real reference server: a
// pending check-in comes first and is answered with the keyboard alone; "not safe" shows at once
// where to get help; stopping asks first; the protocol's visible steps as an ordered timeline; and
// support for relatives when the handler recorded that they are affected; the follow-up's calendar
// file holds the check-in days still to come, also after closing. A check-in's day comes by
// simulated time (the `weerbaar-open-check-in` server command), never by waiting.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { createClient } from '@weerbaar/sdk';
import { createHandlerClient } from '@weerbaar/sdk/handler';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl, handlerToken, privateKeyJwk } from '/__weerbaar/test-env.js';
import { expectAccessible, mount, waitUntil } from '../../test/browser-helpers.js';
import { caseWith, click, clickText, dialogOf, fill, inDialog, open, settle, untilHeading, untilInDialog } from '../../test/report-dialog-helpers.js';
import type { ReportButton } from '../report-button/report-button.js';
import { reportDialogStrings } from './report-dialog.strings.js';
import '../report-button/define.js';

const api = apiUrl as string;
const handler = createHandlerClient({ baseUrl: api, token: handlerToken as string });

type CheckIn = { checkInId: string; status: string; answer?: { wellbeing: string; feelsSafe: string; wantsContact: boolean; encryptedText?: unknown } };
const handlerCheckIns = async (caseId: string) =>
  (await (await fetch(`${api}/cases/${caseId}/check-ins`, { headers: { Authorization: `Bearer ${handlerToken as string}` } })).json()) as { items: CheckIn[]; stopped: boolean };

/** A council member's threat report (sealed by the SDK), its case id, and its first check-in opened by simulated time. */
async function threatCase(lang: 'nl' | 'en', { open: opened = true } = {}): Promise<{ receipt: string; caseId: string; checkInDays: string[] }> {
  const marker = `aftercare-${crypto.randomUUID()}`;
  const { receipt, checkInDays = [] } = await createClient({ baseUrl: api }).submitReport({ role: 'council-member', category: 'threat-intimidation', locale: lang, content: { description: `Een dreigbrief op de mat. ${marker}` } });
  const caseId = await caseWith(handler, privateKeyJwk as JsonWebKey, marker);
  if (opened) await executeServerCommand('weerbaar-open-check-in', { checkInId: (await handlerCheckIns(caseId)).items[0]!.checkInId });
  return { receipt, caseId, checkInDays };
}

/** Opens the report button's dialog and the case with its receipt. */
async function followUp(lang: 'nl' | 'en', receipt: string): Promise<ReportButton> {
  const button = await mount<ReportButton>(lang, 'weerbaar-report-button', { attributes: { api, isolation: 'inline' }, children: '<a href="/melden">Meld het</a>' });
  const t = reportDialogStrings[lang];
  await open(button);
  await clickText(button, t.followUpLink);
  await untilHeading(button, t.followUpHeading);
  await fill(button, 'receipt', receipt);
  await click(button, '[part="open-case-button"]');
  await untilInDialog(button, '[part="case-status"]', 'the case did not open');
  return button;
}

const active = (button: ReportButton) => dialogOf(button)!.shadowRoot!.activeElement as HTMLElement | null;

/** Presses Tab until `matches` holds for the focused control (at most 30 times). */
async function tabTo(button: ReportButton, what: string, matches: (element: HTMLElement) => boolean): Promise<void> {
  for (let presses = 0; presses < 30; presses++) {
    await sendKeys({ press: 'Tab' });
    await settle(button);
    const focused = active(button);
    if (focused && matches(focused)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

const text = (button: ReportButton, selector: string) => inDialog(button, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('a check-in in follow-up', () => {
  it('comes first, is answered with the keyboard alone, and "not safe" shows where to get help at once (nl)', async function () {
    this.timeout(60_000);
    const { receipt, caseId } = await threatCase('nl');
    const button = await followUp('nl', receipt);
    const body = inDialog(button, '.body')!;
    const firstSection = body.querySelector('section, dl');
    expect(firstSection?.id, 'the check-in comes before the case').to.equal('check-in');
    expect([...body.querySelectorAll('#check-in legend')].map((legend) => legend.textContent!.trim())).to.deep.equal(['Hoe gaat het met u?', 'Voelt u zich veilig?', 'Wilt u contact?']);
    await expectAccessible(button);

    // Sending without choosing: the error summary names the three questions.
    await clickText(button, 'Antwoord versturen');
    await untilInDialog(button, '#error-summary', 'no error summary');
    expect(text(button, '#error-summary')).to.include('Kies hoe het met u gaat').and.include('Kies of u zich veilig voelt').and.include('Kies of u contact wilt');
    await expectAccessible(button);

    await tabTo(button, 'the first question', (element) => element.getAttribute('name') === 'check-in-wellbeing');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await tabTo(button, 'the second question', (element) => element.getAttribute('name') === 'check-in-safe');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await settle(button);
    await untilInDialog(button, '#unsafe-heading', 'no help after "Nee"');
    const help = inDialog(button, '.unsafe-help')!;
    expect([...help.querySelectorAll('a')].map((link) => link.getAttribute('href'))).to.include('tel:112');
    await expectAccessible(button);
    await tabTo(button, 'the third question', (element) => element.getAttribute('name') === 'check-in-contact');
    // Down to "Nee" and back up to "Ja": arrow keys check as they move (the Firefox driver has no "Space").
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await tabTo(button, 'the text', (element) => element.id === 'check-in-text');
    await sendKeys({ type: 'Ik ben bang' });
    await tabTo(button, 'send', (element) => element.textContent?.trim() === 'Antwoord versturen');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(button, '#check-in').includes('Uw antwoord is verstuurd'), 'the answer was not confirmed', { timeout: 15_000 });
    expect(text(button, '#check-in')).to.include('Wij nemen contact met u op');
    expect(inDialog(button, '#check-in .unsafe-help'), 'the help stays after sending').to.exist;
    expect(active(button)?.id).to.equal('check-in');
    await expectAccessible(button);

    const [answered] = (await handlerCheckIns(caseId)).items;
    expect([answered!.status, answered!.answer!.wellbeing, answered!.answer!.feelsSafe, answered!.answer!.wantsContact]).to.deep.equal(['answered', 'not-well', 'no', true]);
    expect(answered!.answer!.encryptedText, 'the text is sealed').to.exist;
  });

  it('stops the check-ins with the keyboard after a confirmation (en)', async function () {
    this.timeout(60_000);
    const { receipt, caseId } = await threatCase('en', { open: false });
    const button = await followUp('en', receipt);
    expect(text(button, '#check-in')).to.match(/You get the next question around \d{1,2} [A-Z][a-z]+ 20\d\d/);
    await tabTo(button, 'stop', (element) => element.textContent?.trim() === 'Stop these questions');
    await sendKeys({ press: 'Enter' });
    await untilInDialog(button, '#stop-heading', 'no confirmation');
    expect(active(button)?.id).to.equal('stop-question');
    await expectAccessible(button);
    expect((await handlerCheckIns(caseId)).stopped, 'nothing stopped before the confirmation').to.equal(false);
    await tabTo(button, 'confirm', (element) => element.textContent?.trim() === 'Yes, stop the questions');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(button, '#check-in').includes('You will get no more questions'), 'the stop was not confirmed', { timeout: 15_000 });
    await expectAccessible(button);
    const stopped = await handlerCheckIns(caseId);
    expect([stopped.stopped, stopped.items.map((item) => item.status)]).to.deep.equal([true, ['cancelled', 'cancelled', 'cancelled', 'cancelled']]);
  });

  it('answers in English too, and the English form passes axe', async function () {
    this.timeout(60_000);
    const { receipt } = await threatCase('en');
    const button = await followUp('en', receipt);
    expect([...inDialog(button, '#check-in')!.querySelectorAll('legend')].map((legend) => legend.textContent!.trim())).to.deep.equal(['How are you?', 'Do you feel safe?', 'Would you like contact?']);
    await click(button, '#check-in-safe-no');
    await untilInDialog(button, '#unsafe-heading', 'no help after "No"');
    expect(text(button, '.unsafe-help')).to.include('Call 112');
    await expectAccessible(button);
  });
});

describe('the protocol steps and support for relatives in follow-up', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`lists the visible steps in order, done with the day or not yet, and support for relatives once recorded (${lang})`, async function () {
      this.timeout(60_000);
      const { receipt, caseId } = await threatCase(lang, { open: false });
      await handler.setAffectedPeople(caseId, ['self', 'children']);
      const tasks = (await handler.listTasks(caseId, { lang })).items;
      const visible = tasks.filter((task) => task.visibleToReporter);
      await handler.setTaskStatus(caseId, visible[0]!.taskId, 'done');
      const button = await followUp(lang, receipt);

      const steps = [...inDialog(button, 'ol.steps')!.querySelectorAll('li')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim());
      expect(steps.map((step) => step.split(':')[0])).to.deep.equal(visible.map((task) => task.title));
      expect(steps[0]).to.match(lang === 'nl' ? /gedaan op \d{1,2} [a-z]+ 20\d\d/ : /done on \d{1,2} [A-Z][a-z]+ 20\d\d/);
      expect(steps[1]).to.include(lang === 'nl' ? 'nog niet gedaan' : 'not done yet');
      expect(inDialog(button, 'ol.steps')!.getAttribute('aria-labelledby')).to.equal('steps-heading');
      expect(text(button, '#relatives-heading')).to.equal(reportDialogStrings[lang].relativesHeading);
      expect(inDialog(button, 'ul.contacts[aria-labelledby="relatives-heading"] li'), 'a contact for relatives').to.exist;
      await expectAccessible(button);
    });
  }

  it('shows no support for relatives when they are not affected', async function () {
    this.timeout(60_000);
    const { receipt } = await threatCase('nl', { open: false });
    const button = await followUp('nl', receipt);
    expect(inDialog(button, 'ol.steps')).to.exist;
    expect(inDialog(button, '#relatives-heading')).to.equal(null);
  });
});

describe("the follow-up's calendar file", () => {
  /** The calendar file the follow-up view offers, as the person would save it. */
  const calendarOf = async (button: ReportButton) => (await fetch(inDialog<HTMLAnchorElement>(button, '[part="calendar-link"]')!.href)).text();
  const startDays = (ics: string) => ics.split('\r\n').filter((line) => line.startsWith('DTSTART')).map((line) => line.slice(-8));
  const compact = (day: string) => day.replace(/-/g, '');

  it('holds the check-in days the receipt announced, next to the two deadlines (nl)', async function () {
    this.timeout(60_000);
    const { receipt, caseId, checkInDays } = await threatCase('nl', { open: false });
    expect(checkInDays).to.have.length(4);
    const button = await followUp('nl', receipt);
    expect(text(button, '[part="calendar-link"]')).to.equal('Zet deze data in uw agenda (.ics)');
    const ics = await calendarOf(button);
    const deadlines = (await handler.getCase(caseId)).deadlines;
    expect(startDays(ics)).to.deep.equal([deadlines.acknowledgeDueAt, deadlines.feedbackDueAt].map((at) => compact(at.slice(0, 10))).concat(checkInDays.map(compact)));
    expect(ics.split('SUMMARY:Even bijpraten').length - 1, 'one neutral reminder per check-in').to.equal(4);
    expect(ics, 'no receipt in the calendar').not.to.include(receipt);
    await expectAccessible(button);
  });

  it('keeps the check-in days after the case is closed, without the deadlines (en)', async function () {
    this.timeout(60_000);
    const { receipt, caseId, checkInDays } = await threatCase('en', { open: false });
    await handler.setStatus(caseId, { status: 'closed', outcome: 'measures-taken' });
    const button = await followUp('en', receipt);
    expect(text(button, '[part="calendar-link"]')).to.equal('Add these dates to your calendar (.ics)');
    const ics = await calendarOf(button);
    expect(startDays(ics)).to.deep.equal(checkInDays.map(compact));
    expect(ics).to.include('SUMMARY:A short catch-up').and.not.to.include('Follow-up: feedback');
    await expectAccessible(button);
  });
});
