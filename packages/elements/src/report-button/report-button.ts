import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { emit } from '../base/events.js';
import { LocaleController, readyToRender } from '../base/locale-controller.js';
import { safeHref } from '../base/safe-url.js';
import { hostStyles } from '../base/host.styles.js';
import { stringsProperty } from '../base/strings.js';
import type { ReportForm } from '@weerbaar/sdk';
import type { ReportDialog, ReportDialogStringKey } from '../report-dialog/report-dialog.js';
import { hasThirdPartyCode } from './isolation.js';
import { reportButtonStrings, type ReportButtonStringKey } from './report-button.strings.js';
import { reportButtonStyles } from './report-button.styles.js';

export type ReportButtonMode = 'report' | 'follow-up';
export type ReportButtonIsolation = 'inline' | 'window' | 'auto';
export type ReportButtonStringKeys = ReportButtonStringKey | ReportDialogStringKey;

// Where Weerbaar's own code comes from: scripts from there are not third parties.
const ownOrigin = new URL(import.meta.url).origin;

/**
 * One button that opens the whole report flow: choose what you need, report step by step, get a
 * receipt, and follow the case later with it.
 *
 * Before the script runs, the slotted content is the page's own link to the hosted report page, so
 * the button works without JavaScript. Only the button itself loads with the page; the dialog, the
 * form, the SDK and encryption load on the first press.
 *
 * @tagname weerbaar-report-button
 * @summary Opens the report flow: report, receive a receipt, follow the case.
 *
 * @slot - The fallback link to the hosted report page (e.g. `<a href="https://meld.example.nl/melden">Meld een misstand</a>`); its text becomes the button's label.
 *
 * @csspart button - The button (a link when the flow opens in its own window).
 * @csspart isolation-note - The sentence that says why the form opens in a separate window.
 * @csspart load-error - The message shown when the dialog could not be loaded.
 * @csspart dialog - The element that holds the dialog.
 * @csspart dialog-box - The native `<dialog>` box.
 * @csspart quick-exit - The quick exit button.
 * @csspart close-button - The close button.
 * @csspart emergency - The line with the emergency number 112.
 * @csspart choices - The list of choices at the start (support, report, anonymous crime tip).
 * @csspart progress - "Step n of m" with its progress bar.
 * @csspart error-summary - The error summary above the form.
 * @csspart next-button - The button to the next step (or send, on the last step).
 * @csspart anonymity-explanation - The form's explanation of anonymous reporting.
 * @csspart encryption-note - The note that the report is encrypted on the device.
 * @csspart not-sent - The "not sent yet" message.
 * @csspart retry-button - The button that sends again.
 * @csspart receipt - The receipt code.
 * @csspart receipt-warning - The warning that the receipt is the only way back in.
 * @csspart copy-button - The button that copies the receipt.
 * @csspart calendar-link - The link to the calendar file with the dates still ahead (and the days of the check-ins still to come).
 * @csspart open-case-button - The button that opens a case with a receipt.
 * @csspart case-status - The status of a followed case.
 * @csspart timeline - The history of a followed case.
 * @csspart messages - The messages of a followed case.
 * @csspart reply-button - The button that sends a reply.
 * @csspart upload-button - The button that sends a file.
 *
 * @cssproperty --weerbaar-report-button-background-color - Background of the button.
 * @cssproperty --weerbaar-report-button-color - Text colour of the button.
 * @cssproperty --weerbaar-report-button-dialog-background-color - Background of the dialog.
 * @cssproperty --weerbaar-report-button-dialog-max-inline-size - Widest the dialog gets.
 * @cssproperty --weerbaar-report-button-quick-exit-background-color - Background of the quick exit button (its text is white).
 * @cssproperty --weerbaar-report-button-error-color - Colour of error messages and the error summary's border.
 * @cssproperty --weerbaar-report-button-warning-background-color - Background of the receipt warning and the not-sent message.
 * @cssproperty --weerbaar-report-button-hint-color - Colour of hints under questions.
 * @cssproperty --weerbaar-report-button-receipt-font-family - Font of the receipt code.
 *
 * @fires weerbaar-report-submitted - A report was stored. Detail `{ submittedAt }` only: never its content or receipt.
 * @fires weerbaar-report-dialog-open - The dialog opened. Detail `{ mode }`.
 * @fires weerbaar-report-dialog-close - The dialog closed; everything typed into it is gone. Detail `{}`.
 * @fires weerbaar-support-request - The person chose "get support now"; cancel it to show your own support page.
 */
