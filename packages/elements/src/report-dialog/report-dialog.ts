import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Discovery, FollowUpCase, FollowUpSession, ReportForm, ReportReceipt } from '@weerbaar/sdk';
import { defineElement } from '../base/define-element.js';
import { emit } from '../base/events.js';
import { LocaleController } from '../base/locale-controller.js';
import { safeHref } from '../base/safe-url.js';
import { clientFor, loadSdk } from '../base/sdk-client.js';
import { matchesShape, type Shape } from '../base/shape.js';
import { sharedStyles } from '../base/shared.styles.js';
import { calendarFile } from './calendar-file.js';
import { checkboxes, describedBy, fieldError, radios, textField, type ChoiceOption, type FieldContext, type TextFieldOptions } from './form-controls.js';
import { reportDialogStrings, type ReportDialogStringKey } from './report-dialog.strings.js';
import { reportDialogStyles } from './report-dialog.styles.js';
import { emptyDraft, formPages, hasUnsentContent, questionsFor, toSubmission, validatePage, type FieldProblem, type FormPage, type ReportDraft } from './report-draft.js';

export type { ReportDialogStringKey };

type View =
  | { name: 'choose' }
  | { name: 'support' }
  | { name: 'loading'; then: 'form' | 'follow-up' }
  | { name: 'load-error'; then: 'form' | 'follow-up' }
  | { name: 'form'; page: number }
  | { name: 'sending' }
  | { name: 'not-sent' }
  | { name: 'receipt'; receipt: ReportReceipt; calendarUrl: string }
  | { name: 'follow-up' }
  | { name: 'case'; found: FollowUpCase };

/** A message for the error summary and the field: `field` is the control it links to, if any. */
interface ShownProblem {
  field?: string;
  message: string;
}

type Option = ChoiceOption;

const metaDataKeys: Partial<Record<string, ReportDialogStringKey>> = {
  role: 'errRole',
  category: 'errCategory',
  description: 'errDescription',
  occurredOn: 'errOccurredOn',
  occurredPeriod: 'errOccurredPeriod',
  contactable: 'errContactable',
};

// What the dialog reads from the backend's answers (see shape.ts). An answer that does not match
// is treated like a failed request: the load-error, not-sent or follow-up error state, never a
// half-rendered step.
const optionShape: Shape = { id: 's', label: 's', 'hint?': 's' };
const reportFormShape: Shape = {
  roles: [optionShape],
  categories: [optionShape],
  questions: [{ id: 's', label: 's', 'hint?': 's', type: 's', required: 'b', 'maxLength?': 'n', 'options?': [optionShape], 'categories?': ['s'] }],
  anonymity: { explanation: 's', contactExplanation: 's' },
  consents: [{ id: 's', text: 's', required: 'b', 'link?': { 'href?': 's', 'label?': 's' } }],
};
const discoveryShape: Shape = {
  capabilities: { 'attachments?': { maxBytes: 'n', mediaTypes: ['s'] } },
  limits: { maxTextLength: 'n' },
};
const receiptShape: Shape = { receipt: 's', acknowledgeDueAt: 's', feedbackDueAt: 's', followUp: { available: 'b' } };
const followUpCaseShape: Shape = {
  status: 's',
  deadlines: { acknowledgeDueAt: 's', feedbackDueAt: 's' },
  timeline: [{ at: 's', type: 's' }],
  messages: [{ from: 's', sentAt: 's', 'body?': 's' }],
  canReply: 'b',
};

const dialogParts = 'dialog-box, quick-exit, close-button, emergency, choices, progress, error-summary, next-button, anonymity-explanation, encryption-note, not-sent, retry-button, receipt, receipt-warning, copy-button, calendar-link, open-case-button, case-status, timeline, messages, reply-button, upload-button';

/** The answer when it has the shape, else an error (handled like a failed request). */
function checked<T>(answer: T, shape: Shape): T {
  if (!matchesShape(answer, shape)) throw new TypeError('The backend answered in an unexpected shape');
  return answer;
}

