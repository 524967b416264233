// Steps of the report dialog's browser tests: find things in the dialog inside the report button's
// shadow root, press, fill in and wait for a step.
import { waitUntil } from '@open-wc/testing';
import type { ReportButton } from '../src/report-button/report-button.js';
import type { ReportDialog } from '../src/report-dialog/report-dialog.js';
import { shadow } from './browser-helpers.js';

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

export async function fill(button: ReportButton, field: string, value: string): Promise<void> {
  const control = inDialog<HTMLInputElement | HTMLTextAreaElement>(button, `[data-field="${field}"]`);
  if (!control) throw new Error(`no field ${field}`);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle(button);
}

