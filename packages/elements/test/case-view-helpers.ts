// Shared steps of the case view's browser tests: reports sent as a reporter would, the view
// mounted with a handler client, the key file chosen as a person chooses it.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type ReportContent } from '@weerbaar/sdk';
import { createHandlerClient, type WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
// @ts-expect-error -- a virtual module served by test-support/wtr-reference-server.mjs
import { apiUrl, handlerToken, privateKeyJwk as testKey } from '/__weerbaar/test-env.js';
import type { CaseView } from '../src/case-view/case-view.js';
import { createCaseKeyring } from '../src/case-view/keyring.js';
import '../src/case-view/define.js';
import { mount, shadow, shadowAll, shadowText, waitUntil } from './browser-helpers.js';

export const api = apiUrl as string;
export const privateKeyJwk = testKey as JsonWebKey;
export const handler = createHandlerClient({ baseUrl: api, token: handlerToken as string });
export const reporter = createClient({ baseUrl: api });
export const HOSTILE = '<img src=x onerror="window.__owned=1"><script>window.__owned=1</script>';

/** A report as the reporter sends it (sealed by the SDK, since the server advertises encryption); its receipt and case id. */
export async function report(marker: string, text = '', more: Partial<ReportContent> = {}): Promise<{ receipt: string; caseId: string }> {
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
      ...more,
    },
  });
  const { items } = await handler.listCases({ pageSize: 100, sort: '-receivedAt' });
  const { openReportContent } = await import('@weerbaar/sdk/crypto');
  for (const summary of items) {
    const found = await handler.getCase(summary.caseId);
    const content = found.encryptedContent ? await openReportContent(privateKeyJwk, found.encryptedContent) : found.content;
    if (content?.description.includes(marker)) return { receipt: receipt.receipt, caseId: summary.caseId };
  }
  throw new Error(`no case with ${marker}`);
}

export async function openView(
  caseId: string,
  lang: 'nl' | 'en' = 'nl',
  client: WeerbaarHandlerClient = handler,
  keyring = createCaseKeyring(),
  more: Partial<Pick<CaseView, 'me' | 'discovery'>> = {},
): Promise<CaseView> {
  const view = await mount<CaseView>(lang, 'weerbaar-case-view', { properties: { client, caseId, keyring, ...more } });
  await waitUntil(() => !shadow(view, '[role="status"]')?.textContent?.includes(lang === 'nl' ? 'geladen' : 'Loading'), 'the case did not load', { timeout: 20_000 });
  await view.updateComplete;
  return view;
}

/** Sets a form control's value as typing or choosing does (the view listens to `input` and `change`). */
export async function setValue(view: CaseView, selector: string, value: string): Promise<void> {
  const control = shadow<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(view, selector)!;
  control.value = value;
  control.dispatchEvent(new Event('input'));
  control.dispatchEvent(new Event('change'));
  await view.updateComplete;
}

export async function click(view: CaseView, selector: string): Promise<void> {
  shadow<HTMLElement>(view, selector)!.click();
  await view.updateComplete;
}

/** Chooses the key file in the view's file input, as a person does, and opens the report. */
export async function importKey(view: CaseView, text = JSON.stringify(privateKeyJwk)): Promise<void> {
  const input = shadow<HTMLInputElement>(view, '#key-file')!;
  const files = new DataTransfer();
  files.items.add(new File([text], 'organisatiesleutel.json', { type: 'application/json' }));
  input.files = files.files;
  shadow<HTMLButtonElement>(view, '[part="key-button"]')!.click();
}

export const answers = (view: CaseView) =>
  shadowAll(view, '.answers .row').map((row) => [row.querySelector('dt')!.textContent!.trim(), row.querySelector('dd')!.textContent!.trim()]);

export async function untilText(view: CaseView, text: string, message = `no "${text}"`): Promise<void> {
  await waitUntil(() => shadowText(view).includes(text), message, { timeout: 20_000 });
  await view.updateComplete;
}

const focusedIn = (view: CaseView) => view.shadowRoot!.activeElement as HTMLElement | null;

/** Moves focus forward by Tab until the control with this id in the case view has it (a person tabbing through the form). */
export async function tabToField(view: CaseView, id: string): Promise<void> {
  for (let step = 0; step < 40 && focusedIn(view)?.id !== id; step++) await sendKeys({ press: 'Tab' });
  expect(focusedIn(view)?.id, `Tab reaches #${id}`).to.equal(id);
}