/**
 * The report flow inside a native modal `<dialog>`. Loaded on the report button's first press and
 * rendered inside the button's shadow root; not meant to be used on its own. Everything typed into
 * it lives in this element's memory and is dropped with it.
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
    view: { state: true },
    draft: { state: true },
    problems: { state: true },
    confirmingDiscard: { state: true },
    announcement: { state: true },
    notice: { state: true },
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
  declare protected view: View;
  declare protected draft: ReportDraft;
  declare protected problems: ShownProblem[];
  declare protected confirmingDiscard: boolean;
  /** What the live region says: step changes and results. */
  declare protected announcement: string;
  /** A short confirmation shown in the current view (copied, message sent). */
  declare protected notice: string;

  readonly #lang = new LocaleController<ReportDialogStringKey>(this, () => reportDialogStrings);
  #form: ReportForm | undefined;
  #discovery: Discovery | undefined;
  #session: FollowUpSession | undefined;
  /** One idempotency key per logical submission: retries of the same report reuse it. */
  #pending: { fingerprint: string; idempotencyKey: string } | undefined;
  #receiptInput = '';
  #replyInput = '';
  #focusAfterUpdate: string | undefined;

  constructor() {
    super();
    this.mode = 'report';
    this.exitUrl = 'https://www.google.nl/';
    this.headingLevel = 2;
    this.signals = [];
    this.view = { name: 'choose' };
    this.draft = emptyDraft();
    this.problems = [];
    this.confirmingDiscard = false;
    this.announcement = '';
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The dialog's own parts, styleable from the page as weerbaar-report-button::part(...).
    this.setAttribute('exportparts', dialogParts);
  }

  get locale() {
    return this.#lang.locale;
  }

  #t(key: ReportDialogStringKey, values?: Record<string, string | number>): string {
    return this.#lang.text(key, values);
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Opens the dialog modally, at the step that fits how it was opened. */
  async show(): Promise<void> {
    await this.updateComplete;
    this.#dialog?.showModal();
    if (this.mode === 'follow-up') await this.#go({ name: 'follow-up' });
    else if (this.signals.length > 0) await this.#startForm();
    else await this.#go({ name: 'choose' });
  }

  /** Moves to a view, puts focus on its heading and tells screen readers where they are. */
  async #go(view: View, focus = '#step-heading'): Promise<void> {
    this.view = view;
    this.problems = [];
    this.notice = '';
    this.#focusAfterUpdate = focus;
    await this.updateComplete;
    this.announcement = this.renderRoot.querySelector('#step-heading')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  protected override updated(): void {
    if (!this.#focusAfterUpdate) return;
    this.renderRoot.querySelector<HTMLElement>(this.#focusAfterUpdate)?.focus();
    this.#focusAfterUpdate = undefined;
  }

  async #load(then: 'form' | 'follow-up'): Promise<boolean> {
    if (this.#form && this.#discovery) return true;
    this.#form ??= this.reportForm;
    if (this.#form && !this.api) return true;
    await this.#go({ name: 'loading', then });
    try {
      if (!this.api) throw new Error('No api attribute');
      const client = await clientFor(this.api);
      const [discovery, form] = await Promise.all([client.discover(), this.#form ?? client.getReportForm({ lang: this.locale })]);
      [this.#discovery, this.#form] = [checked(discovery, discoveryShape), checked(form, reportFormShape)];
      return true;
    } catch {
      this.#form = undefined;
      await this.#go({ name: 'load-error', then });
      return false;
    }
  }

  async #startForm(): Promise<void> {
    if (await this.#load('form')) await this.#go({ name: 'form', page: 0 });
  }

  // ---- closing, guarded closing, quick exit ----------------------------------------------------

  #hasUnsent(): boolean {
    return (this.view.name === 'form' || this.view.name === 'not-sent' || this.view.name === 'sending') && hasUnsentContent(this.draft);
  }

  #requestClose = (): void => {
    if (this.#hasUnsent()) {
      this.confirmingDiscard = true;
      this.#focusAfterUpdate = '#discard-heading';
      this.announcement = this.#t('discardHeading');
    } else this.#dialog?.close();
  };

  #onCancel = (event: Event): void => {
    // Escape: the same guard as the close button, so a stray key press cannot throw away a report.
    event.preventDefault();
    if (this.confirmingDiscard) this.#keepGoing();
    else this.#requestClose();
  };

  // The browser does not let a page cancel the dialog's `cancel` event without a recent user
  // activation; handling Escape on keydown keeps the guard reliable.
  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (this.confirmingDiscard || this.#hasUnsent()) this.#onCancel(event);
  };

  #keepGoing = (): void => {
    this.confirmingDiscard = false;
    this.#focusAfterUpdate = '#step-heading';
  };

  #onClosed = (): void => {
    this.#wipe();
    this.dispatchEvent(new Event('weerbaar-dialog-closed'));
  };

  /** Forgets everything: the draft, the receipt, the follow-up session (ended on the server too). */
  #wipe(): void {
    if (this.view.name === 'receipt' && this.view.calendarUrl) URL.revokeObjectURL(this.view.calendarUrl);
    void this.#session?.close().catch(() => undefined);
    this.#session = undefined;
    this.#pending = undefined;
    this.#receiptInput = '';
    this.#replyInput = '';
    this.draft = emptyDraft();
    this.view = { name: 'choose' };
  }

  #quickExit = (): void => {
    const target = this.#exitTarget();
    this.#wipe();
    this.#dialog?.close();
    // replace(): the page with the form is not left behind in the history for the Back button.
    window.location.replace(target);
  };

  #exitTarget(): string {
    try {
      const url = new URL(this.exitUrl, document.baseURI);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // fall through to the default neutral page
    }
    return 'https://www.google.nl/';
  }

  // ---- rendering -------------------------------------------------------------------------------

  #heading(content: unknown, { id = 'step-heading', depth = 0 }: { id?: string; depth?: number } = {}): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel || 2) + depth));
    return html`<div role="heading" aria-level=${level} id=${id} tabindex=${ifDefined(depth === 0 ? '-1' : undefined)} class="heading heading-${depth}">${content}</div>`;
  }

  override render(): TemplateResult {
    return html`
      <dialog part="dialog-box" aria-labelledby="dialog-title" lang=${this.locale} @cancel=${this.#onCancel} @keydown=${this.#onKeydown} @close=${this.#onClosed}>
        <div class="bar">
          <span id="dialog-title" class="title">${this.#t('dialogTitle')}</span>
          <button type="button" class="quick-exit" part="quick-exit" aria-describedby="quick-exit-hint" @click=${this.#quickExit}>${this.#t('quickExit')}</button>
          <span id="quick-exit-hint" class="visually-hidden">${this.#t('quickExitHint')}</span>
          <button type="button" class="secondary" part="close-button" @click=${this.#requestClose}>${this.#t('close')}</button>
        </div>
        <p class="emergency" part="emergency">${this.#t('emergencyLead')} <a href="tel:112">${this.#t('emergencyCall')}</a></p>
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
        <div class="body">${this.confirmingDiscard ? this.#renderDiscard() : this.#renderView()}</div>
      </dialog>
    `;
  }

  #renderDiscard(): TemplateResult {
    return html`<div class="panel" role="group" aria-labelledby="discard-heading">
      ${this.#heading(this.#t('discardHeading'), { id: 'discard-heading' })}
      <p>${this.#t('discardText')}</p>
      <div class="actions">
        <button type="button" @click=${this.#keepGoing}>${this.#t('discardCancel')}</button>
        <button type="button" class="secondary" @click=${() => this.#dialog?.close()}>${this.#t('discardConfirm')}</button>
      </div>
    </div>`;
  }

  #renderView(): TemplateResult {
    const view = this.view;
    switch (view.name) {
      case 'choose':
        return this.#renderChoose();
      case 'support':
        return this.#renderSupport();
      case 'loading':
      case 'sending':
        return html`${this.#heading(this.#t(view.name === 'sending' ? 'sending' : 'loading'))}<div class="spinner" aria-hidden="true"></div>`;
      case 'load-error':
        return html`${this.#heading(this.#t('loadError'))}
          <div class="actions"><button type="button" @click=${() => (view.then === 'form' ? this.#startForm() : this.#go({ name: 'follow-up' }))}>${this.#t('tryAgain')}</button></div>`;
      case 'form':
        return this.#renderForm(view.page);
      case 'not-sent':
        return this.#renderNotSent();
      case 'receipt':
        return this.#renderReceipt(view.receipt, view.calendarUrl);
      case 'follow-up':
        return this.#renderFollowUpEntry();
      case 'case':
        return this.#renderCase(view.found);
    }
  }

  #renderChoose(): TemplateResult {
    return html`
      ${this.#heading(this.#t('chooseHeading'))}
      <ul class="choices" part="choices">
        <li>
          <button type="button" class="choice" aria-describedby="support-hint" @click=${this.#chooseSupport}>${this.#t('chooseSupport')}</button>
          <p id="support-hint" class="hint">${this.#t('chooseSupportHint')}</p>
        </li>
        <li>
          <button type="button" class="choice" aria-describedby="report-hint" @click=${() => this.#startForm()}>${this.#t('chooseReport')}</button>
          <p id="report-hint" class="hint">${this.#t('chooseReportHint')}</p>
        </li>
        <li>
          <a class="choice" href="https://www.meldmisdaadanoniem.nl/" target="_blank" rel="noopener noreferrer" aria-describedby="tip-hint">${this.#t('chooseTip')}</a>
          <p id="tip-hint" class="hint">${this.#t('chooseTipHint')} <a href="tel:08007000">${this.#t('tipPhone')}</a></p>
        </li>
      </ul>
      <p class="follow-up-link">${this.#t('haveCode')} <button type="button" class="link" @click=${() => this.#go({ name: 'follow-up' })}>${this.#t('followUpLink')}</button></p>
    `;
  }

  #chooseSupport = (): void => {
    // The page decides first: it may show its own support page or directory.
    const handledByPage = !emit(this, 'weerbaar-support-request', {});
    const directory = document.querySelector('weerbaar-support-directory');
    if (handledByPage || directory) {
      this.#dialog?.close();
      if (!handledByPage) directory?.scrollIntoView({ block: 'start' });
      return;
    }
    void this.#go({ name: 'support' });
  };

  #renderSupport(): TemplateResult {
    const href = safeHref(this.supportHref ? new URL(this.supportHref, document.baseURI).href : undefined);
    return html`
      ${this.#heading(this.#t('supportHeading'))}
      <p>${this.#t('supportText')}</p>
      ${href ? html`<p><a href=${href}>${this.#t('supportLink')}</a></p>` : nothing}
      <div class="actions"><button type="button" class="secondary" @click=${() => this.#go({ name: 'choose' })}>${this.#t('back')}</button></div>
    `;
  }

  // ---- the form ---------------------------------------------------------------------------------

  #pages(): FormPage[] {
    return this.#form ? formPages(this.#form, this.draft) : [];
  }

  #update<K extends keyof ReportDraft>(key: K, value: ReportDraft[K]): void {
    this.draft = { ...this.draft, [key]: value };
  }

  #problemFor(field: string): ShownProblem | undefined {
    return this.problems.find((problem) => problem.field === field);
  }

  #message(problem: FieldProblem): string {
    const field = problem.subject ?? this.#fieldLabel(problem.field);
    switch (problem.problem) {
      case 'required':
        if (problem.field.startsWith('q-')) return this.#t('errQuestion', { field });
        if (problem.field.startsWith('consent-')) return this.#t('errConsent', { field });
        return this.#t(metaDataKeys[problem.field] ?? 'errDescription');
      case 'tooLong':
        return this.#t('errTooLong', { field });
      case 'invalidDate':
        return problem.field === 'occurredOn' ? this.#t('errOccurredOn') : this.#t('errInvalidDate', { field });
      case 'futureDate':
        return this.#t('errFutureDate');
      case 'invalidEmail':
        return this.#t('errEmail');
      case 'invalidPhone':
        return this.#t('errPhone');
      case 'missingChannel':
        return this.#t(problem.field === 'email' ? 'errEmailMissing' : 'errPhoneMissing');
    }
  }

  #fieldLabel(field: string): string {
    const labels: Record<string, ReportDialogStringKey> = {
      description: 'descriptionLabel',
      occurredPeriod: 'occurredPeriodLabel',
      location: 'locationLabel',
      involvedParties: 'involvedLabel',
    };
    return labels[field] ? this.#t(labels[field]) : field;
  }

  #onPageSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.view.name !== 'form' || !this.#form) return;
    const pages = this.#pages();
    const page = pages[this.view.page]!;
    const today = new Date().toISOString().slice(0, 10);
    const found = validatePage(page, this.draft, this.#form, { maxTextLength: this.#discovery?.limits.maxTextLength ?? 20_000, today });
    if (found.length > 0) return this.#showProblems(found.map((problem) => ({ field: problem.field, message: this.#message(problem) })));
    if (this.view.page < pages.length - 1) void this.#go({ name: 'form', page: this.view.page + 1 });
    else void this.#send();
  };

  #showProblems(problems: ShownProblem[]): void {
    this.problems = problems;
    this.#focusAfterUpdate = '#error-summary';
    this.announcement = `${this.#t('errorSummaryTitle')}: ${problems.map((problem) => problem.message).join('. ')}`;
  }

  #back = (): void => {
    if (this.view.name !== 'form') return;
    void (this.view.page === 0 ? this.#go({ name: 'choose' }) : this.#go({ name: 'form', page: this.view.page - 1 }));
  };

  #focusField(field: string, event: Event): void {
    event.preventDefault();
    // Field names hold the backend's question and consent ids: escaped, so no id can break the selector.
    this.renderRoot.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`)?.focus();
  }

  #renderErrorSummary(): TemplateResult | typeof nothing {
    if (this.problems.length === 0) return nothing;
    return html`<div id="error-summary" class="error-summary" part="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
      ${this.#heading(this.#t('errorSummaryTitle'), { id: 'error-summary-title', depth: 1 })}
      <ul>
        ${this.problems.map((problem) =>
          problem.field ? html`<li><a href="#${problem.field}" @click=${(event: Event) => this.#focusField(problem.field!, event)}>${problem.message}</a></li>` : html`<li>${problem.message}</li>`,
        )}
      </ul>
    </div>`;
  }

  #renderForm(pageIndex: number): TemplateResult {
    const pages = this.#pages();
    const page = pages[pageIndex]!;
    const titles: Record<FormPage, ReportDialogStringKey> = { about: 'pageAbout', what: 'pageWhat', questions: 'pageQuestions', contact: 'pageContact', send: 'pageSend' };
    const progress = this.#t('stepProgress', { step: pageIndex + 1, total: pages.length });
    const last = pageIndex === pages.length - 1;
    return html`
      ${this.#renderErrorSummary()}
      <p class="progress" part="progress"><span>${progress}</span><progress max=${pages.length} value=${pageIndex + 1} aria-hidden="true"></progress></p>
      ${this.#heading(html`<span class="visually-hidden">${progress}: </span>${this.#t(titles[page])}`)}
      <form novalidate @submit=${this.#onPageSubmit}>
        ${this.#renderPage(page)}
        <div class="actions">
          <button type="submit" part="next-button">${this.#t(last ? 'send' : 'next')}</button>
          <button type="button" class="secondary" @click=${this.#back}>${this.#t('back')}</button>
        </div>
      </form>
    `;
  }

  #renderPage(page: FormPage): TemplateResult {
    const form = this.#form!;
    const draft = this.draft;
    switch (page) {
      case 'about':
        return html`
          ${this.#radios('role', this.#t('roleLegend'), form.roles, draft.role, (value) => this.#update('role', value as ReportDraft['role']))}
          ${this.#radios('category', this.#t('categoryLegend'), form.categories, draft.category, (value) => this.#update('category', value as ReportDraft['category']))}
        `;
      case 'what':
        return html`
          ${this.#textField('description', this.#t('descriptionLabel'), draft.description, { multiline: true, hint: this.#t('descriptionHint'), maxLength: this.#discovery?.limits.maxTextLength })}
          ${this.#radios(
            'when',
            this.#t('whenLegend'),
            [
              { id: 'date', label: this.#t('whenDate') },
              { id: 'period', label: this.#t('whenPeriod') },
              { id: 'unknown', label: this.#t('whenUnknown') },
            ],
            draft.when,
            (value) => this.#update('when', value as ReportDraft['when']),
          )}
          ${draft.when === 'date' ? this.#textField('occurredOn', this.#t('occurredOnLabel'), draft.occurredOn, { type: 'date', max: new Date().toISOString().slice(0, 10) }) : nothing}
          ${draft.when === 'period' ? this.#textField('occurredPeriod', this.#t('occurredPeriodLabel'), draft.occurredPeriod, { hint: this.#t('occurredPeriodHint'), maxLength: 200 }) : nothing}
          ${this.#textField('location', this.#t('locationLabel'), draft.location, { optional: true, maxLength: 500 })}
          ${this.#textField('involvedParties', this.#t('involvedLabel'), draft.involvedParties, { optional: true, multiline: true, hint: this.#t('involvedHint'), maxLength: 2000 })}
        `;
      case 'questions':
        return html`${questionsFor(form, draft.category).map((question) => this.#question(question))}`;
      case 'contact':
        return this.#renderContactPage();
      case 'send':
        return this.#renderSendPage();
    }
  }

  #question(question: ReportForm['questions'][number]): TemplateResult {
    const field = `q-${question.id}`;
    const answer = this.draft.answers[question.id];
    const setAnswer = (value: string | string[]) => this.#update('answers', { ...this.draft.answers, [question.id]: value });
    const label = question.required ? question.label : `${question.label} ${this.#t('optional')}`;
    switch (question.type) {
      case 'single-choice':
        return this.#radios(field, label, question.options ?? [], typeof answer === 'string' ? answer : '', setAnswer, question.hint);
      case 'multiple-choice': {
        const chosen = Array.isArray(answer) ? answer : [];
        return this.#checkboxes(field, label, question.options ?? [], chosen, setAnswer, question.hint);
      }
      default:
        return this.#textField(field, question.label, typeof answer === 'string' ? answer : '', {
          type: question.type === 'date' ? 'date' : 'text',
          multiline: question.type === 'textarea',
          hint: question.hint,
          optional: !question.required,
          maxLength: question.type === 'date' ? undefined : (question.maxLength ?? 1000),
          onInput: setAnswer,
        });
    }
  }

  #renderContactPage(): TemplateResult {
    const form = this.#form!;
    const draft = this.draft;
    return html`
      <p class="explanation" part="anonymity-explanation">${form.anonymity.explanation}</p>
      ${this.#radios(
        'contactable',
        this.#t('contactLegend'),
        [
          { id: 'anonymous', label: this.#t('anonymous') },
          { id: 'contact', label: this.#t('withContact'), hint: form.anonymity.contactExplanation },
        ],
        draft.contactable === undefined ? '' : draft.contactable ? 'contact' : 'anonymous',
        (value) => this.#update('contactable', value === 'contact'),
      )}
      ${draft.contactable
        ? html`
            ${this.#textField('name', this.#t('nameLabel'), draft.name, { optional: true, autocomplete: 'name', maxLength: 200 })}
            ${this.#radios(
              'preferredChannel',
              this.#t('preferredLegend'),
              [
                { id: 'email', label: this.#t('byEmail') },
                { id: 'phone', label: this.#t('byPhone') },
              ],
              draft.preferredChannel,
              (value) => this.#update('preferredChannel', value as ReportDraft['preferredChannel']),
            )}
            ${this.#textField('email', this.#t('emailLabel'), draft.email, { type: 'email', autocomplete: 'email', optional: draft.preferredChannel !== 'email', maxLength: 254 })}
            ${this.#textField('phone', this.#t('phoneLabel'), draft.phone, { type: 'tel', autocomplete: 'tel', optional: draft.preferredChannel !== 'phone', maxLength: 20 })}
          `
        : nothing}
    `;
  }

  #renderSendPage(): TemplateResult {
    const form = this.#form!;
    const draft = this.draft;
    const labelOf = (options: Option[], id: string) => options.find((option) => option.id === id)?.label ?? id;
    return html`
      ${this.#heading(this.#t('summaryHeading'), { id: 'summary-heading', depth: 1 })}
      <dl class="summary" aria-labelledby="summary-heading">
        <dt>${this.#t('summaryRole')}</dt>
        <dd>${labelOf(form.roles, draft.role)}</dd>
        <dt>${this.#t('summaryCategory')}</dt>
        <dd>${labelOf(form.categories, draft.category)}</dd>
        <dt>${this.#t('summaryDescription')}</dt>
        <dd class="quote">${draft.description}</dd>
        <dt>${this.#t('summaryContact')}</dt>
        <dd>${this.#t(draft.contactable ? 'withContact' : 'anonymous')}</dd>
      </dl>
      ${this.signals.length > 0
        ? this.#checkboxes(
            'includeSignals',
            '',
            [{ id: 'yes', label: this.#t('signalsLabel', { count: this.signals.length }), hint: this.#t('signalsHint') }],
            draft.includeSignals ? ['yes'] : [],
            (value) => this.#update('includeSignals', value.includes('yes')),
          )
        : nothing}
      ${form.consents.length > 0
        ? html`<fieldset>
            <legend>${this.#t('consentsLegend')}</legend>
            ${form.consents.map((consent) => {
              const field = `consent-${consent.id}`;
              const problem = this.#problemFor(field);
              const link = safeHref(consent.link?.href);
              return html`<div class="option">
                ${problem ? html`<p id="${field}-error" class="field-error">${problem.message}</p>` : nothing}
                <input
                  type="checkbox"
                  id=${field}
                  data-field=${field}
                  .checked=${live(draft.consents.includes(consent.id))}
                  aria-invalid=${problem ? 'true' : 'false'}
                  aria-describedby=${ifDefined(problem ? `${field}-error` : undefined)}
                  @change=${(event: Event) => {
                    const checked = (event.target as HTMLInputElement).checked;
                    this.#update('consents', checked ? [...draft.consents, consent.id] : draft.consents.filter((id) => id !== consent.id));
                  }}
                />
                <label for=${field}>${consent.text}${consent.required ? nothing : html` ${this.#t('optional')}`}</label>
                ${link ? html` <a href=${link} target="_blank" rel="noopener noreferrer">${consent.link!.label ?? link}</a>` : nothing}
              </div>`;
            })}
          </fieldset>`
        : nothing}
      ${this.#discovery?.capabilities.encryption ? html`<p class="note" part="encryption-note">${this.#t('encryptedNote')}</p>` : nothing}
    `;
  }

  // ---- form controls (form-controls.ts) ----------------------------------------------------------

  get #fields(): FieldContext {
    return { errorFor: (field) => this.#problemFor(field)?.message, optionalText: this.#t('optional') };
  }

  #radios(field: string, legend: string, options: readonly Option[], value: string, onChange: (value: string) => void, hint?: string): TemplateResult {
    return radios(this.#fields, field, legend, options, value, onChange, hint);
  }

  #checkboxes(field: string, legend: string, options: readonly Option[], chosen: readonly string[], onChange: (value: string[]) => void, hint?: string): TemplateResult {
    return checkboxes(this.#fields, field, legend, options, chosen, onChange, hint);
  }

  /** A text field bound to the draft property of the same name, unless `onInput` says otherwise. */
  #textField(field: string, label: string, value: string, options: Omit<TextFieldOptions, 'onInput'> & { onInput?: (value: string) => void }): TemplateResult {
    const onInput = options.onInput ?? ((next: string) => this.#update(field as keyof ReportDraft, next as never));
    return textField(this.#fields, field, label, value, { ...options, onInput });
  }

  #describedBy(field: string, hint: string | undefined): string | undefined {
    return describedBy(this.#fields, field, hint);
  }

  #fieldError(field: string): TemplateResult | typeof nothing {
    return fieldError(this.#fields, field);
  }

  // ---- sending ----------------------------------------------------------------------------------

  async #send(): Promise<void> {
    const submission = toSubmission(this.draft, this.#form!, { locale: this.locale, signals: this.signals });
    const fingerprint = JSON.stringify(submission);
    // The same report keeps its key across retries, so a request that did arrive is stored once;
    // a changed report is a new submission.
    if (this.#pending?.fingerprint !== fingerprint) this.#pending = { fingerprint, idempotencyKey: crypto.randomUUID() };
    const { idempotencyKey } = this.#pending;
    await this.#go({ name: 'sending' });
    try {
      if (!this.api) throw new Error('No api attribute');
      // A receipt that cannot be shown counts as not sent: a retry reuses the key, so it stores nothing twice.
      const receipt = checked(await (await clientFor(this.api)).submitReport(submission, { idempotencyKey }), receiptShape);
      this.#pending = undefined;
      this.draft = emptyDraft();
      await this.#go({ name: 'receipt', receipt, calendarUrl: this.#calendarUrl(receipt) });
      emit(this, 'weerbaar-report-submitted', { submittedAt: new Date().toISOString() });
    } catch (error) {
      const { WeerbaarApiError } = await loadSdk();
      if (error instanceof WeerbaarApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
        await this.#go({ name: 'form', page: this.#pages().length - 1 });
        this.#showProblems([{ message: this.#t('errRejected') }]);
      } else await this.#go({ name: 'not-sent' });
    }
  }

  #renderNotSent(): TemplateResult {
    return html`<div class="warning" part="not-sent">
      ${this.#heading(this.#t('notSentHeading'))}
      <p>${this.#t('notSentText')}</p>
      <div class="actions">
        <button type="button" part="retry-button" @click=${() => this.#send()}>${this.#t('retry')}</button>
        <button type="button" class="secondary" @click=${() => this.#go({ name: 'form', page: this.#pages().length - 1 })}>${this.#t('backToForm')}</button>
      </div>
    </div>`;
  }

  // ---- the receipt ------------------------------------------------------------------------------

  #date(iso: string): string {
    const date = new Date(iso);
    // A backend's malformed date is shown as it came (as text), not thrown at the renderer.
    return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(this.locale, { dateStyle: 'long' }).format(date);
  }

  /** A Blob URL of the reminders file; empty when the backend's dates cannot be read (the receipt still shows). */
  #calendarUrl(receipt: ReportReceipt): string {
    if ([receipt.acknowledgeDueAt, receipt.feedbackDueAt].some((at) => Number.isNaN(new Date(at).getTime()))) return '';
    const ics = calendarFile(
      [
        { id: 'acknowledge', title: this.#t('calendarAcknowledgeTitle'), description: this.#t('calendarAcknowledgeText'), at: receipt.acknowledgeDueAt },
        { id: 'feedback', title: this.#t('calendarFeedbackTitle'), description: this.#t('calendarFeedbackText'), at: receipt.feedbackDueAt },
      ],
      { uidSuffix: crypto.randomUUID() },
    );
    return URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
  }

  async #copy(receipt: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(receipt);
      this.notice = this.#t('copied');
    } catch {
      this.notice = this.#t('copyFailed');
    }
    this.announcement = this.notice;
  }

  #renderReceipt(receipt: ReportReceipt, calendarUrl: string): TemplateResult {
    return html`
      ${this.#heading(this.#t('receiptHeading'))}
      <p class="receipt-label" id="receipt-label">${this.#t('receiptLabel')}</p>
      <p class="receipt" part="receipt" aria-labelledby="receipt-label">
        ${receipt.receipt.split('-').map((group, index) => html`${index > 0 ? html`<span class="separator">-</span>` : nothing}<span class="group">${group}</span>`)}
      </p>
      <p class="warning" part="receipt-warning"><strong>${this.#t('receiptWarning')}</strong></p>
      <div class="actions">
        <button type="button" part="copy-button" @click=${() => this.#copy(receipt.receipt)}>${this.#t('copy')}</button>
        <button type="button" class="secondary" @click=${() => window.print()}>${this.#t('print')}</button>
      </div>
      ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
      ${this.#heading(this.#t('nextHeading'), { id: 'next-heading', depth: 1 })}
      <ul>
        <li>${this.#t('nextAcknowledge', { date: this.#date(receipt.acknowledgeDueAt) })}</li>
        <li>${this.#t('nextFeedback', { date: this.#date(receipt.feedbackDueAt) })}</li>
        ${receipt.followUp.available ? html`<li>${this.#t('nextFollowUp')}</li>` : nothing}
      </ul>
      ${calendarUrl ? html`<p><a href=${calendarUrl} download="weerbaar.ics" part="calendar-link">${this.#t('calendar')}</a></p>` : nothing}
      <div class="actions">
        ${receipt.followUp.available
          ? html`<button type="button" class="secondary" @click=${() => {
              this.#receiptInput = receipt.receipt;
              void this.#go({ name: 'follow-up' });
            }}>${this.#t('followUpLink')}</button>`
          : nothing}
        <button type="button" @click=${() => this.#dialog?.close()}>${this.#t('done')}</button>
      </div>
    `;
  }

  // ---- follow-up --------------------------------------------------------------------------------

  #renderFollowUpEntry(): TemplateResult {
    return html`
      ${this.#renderErrorSummary()} ${this.#heading(this.#t('followUpHeading'))}
      <form novalidate @submit=${this.#openCase}>
        ${this.#textField('receipt', this.#t('receiptInputLabel'), this.#receiptInput, {
          hint: this.#t('receiptInputHint'),
          autocapitalize: 'characters',
          spellcheck: false,
          onInput: (value) => (this.#receiptInput = value),
        })}
        <div class="actions">
          <button type="submit" part="open-case-button">${this.#t('openCase')}</button>
          ${this.mode === 'report' ? html`<button type="button" class="secondary" @click=${() => this.#go({ name: 'choose' })}>${this.#t('back')}</button>` : nothing}
        </div>
      </form>
    `;
  }

  #openCase = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const receipt = this.#receiptInput.trim().toUpperCase().replace(/\s+/g, '');
    if (!receipt) return this.#showProblems([{ field: 'receipt', message: this.#t('errReceipt') }]);
    try {
      if (!this.api) throw new Error('No api attribute');
      const client = await clientFor(this.api);
      this.#discovery ??= checked(await client.discover(), discoveryShape);
      await this.#session?.close().catch(() => undefined);
      this.#session = await client.openFollowUp(receipt);
      this.#receiptInput = '';
      await this.#go({ name: 'case', found: checked(await this.#session.getCase(), followUpCaseShape) });
    } catch (error) {
      const { WeerbaarApiError, WeerbaarCapabilityError } = await loadSdk();
      const message =
        error instanceof WeerbaarCapabilityError
          ? this.#t('followUpUnavailable')
          : error instanceof WeerbaarApiError && error.status < 500
            ? this.#t('errReceiptUnknown')
            : this.api
              ? this.#t('networkError')
              : this.#t('followUpUnavailable');
      this.#showProblems([{ field: 'receipt', message }]);
    }
  };

  async #refreshCase(notice: string): Promise<void> {
    const found = checked(await this.#session!.getCase(), followUpCaseShape);
    this.view = { name: 'case', found };
    this.notice = notice;
    this.announcement = notice;
  }

  #sendReply = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const text = this.#replyInput.trim();
    if (!text) return this.#showProblems([{ field: 'reply', message: this.#t('errReply') }]);
    try {
      await this.#session!.sendMessage(text);
      this.#replyInput = '';
      this.problems = [];
      await this.#refreshCase(this.#t('replySent'));
    } catch {
      this.#showProblems([{ field: 'reply', message: this.#t('networkError') }]);
    }
  };

  #upload = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const limits = this.#discovery?.capabilities.attachments;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#attachment');
    const file = input?.files?.[0];
    if (!file || !limits) return this.#showProblems([{ field: 'attachment', message: this.#t('errAttachment') }]);
    if (!limits.mediaTypes.includes(file.type)) return this.#showProblems([{ field: 'attachment', message: this.#t('errAttachmentType') }]);
    if (file.size > limits.maxBytes) return this.#showProblems([{ field: 'attachment', message: this.#t('errAttachmentTooLarge') }]);
    try {
      await this.#session!.addAttachment(file);
      input!.value = '';
      this.problems = [];
      await this.#refreshCase(this.#t('uploaded'));
    } catch {
      this.#showProblems([{ field: 'attachment', message: this.#t('networkError') }]);
    }
  };

  #renderCase(found: FollowUpCase): TemplateResult {
    const attachments = this.#discovery?.capabilities.attachments;
    return html`
      ${this.#renderErrorSummary()} ${this.#heading(this.#t('followUpHeading'))}
      <dl class="summary" part="case-status">
        <dt>${this.#t('statusLabel')}</dt>
        <dd>${this.#t(`status_${found.status}`)}</dd>
      </dl>
      <ul>
        <li>${this.#t('nextAcknowledge', { date: this.#date(found.deadlines.acknowledgeDueAt) })}</li>
        <li>${this.#t('nextFeedback', { date: this.#date(found.deadlines.feedbackDueAt) })}</li>
      </ul>
      ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
      ${this.#heading(this.#t('timelineHeading'), { id: 'timeline-heading', depth: 1 })}
      <ol class="timeline" part="timeline" aria-labelledby="timeline-heading">
        ${found.timeline.map((entry) => html`<li><time datetime=${entry.at}>${this.#date(entry.at)}</time>: ${this.#t(`timeline_${entry.type}`)}</li>`)}
      </ol>
      ${this.#heading(this.#t('messagesHeading'), { id: 'messages-heading', depth: 1 })}
      ${found.messages.length === 0
        ? html`<p>${this.#t('noMessages')}</p>`
        : html`<ol class="messages" part="messages" aria-labelledby="messages-heading">
            ${found.messages.map(
              (message) => html`<li class=${message.from}>
                <p class="meta">${this.#t(message.from === 'handler' ? 'fromHandler' : 'fromReporter')}, <time datetime=${message.sentAt}>${this.#date(message.sentAt)}</time></p>
                <p class="quote">${message.body ?? this.#t('sealedMessage')}</p>
              </li>`,
            )}
          </ol>`}
      ${found.canReply
        ? html`<form novalidate @submit=${this.#sendReply}>
            ${this.#textField('reply', this.#t('replyLabel'), this.#replyInput, {
              multiline: true,
              maxLength: 10000,
              onInput: (value) => (this.#replyInput = value),
            })}
            <div class="actions"><button type="submit" part="reply-button">${this.#t('sendReply')}</button></div>
          </form>`
        : html`<p>${this.#t('cannotReply')}</p>`}
      ${found.canReply && attachments
        ? html`<form novalidate @submit=${this.#upload}>
            <div class="field ${this.#problemFor('attachment') ? 'invalid' : ''}">
              <label for="attachment">${this.#t('attachmentLabel')}</label>
              <p id="attachment-hint" class="hint">${this.#t('attachmentHint', { types: attachments.mediaTypes.join(', '), size: Math.floor(attachments.maxBytes / 1_048_576) || 1 })}</p>
              ${this.#fieldError('attachment')}
              <input
                id="attachment"
                data-field="attachment"
                type="file"
                accept=${attachments.mediaTypes.join(',')}
                aria-invalid=${this.#problemFor('attachment') ? 'true' : 'false'}
                aria-describedby=${ifDefined(this.#describedBy('attachment', 'hint'))}
              />
            </div>
            <div class="actions"><button type="submit" class="secondary" part="upload-button">${this.#t('upload')}</button></div>
          </form>`
        : nothing}
      <div class="actions"><button type="button" @click=${() => this.#dialog?.close()}>${this.#t('close')}</button></div>
    `;
  }
}

defineElement('weerbaar-report-dialog', ReportDialog);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-report-dialog': ReportDialog;
  }
}