export class ReportButton extends LitElement {
  // Its first render uses none of the text styles (headings, fields): the dialog brings them on a press.
  static override styles = [hostStyles, reportButtonStyles];
  static override properties: PropertyDeclarations = {
    api: { type: String },
    mode: { type: String, reflect: true },
    isolation: { type: String, reflect: true },
    exitUrl: { type: String, attribute: 'exit-url' },
    supportHref: { type: String, attribute: 'support-href' },
    strings: stringsProperty,
    reportForm: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    loadFailed: { state: true, attribute: false },
    dialog: { state: true, attribute: false },
  };

  /** Base URL of the Weerbaar Reporting API (e.g. `https://meld.example.nl/v1`). */
  declare api: string | undefined;
  /** `report` (default) starts with the choice of what you need; `follow-up` asks for the receipt straight away. */
  declare mode: ReportButtonMode;
  /**
   * `inline` opens the dialog on this page (a trusted intranet); `window` opens the hosted report
   * page on the reporting origin as a top-level page; `auto` (default) uses `window` when this page
   * runs code from other origins or a known tracker, and says why.
   */
  declare isolation: ReportButtonIsolation;
  /** The neutral page the quick exit leaves to (replacing this page in the history). */
  declare exitUrl: string;
  /** A page with support contacts, used when nothing on this page handles `weerbaar-support-request`. */
  declare supportHref: string | undefined;
  /** Overrides for any visible text of the button and the dialog, by key; as an attribute: JSON. */
  declare strings: Partial<Record<ReportButtonStringKeys, string>> | undefined;
  /**
   * A report form (the contract's `ReportForm`) to use instead of the backend's, e.g. for a
   * preview or a page that words its own questions. Reports still go to `api`.
   */
  declare reportForm: ReportForm | undefined;
  /** The level of the dialog's heading (2 by default). */
  declare headingLevel: number;
  declare protected loadFailed: boolean;
  declare protected dialog: ReportDialog | undefined;

  readonly #lang = new LocaleController<ReportButtonStringKey>(this, () => reportButtonStrings);

  constructor() {
    super();
    this.mode = 'report';
    this.isolation = 'auto';
    this.exitUrl = 'https://www.google.nl/';
    this.headingLevel = 2;
    this.loadFailed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('weerbaar-report-request', this.#onReportRequest);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('weerbaar-report-request', this.#onReportRequest);
    this.#closeDialog();
  }

  // As every element's (WeerbaarElement): the first render waits for a task of its own, and any
  // render for its language table while that loads (a page in English).
  protected override async scheduleUpdate(): Promise<void> {
    await readyToRender(this.hasUpdated, this.#lang);
    super.scheduleUpdate();
  }

  protected override updated(): void {
    // The open dialog follows the button's settings (texts, backend) while it is open; it follows
    // the language itself, as every element does.
    if (this.dialog) Object.assign(this.dialog, this.#dialogSettings());
  }

  #dialogSettings(): Partial<ReportDialog> {
    return { api: this.api, reportForm: this.reportForm, strings: this.strings, exitUrl: this.exitUrl, supportHref: this.supportHref, headingLevel: this.headingLevel };
  }

  /** The page's fallback link to the hosted report page, if it gave one. */
  get #fallbackHref(): string | undefined {
    const href = this.querySelector('a[href]')?.getAttribute('href');
    return href ? new URL(href, document.baseURI).href : undefined;
  }

  /** Whether the flow must leave this page, and, for `auto`, whether that is because of other code on it. */
  #usesWindow(): boolean {
    if (this.isolation === 'window') return true;
    if (this.isolation === 'inline') return false;
    const own = [ownOrigin];
    if (this.api) own.push(new URL(this.api, document.baseURI).origin);
    return hasThirdPartyCode(window, own);
  }

