import { LitElement, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ReportForm } from '@weerbaar/sdk';
import { defineElement } from '../base/define-element.js';
import { LocaleController } from '../base/locale-controller.js';
import type { SupportedLocale } from '../base/locale.js';
import { defaultExitUrl, quickExit } from '../base/quick-exit.js';
import { sharedStyles } from '../base/shared.styles.js';
import { chooseView, supportView } from './choose-view.js';
import type { DialogContext } from './dialog-context.js';
import { caseView, followUpEntryView } from './follow-up-view.js';
import type { FieldContext } from './form-controls.js';
import { formView } from './form-view.js';
import { printAlone } from '../base/print-alone.js';
import { receiptView } from './receipt-view.js';
import { reportDialogStrings, type ReportDialogStringKey } from './report-dialog.strings.js';
import { reportDialogStyles } from './report-dialog.styles.js';
import { ReportFlow } from './report-flow.js';
import { StepFocus } from './step-focus.js';

export type { ReportDialogStringKey };

const dialogParts =
  'dialog-box, quick-exit, close-button, emergency, choices, progress, error-summary, next-button, anonymity-explanation, encryption-note, not-sent, retry-button, receipt, receipt-warning, copy-button, print-button, download-link, calendar-link, files, privacy-link, open-case-button, case-status, timeline, messages, reply-button, upload-button';

/**
 * The report flow inside a native modal `<dialog>`. Loaded on the report button's first press and
 * rendered inside the button's shadow root; not meant to be used on its own. Everything typed into
 * it lives in this element's memory and is dropped with it.
 *
 * It composes three controllers — its language and texts (`LocaleController`), the flow's state
 * and its conversations with the backend (`ReportFlow`), and where focus goes on each step
 * (`StepFocus`) — and renders the view modules for the step the flow is at. What stays here is the
 * dialog itself: its bar with the quick exit, the 112 line, the live region and the close guard.
 *
 * @internal
 */
export class ReportDialog extends LitElement {
  static override styles = [sharedStyles, reportDialogStyles];
  static override properties: PropertyDeclarations = {
    api: { attribute: false },
    mode: { attribute: false },
    strings: { attribute: false },
    exitUrl: { attribute: false },
    supportHref: { attribute: false },
    headingLevel: { attribute: false },
    signals: { attribute: false },
    reportForm: { attribute: false },
    confirming: { state: true },
  };

  declare api: string | undefined;
  declare mode: 'report' | 'follow-up';
  declare strings: Partial<Record<string, string>> | undefined;
  declare exitUrl: string;
  declare supportHref: string | undefined;
  declare headingLevel: number;
  /** Checklist signal ids the person agreed to take into the report. */
  declare signals: string[];
  /** A report form given by the page instead of the backend's (the backend still receives the report). */
  declare reportForm: ReportForm | undefined;
  /** The question the dialog asks instead of showing the step: stop without sending, or close without the receipt kept. */
  declare protected confirming: 'discard' | 'receipt' | undefined;

  readonly #lang = new LocaleController<ReportDialogStringKey>(this, () => reportDialogStrings);
  readonly stepFocus = new StepFocus(this);
  readonly flow = new ReportFlow(this);

