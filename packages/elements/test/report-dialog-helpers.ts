// Steps of the report dialog's browser tests: find things in the dialog inside the report button's
// shadow root, press, fill in and wait for a step.
import { expect } from '@open-wc/testing';
import { openReportContent } from '@weerbaar/sdk/crypto';
import type { WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
import type { ReportButton } from '../src/report-button/report-button.js';
import type { ReportDialog } from '../src/report-dialog/report-dialog.js';
import { reportDialogStrings } from '../src/report-dialog/report-dialog.strings.js';
import { deepText, shadow, waitUntil } from './browser-helpers.js';

// Answers from a backend may take a while on a busy machine (thousands of items).
const answerTimeout = { timeout: 15_000 };

export function dialogOf(button: ReportButton): ReportDialog | null {
  return button.shadowRoot!.querySelector('weerbaar-report-dialog');
}

export function inDialog<T extends Element = HTMLElement>(button: ReportButton, selector: string): T | null {
  return dialogOf(button)?.shadowRoot?.querySelector<T>(selector) ?? null;
}

export function heading(button: ReportButton): string {
  return inDialog(button, '#step-heading')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

export async function settle(button: ReportButton): Promise<void> {
  await button.updateComplete;
  await dialogOf(button)?.updateComplete;
}

export async function untilHeading(button: ReportButton, text: string | RegExp, timeout = 15_000): Promise<void> {
  await waitUntil(() => (typeof text === 'string' ? heading(button).includes(text) : text.test(heading(button))), `no step heading "${text}" (now: "${heading(button)}")`, { timeout });
}

export async function open(button: ReportButton): Promise<void> {
  shadow<HTMLButtonElement>(button, '[part="button"]')!.click();
  await waitUntil(() => inDialog(button, 'dialog[open]'), 'the dialog did not open', { timeout: 10_000 });
  await settle(button);
}

export async function click(button: ReportButton, selector: string): Promise<void> {
  const target = inDialog(button, selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.click();
  await settle(button);
}

export async function clickText(button: ReportButton, text: string): Promise<void> {
  const target = [...dialogOf(button)!.shadowRoot!.querySelectorAll<HTMLElement>('button, a')].find((element) => element.textContent?.trim() === text);
  if (!target) throw new Error(`no button or link "${text}"`);
  target.click();
  await settle(button);
}

/** Opens the dialog and chooses to report to the organisation: the form's first step (who, what kind). */
export async function startReport(button: ReportButton, lang: 'nl' | 'en' = 'nl'): Promise<void> {
  await open(button);
  await clickText(button, lang === 'nl' ? 'Melden bij de organisatie' : 'Report to the organisation');
  await untilHeading(button, lang === 'nl' ? /1 van/ : /1 of/);
}

/** On the form's first step: a council member reports a threat; on to the second step. */
export async function chooseCouncilMemberThreat(button: ReportButton): Promise<void> {
  await click(button, '#role-council-member');
  await click(button, '#category-threat-intimidation');
  await click(button, '[part="next-button"]');
  await untilHeading(button, /2 van/);
}

export async function fill(button: ReportButton, field: string, value: string): Promise<void> {
  const control = inDialog<HTMLInputElement | HTMLTextAreaElement>(button, `[data-field="${field}"]`);
  if (!control) throw new Error(`no field ${field}`);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle(button);
}

/** Waits for `selector` in the dialog; on a timeout, says which step the dialog is at instead. */
export async function untilInDialog(button: ReportButton, selector: string, what: string): Promise<void> {
  try {
    await waitUntil(() => inDialog(button, selector), what, answerTimeout);
  } catch {
    throw new Error(`${what}; the dialog shows: ${deepText(button).slice(0, 400)}`);
  }
}

/** The id of the newest case whose description holds `marker` (opened with the key when sealed): other files send reports at the same time. */
export async function caseWith(handler: WeerbaarHandlerClient, privateKeyJwk: JsonWebKey, marker: string): Promise<string> {
  const { items } = await handler.listCases({ pageSize: 100, sort: '-receivedAt' });
  for (const summary of items) {
    const found = await handler.getCase(summary.caseId);
    const content = found.encryptedContent ? await openReportContent(privateKeyJwk, found.encryptedContent) : found.content;
    if (content?.description.includes(marker)) return summary.caseId;
  }
  throw new Error(`no case with ${marker}`);
}

/** Ticks every consent on the last step, one render at a time (each change renders the next list). */
export async function giveEveryConsent(button: ReportButton): Promise<void> {
  for (const consent of dialogOf(button)!.shadowRoot!.querySelectorAll<HTMLInputElement>('fieldset input[type="checkbox"]')) {
    consent.click();
    await settle(button);
  }
}

type StepCheck = (state: string) => Promise<void>;
const noCheck: StepCheck = async () => undefined;

/**
 * Opens the report dialog and fills in the form up to its last step, every consent given, ready
 * to send; calls `atEachStep` in every state on the way (the error summary included). Selectors
 * avoid the backend's ids (which are payloads in the `hostile-enums` answers).
 */
export async function fillReportForm(button: ReportButton, atEachStep: StepCheck = noCheck): Promise<void> {
  await open(button);
  await atEachStep('choose');
  await click(button, '.choices li:nth-child(2) button');
  await untilHeading(button, /1 van/);
  await atEachStep('form: about');
  await click(button, 'input[name="role"]');
  await click(button, 'input[name="category"]');
  await click(button, '[part="next-button"]');
  await untilHeading(button, /2 van/);
  await fill(button, 'description', 'Er werd geld aangeboden.');
  await atEachStep('form: what');
  await click(button, '[part="next-button"]');
  await untilHeading(button, /3 van/);
  await atEachStep('form: questions');
  await click(button, '[part="next-button"]');
  await untilHeading(button, /4 van/);
  await click(button, '#contactable-contact');
  await atEachStep('form: contact (with the contact explanation)');
  await click(button, '#contactable-anonymous');
  await click(button, '[part="next-button"]');
  await untilHeading(button, /5 van/);
  // An error summary whose links point at fields named by the backend's ids.
  await click(button, '[part="next-button"]');
  await waitUntil(() => inDialog(button, '#error-summary'), 'no error summary for the required consent');
  await atEachStep('form: send, with the error summary');
  inDialog<HTMLAnchorElement>(button, '#error-summary a')!.click();
  expect(dialogOf(button)!.shadowRoot!.activeElement?.getAttribute('type'), 'the error link did not move focus to the consent').to.equal('checkbox');
  await giveEveryConsent(button);
}

/** Makes a report through the dialog (see fillReportForm), then follows it up and replies. */
export async function reportAndFollowUp(button: ReportButton, atEachStep: StepCheck): Promise<void> {
  await fillReportForm(button, atEachStep);
  await click(button, '[part="next-button"]');
  await untilInDialog(button, '[part="receipt"]', 'no receipt');
  await atEachStep('receipt');
  await clickText(button, reportDialogStrings.nl.followUpLink);
  await untilHeading(button, reportDialogStrings.nl.followUpHeading);
  await atEachStep('follow-up: receipt entry');
  await click(button, '[part="open-case-button"]');
  await waitUntil(() => inDialog(button, '[part="case-status"]'), 'no case view', answerTimeout);
  await atEachStep('follow-up: case');
  await fill(button, 'reply', 'Dank u.');
  await click(button, '[part="reply-button"]');
  await waitUntil(() => inDialog(button, '.notice'), 'no notice after the reply', answerTimeout);
  await atEachStep('follow-up: case after a reply');
}