  override render(): TemplateResult {
    const label = this.textContent?.replace(/\s+/g, ' ').trim() || this.#lang.text(this.mode === 'follow-up' ? 'followUp' : 'report');
    const inWindow = this.#usesWindow();
    const href = inWindow ? this.#fallbackHref : undefined;
    const explain = inWindow && this.isolation === 'auto';
    const describedBy = explain ? 'isolation-note' : nothing;
    return html`
      ${href
        ? html`<a class="button" part="button" href=${href} target="_blank" rel="noopener noreferrer" aria-describedby=${describedBy}>${label}</a>`
        : html`<button type="button" part="button" aria-haspopup=${inWindow ? nothing : 'dialog'} aria-describedby=${describedBy} @click=${this.#onPress}>${label}</button>`}
      ${explain ? html`<p id="isolation-note" part="isolation-note" class="note">${this.#lang.text('opensInWindow')}</p>` : nothing}
      ${this.loadFailed ? html`<p part="load-error" class="note" role="alert">${this.#lang.text('loadFailed')}</p>` : nothing}
      ${this.dialog ?? nothing}
    `;
  }

  #onPress = (): void => {
    void this.open();
  };

  #onReportRequest = (event: Event): void => {
    const request = event as CustomEvent<{ signals: string[] }>;
    if (this.mode !== 'report' || request.defaultPrevented || this.dialog || this.#usesWindow()) return;
    request.preventDefault();
    void this.open(request.detail?.signals ?? []);
  };

  /**
   * Opens the flow: the dialog (loaded on first use), or the hosted report page when the flow
   * must run in its own window. `signals` are checklist signal ids the person chose to include.
   */
  async open(signals: string[] = []): Promise<void> {
    if (this.#usesWindow()) return this.#openWindow();
    if (this.dialog) return;
    this.loadFailed = false;
    let dialog: ReportDialog;
    try {
      const { ReportDialog } = await import('../report-dialog/report-dialog.js');
      dialog = new ReportDialog();
    } catch {
      this.loadFailed = true;
      return;
    }
    Object.assign(dialog, { ...this.#dialogSettings(), mode: this.mode, signals });
    dialog.part.add('dialog');
    dialog.addEventListener('weerbaar-dialog-closed', () => this.#closeDialog(), { once: true });
    this.dialog = dialog;
    await this.updateComplete;
    await dialog.show();
    emit(this, 'weerbaar-report-dialog-open', { mode: this.mode });
  }

  async #openWindow(): Promise<void> {
    let url = this.#fallbackHref;
    if (!url && this.api) {
      const { clientFor } = await import('../base/sdk-client.js');
      // Only an https page: a broken or hostile backend must not make the button open `javascript:` or `data:`.
      url = safeHref((await (await clientFor(this.api)).discover().catch(() => undefined))?.capabilities?.hostedReportPage?.url);
    }
    // noopener: the report page gets no handle back into this page, and this page none into it.
    if (url) window.open(url, '_blank', 'noopener,noreferrer');
    else this.loadFailed = true;
  }

  #closeDialog(): void {
    if (!this.dialog) return;
    // Dropping the element drops everything typed into it: nothing was ever stored elsewhere.
    this.dialog = undefined;
    this.renderRoot.querySelector<HTMLElement>('[part="button"]')?.focus();
    emit(this, 'weerbaar-report-dialog-close', {});
  }
}