  constructor() {
    super();
    this.mode = 'report';
    this.exitUrl = defaultExitUrl;
    this.headingLevel = 2;
    this.signals = [];
    this.confirming = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The dialog's own parts, styleable from the page as weerbaar-report-button::part(...).
    this.setAttribute('exportparts', dialogParts);
    window.addEventListener('afterprint', this.#onPrinted);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('afterprint', this.#onPrinted);
    this.#showPageAgain?.();
  }

  protected override updated(): void {
    // While the receipt is on screen, printing (the button or the browser's command) prints it alone.
    const receiptShown = this.flow.view.name === 'receipt' && !this.confirming;
    if (receiptShown && !this.#showPageAgain) this.#showPageAgain = printAlone(this);
    if (!receiptShown && this.#showPageAgain) {
      this.#showPageAgain();
      this.#showPageAgain = undefined;
    }
  }

  #showPageAgain: (() => void) | undefined;

  // Printing the receipt, also with the browser's own command, counts as keeping it.
  #onPrinted = (): void => {
    if (this.flow.view.name === 'receipt') this.flow.keepReceipt();
  };

  /** The language in effect (the nearest `lang` above the report button). */
  get locale(): SupportedLocale {
    return this.#lang.locale;
  }

  /** A text of the dialog in its language, with the site's override when it gave one. */
  t(key: ReportDialogStringKey, values?: Record<string, string | number>): string {
    return this.#lang.text(key, values);
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Opens the dialog modally, at the step that fits how it was opened. */
  async show(): Promise<void> {
    await this.updateComplete;
    this.#dialog?.showModal();
    await this.flow.start(this.mode);
  }

  // ---- closing, guarded closing, quick exit ----------------------------------------------------

  /** What to do once the dialog has closed, instead of leaving focus on the report button. */
  #afterClose: (() => void) | undefined;

  #close = (then?: () => void): void => {
    this.#afterClose = then;
    this.#dialog?.close();
  };

  /** Whether closing now would lose something: a report not sent, or a receipt not kept. */
  #wouldLose(): 'discard' | 'receipt' | undefined {
    if (this.flow.hasUnsent()) return 'discard';
    return this.flow.receiptAtRisk() ? 'receipt' : undefined;
  }

  #requestClose = (): void => {
    this.confirming = this.#wouldLose();
    if (!this.confirming) return this.#close();
    this.stepFocus.moveTo(`#${this.confirming}-heading`);
    this.stepFocus.announce(this.t(this.confirming === 'discard' ? 'discardHeading' : 'receiptAtRiskHeading'));
  };

  #onCancel = (event: Event): void => {
    // Escape: the same guard as the close button, so a stray key press cannot throw away a report or its receipt.
    event.preventDefault();
    if (this.confirming) this.#keepGoing();
    else this.#requestClose();
  };

  // The browser does not let a page cancel the dialog's `cancel` event without a recent user
  // activation; handling Escape on keydown keeps the guard reliable.
  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Tab') return this.#keepTabInside(event);
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (this.confirming || this.#wouldLose()) this.#onCancel(event);
  };

  /**
   * Tab from the last control goes to the first and Shift+Tab from the first to the last, as in
   * every modal: browsers otherwise let focus wander through the page behind the modal's top layer.
   */
  #keepTabInside(event: KeyboardEvent): void {
    // The first control is always the quick exit and the last a button, so radio groups need no care here.
    const controls = [...this.renderRoot.querySelectorAll<HTMLElement>('a[href], button:not(:disabled), input:not(:disabled), textarea:not(:disabled), select:not(:disabled)')].filter((control) => control.getClientRects().length > 0);
    const [first, last] = [controls[0], controls.at(-1)];
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    const wrapTo = event.shiftKey ? (active === first || !active ? last : undefined) : active === last ? first : undefined;
    if (!wrapTo) return;
    event.preventDefault();
    wrapTo.focus();
  }

  #keepGoing = (): void => {
    this.confirming = undefined;
    this.stepFocus.moveTo('#step-heading');
  };

  #onClosed = (): void => {
    this.flow.wipe();
    this.dispatchEvent(new Event('weerbaar-dialog-closed'));
    this.#afterClose?.();
    this.#afterClose = undefined;
  };

  #quickExit = (): void => {
    quickExit(this.exitUrl, () => {
      this.flow.wipe();
      this.#close();
    });
  };

  // ---- rendering -------------------------------------------------------------------------------

  #heading = (content: unknown, { id = 'step-heading', depth = 0 }: { id?: string; depth?: number } = {}): TemplateResult => {
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel || 2) + depth));
    return html`<div role="heading" aria-level=${level} id=${id} tabindex=${ifDefined(depth === 0 ? '-1' : undefined)} class="heading heading-${depth}">${content}</div>`;
  };

  get #context(): DialogContext {
    const flow = this.flow;
    const fields: FieldContext = { errorFor: (field) => flow.problemFor(field)?.message, optionalText: this.t('optional') };
    return {
      t: (key, values) => this.t(key, values),
      heading: this.#heading,
      flow,
      fields,
      locale: this.locale,
      signals: this.signals,
      host: this,
      supportHref: this.supportHref,
      requestClose: this.#requestClose,
      close: this.#close,
    };
  }

  override render(): TemplateResult {
    const t = (key: ReportDialogStringKey) => this.t(key);
    return html`
      <dialog part="dialog-box" aria-labelledby="dialog-title" lang=${this.locale} @cancel=${this.#onCancel} @keydown=${this.#onKeydown} @close=${this.#onClosed}>
        <div class="top">
          <div class="bar">
            <span id="dialog-title" class="title">${t('dialogTitle')}</span>
            <button type="button" class="quick-exit" part="quick-exit" aria-describedby="quick-exit-hint" @click=${this.#quickExit}>${t('quickExit')}</button>
            <span id="quick-exit-hint" class="visually-hidden">${t('quickExitHint')}</span>
            <button type="button" class="secondary" part="close-button" @click=${this.#requestClose}>${t('close')}</button>
          </div>
          <p class="emergency" part="emergency">${t('emergencyLead')} <a href="tel:112">${t('emergencyCall')}</a></p>
        </div>
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.stepFocus.announcement}</div>
        <div class="body">${this.confirming ? this.#renderConfirm(this.confirming) : this.#renderView(this.#context)}</div>
      </dialog>
    `;
  }

  #renderConfirm(question: 'discard' | 'receipt'): TemplateResult {
    const [heading, text, back, close]: [ReportDialogStringKey, ReportDialogStringKey, ReportDialogStringKey, ReportDialogStringKey] =
      question === 'discard' ? ['discardHeading', 'discardText', 'discardCancel', 'discardConfirm'] : ['receiptAtRiskHeading', 'receiptAtRiskText', 'receiptAtRiskBack', 'receiptAtRiskClose'];
    return html`<div class="panel" role="group" aria-labelledby="${question}-heading">
      ${this.#heading(this.t(heading), { id: `${question}-heading` })}
      <p>${this.t(text)}</p>
      <div class="actions">
        <button type="button" @click=${this.#keepGoing}>${this.t(back)}</button>
        <button type="button" class="secondary" @click=${() => this.#close()}>${this.t(close)}</button>
      </div>
    </div>`;
  }

  #renderView(context: DialogContext): TemplateResult {
    const { t, flow } = context;
    const view = flow.view;
    switch (view.name) {
      case 'choose':
        return chooseView(context);
      case 'support':
        return supportView(context);
      case 'loading':
      case 'sending':
        return html`${this.#heading(t(view.name === 'sending' ? 'sending' : 'loading'))}<div class="spinner" aria-hidden="true"></div>`;
      case 'load-error':
        return html`${this.#heading(t('loadError'))}
          <div class="actions"><button type="button" @click=${() => (view.then === 'form' ? flow.startForm() : flow.go({ name: 'follow-up' }))}>${t('tryAgain')}</button></div>`;
      case 'form':
        return formView(context, view.page);
      case 'not-sent':
        return html`<div class="warning" part="not-sent">
          ${this.#heading(t('notSentHeading'))}
          <p>${t('notSentText')}</p>
          <div class="actions">
            <button type="button" part="retry-button" @click=${() => flow.send()}>${t('retry')}</button>
            <button type="button" class="secondary" @click=${() => flow.go({ name: 'form', page: flow.pages().length - 1 })}>${t('backToForm')}</button>
          </div>
        </div>`;
      case 'receipt':
        return receiptView(context, view.receipt, view.calendarUrl, view.receiptFileUrl);
      case 'follow-up':
        return followUpEntryView(context, this.mode);
      case 'case':
        return caseView(context, view.found, view.calendarUrl);
    }
  }
}

defineElement('weerbaar-report-dialog', ReportDialog);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-report-dialog': ReportDialog;
  }
}
