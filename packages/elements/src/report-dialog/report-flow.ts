import type { ReactiveController, ReactiveElement } from 'lit';
import type { Discovery, FollowUpCase, FollowUpSession, ReportForm, ReportReceipt } from '@weerbaar/sdk';
import * as fieldLimits from '@weerbaar/sdk/field-limits';
import { emit } from '../base/events.js';
import type { SupportedLocale } from '../base/locale.js';
import { clientFor, loadSdk } from '../base/sdk-client.js';
import { checked, discoveryShape, followUpCaseShape, receiptShape, reportFormShape } from './answer-shapes.js';
import { AftercareFlow } from './aftercare-flow.js';
import { calendarFile, checkInReminders } from './calendar-file.js';
import { fileTypesInWords } from './file-types.js';
import type { ReportDialogStringKey } from './report-dialog.strings.js';
import { dutchToday, emptyDraft, formPages, hasUnsentContent, toSubmission, validatePage, type FieldProblem, type FormPage, type ReportDraft } from './report-draft.js';
import type { StepFocus } from './step-focus.js';

/** Where the flow is: one view at a time. */
export type View =
  | { name: 'choose' }
  | { name: 'support' }
  | { name: 'loading'; then: 'form' | 'follow-up' }
  | { name: 'load-error'; then: 'form' | 'follow-up' }
  | { name: 'form'; page: number }
  | { name: 'sending' }
  | { name: 'not-sent' }
  | { name: 'receipt'; receipt: ReportReceipt; calendarUrl: string; receiptFileUrl: string }
  | { name: 'follow-up' }
  | { name: 'case'; found: FollowUpCase; calendarUrl: string };

/** A message for the error summary and the field: `field` is the control it links to, if any. */
export interface ShownProblem {
  field?: string;
  message: string;
}

/** What the flow needs from the dialog element that holds it. */
export interface ReportFlowHost extends ReactiveElement {
  api: string | undefined;
  /** A report form given by the page instead of the backend's (the backend still receives the report). */
  reportForm: ReportForm | undefined;
  /** Checklist signal ids the person agreed to take into the report. */
  signals: string[];
  readonly locale: SupportedLocale;
  readonly stepFocus: StepFocus;
  t(key: ReportDialogStringKey, values?: Record<string, string | number>): string;
}

const requiredMessages: Partial<Record<string, ReportDialogStringKey>> = {
  role: 'errRole',
  category: 'errCategory',
  description: 'errDescription',
  occurredOn: 'errOccurredOn',
  occurredPeriod: 'errOccurredPeriod',
  contactable: 'errContactable',
};

const fieldLabels: Partial<Record<string, ReportDialogStringKey>> = {
  description: 'descriptionLabel',
  occurredPeriod: 'occurredPeriodLabel',
  location: 'locationLabel',
  involvedParties: 'involvedLabel',
};

/**
 * The report flow's state and its three conversations with the backend: loading the form with
 * discovery, sending the report (one Idempotency-Key per logical report), and following a case
 * up. Views read this state and call these actions; the element renders whatever it holds now.
 * Everything here lives in memory only and goes with the element.
 */
export class ReportFlow implements ReactiveController {
  view: View = { name: 'choose' };
  draft: ReportDraft = emptyDraft();
  problems: ShownProblem[] = [];
  /** A short confirmation shown in the current view (copied, message sent). */
  notice = '';
  /** What was typed into the receipt field on the follow-up step, and into the reply field. */
  receiptInput = '';
  replyInput = '';
  /** Whether the receipt on screen was copied, printed or downloaded: only then it closes without asking. */
  receiptKept = false;

  readonly #host: ReportFlowHost;
  #form: ReportForm | undefined;
  #discovery: Discovery | undefined;
  #session: FollowUpSession | undefined;
  /** One idempotency key per logical submission: retries of the same report reuse it. */
  #pending: { fingerprint: string; idempotencyKey: string } | undefined;
  /** Blob URLs of the files offered (reminders, the receipt as text), released when the flow is wiped. */
  readonly #fileUrls = new Set<string>();

  /** The follow-up view's check-ins and support contacts. */
  readonly aftercare: AftercareFlow;

  constructor(host: ReportFlowHost) {
    this.#host = host;
    host.addController(this);
    this.aftercare = new AftercareFlow({
      session: () => this.#session,
      get locale() {
        return host.locale;
      },
      t: (key, values) => this.#t(key, values),
      showProblems: (problems) => this.showProblems(problems),
      requestUpdate: () => host.requestUpdate(),
      settle: (notice, selector) => {
        this.problems = [];
        this.#host.stepFocus.moveTo(selector);
        if (notice) this.#host.stepFocus.announce(notice);
      },
    });
  }

  hostDisconnected(): void {
    this.wipe();
  }

  /** The report form, once loaded. */
  get form(): ReportForm | undefined {
    return this.#form;
  }

  get discovery(): Discovery | undefined {
    return this.#discovery;
  }

  #t(key: ReportDialogStringKey, values?: Record<string, string | number>): string {
    return this.#host.t(key, values);
  }

  /** Moves to a view, puts focus on its heading and tells screen readers where they are. */
  async go(view: View, focus = '#step-heading'): Promise<void> {
    this.view = view;
    this.problems = [];
    this.notice = '';
    this.#host.stepFocus.moveTo(focus);
    await this.#host.updateComplete;
    this.#host.stepFocus.announceHeading();
  }

  /** The first step, for how the dialog was opened. */
  async start(mode: 'report' | 'follow-up'): Promise<void> {
    if (mode === 'follow-up') await this.go({ name: 'follow-up' });
    else if (this.#host.signals.length > 0) await this.startForm();
    else await this.go({ name: 'choose' });
  }

  async #load(then: 'form' | 'follow-up'): Promise<boolean> {
    if (this.#form && this.#discovery) return true;
    const { api, reportForm, locale } = this.#host;
    this.#form ??= reportForm;
    if (this.#form && !api) return true;
    await this.go({ name: 'loading', then });
    try {
      if (!api) throw new Error('No api attribute');
      const client = await clientFor(api);
      const [discovery, form] = await Promise.all([client.discover(), this.#form ?? client.getReportForm({ lang: locale })]);
      [this.#discovery, this.#form] = [checked(discovery, discoveryShape), checked(form, reportFormShape)];
      return true;
    } catch {
      this.#form = undefined;
      await this.go({ name: 'load-error', then });
      return false;
    }
  }

  async startForm(): Promise<void> {
    if (await this.#load('form')) await this.go({ name: 'form', page: 0 });
  }

  /** Whether closing now would throw away a report that was not sent. */
  hasUnsent(): boolean {
    const { name } = this.view;
    return (name === 'form' || name === 'not-sent' || name === 'sending') && hasUnsentContent(this.draft);
  }

  /** Whether closing now would lose the receipt: it is on screen and was not copied, printed or downloaded. */
  receiptAtRisk(): boolean {
    return this.view.name === 'receipt' && !this.receiptKept;
  }

  /** The person kept the receipt (copied, printed or downloaded it). */
  keepReceipt(): void {
    this.receiptKept = true;
  }

  /** Forgets everything: the draft, the receipt, the follow-up session (ended on the server too). */
  wipe(): void {
    for (const url of this.#fileUrls) URL.revokeObjectURL(url);
    this.#fileUrls.clear();
    this.receiptKept = false;
    void this.#session?.close().catch(() => undefined);
    this.#session = undefined;
    this.aftercare.reset();
    this.#pending = undefined;
    this.receiptInput = '';
    this.replyInput = '';
    this.draft = emptyDraft();
    this.view = { name: 'choose' };
  }

  // ---- the form ---------------------------------------------------------------------------------

  pages(): FormPage[] {
    return this.#form ? formPages(this.#form, this.draft) : [];
  }

  update<K extends keyof ReportDraft>(key: K, value: ReportDraft[K]): void {
    this.draft = { ...this.draft, [key]: value };
    this.#host.requestUpdate();
  }

  problemFor(field: string): ShownProblem | undefined {
    return this.problems.find((problem) => problem.field === field);
  }

  #message(problem: FieldProblem): string {
    const labelKey = fieldLabels[problem.field];
    const field = problem.subject ?? (labelKey ? this.#t(labelKey) : problem.field);
    switch (problem.problem) {
      case 'required':
        if (problem.field.startsWith('q-')) return this.#t('errQuestion', { field });
        if (problem.field.startsWith('consent-')) return this.#t('errConsent', { field });
        return this.#t(requiredMessages[problem.field] ?? 'errDescription');
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

  /** Checks the current step; moves on to the next one, or sends from the last. */
  submitPage(): void {
    if (this.view.name !== 'form' || !this.#form) return;
    const pages = this.pages();
    const page = pages[this.view.page]!;
    const today = dutchToday();
    const found = validatePage(page, this.draft, this.#form, { maxTextLength: this.#discovery?.limits.maxTextLength ?? fieldLimits.ReportContent.description.maxLength, today });
    if (found.length > 0) return this.showProblems(found.map((problem) => ({ field: problem.field, message: this.#message(problem) })));
    if (this.view.page < pages.length - 1) void this.go({ name: 'form', page: this.view.page + 1 });
    else void this.send();
  }

  back(): void {
    if (this.view.name !== 'form') return;
    void (this.view.page === 0 ? this.go({ name: 'choose' }) : this.go({ name: 'form', page: this.view.page - 1 }));
  }

  /** Shows the error summary (which gets focus) and says what is wrong. */
  showProblems(problems: ShownProblem[]): void {
    this.problems = problems;
    this.#host.stepFocus.moveTo('#error-summary');
    this.#host.stepFocus.announce(`${this.#t('errorSummaryTitle')}: ${problems.map((problem) => problem.message).join('. ')}`);
  }

  // ---- sending ----------------------------------------------------------------------------------

  async send(): Promise<void> {
    const { api, locale, signals } = this.#host;
    const submission = toSubmission(this.draft, this.#form!, { locale, signals });
    const fingerprint = JSON.stringify(submission);
    // The same report keeps its key across retries, so a request that did arrive is stored once;
    // a changed report is a new submission.
    if (this.#pending?.fingerprint !== fingerprint) this.#pending = { fingerprint, idempotencyKey: crypto.randomUUID() };
    const { idempotencyKey } = this.#pending;
    await this.go({ name: 'sending' });
    try {
      if (!api) throw new Error('No api attribute');
      // A receipt that cannot be shown counts as not sent: a retry reuses the key, so it stores nothing twice.
      const receipt = checked(await (await clientFor(api)).submitReport(submission, { idempotencyKey }), receiptShape);
      this.#pending = undefined;
      this.draft = emptyDraft();
      this.receiptKept = false;
      const receiptFileUrl = this.#fileUrl(`${this.#t('receiptLabel')}: ${receipt.receipt}\r\n\r\n${this.#t('receiptWarning')}\r\n`, 'text/plain');
      await this.go({ name: 'receipt', receipt, calendarUrl: this.#calendarUrl({ acknowledge: receipt.acknowledgeDueAt, feedback: receipt.feedbackDueAt, checkIns: receipt.checkInDays }), receiptFileUrl });
      emit(this.#host, 'weerbaar-report-submitted', { submittedAt: new Date().toISOString() });
    } catch (error) {
      const { WeerbaarApiError } = await loadSdk();
      // Only a refusal of the report itself sends the person back to the answers; a request still
      // in progress, a busy or unreachable backend, or a rotated key is "not sent yet" (a retry
      // reuses the key, so nothing is stored twice).
      if (error instanceof WeerbaarApiError && error.kind === 'rejected') {
        await this.go({ name: 'form', page: this.pages().length - 1 });
        this.showProblems([{ message: this.#t('errRejected') }]);
      } else await this.go({ name: 'not-sent' });
    }
  }

  // ---- the receipt ------------------------------------------------------------------------------

  #fileUrl(text: string, type: string): string {
    const url = URL.createObjectURL(new Blob([text], { type }));
    this.#fileUrls.add(url);
    return url;
  }

  /**
   * A Blob URL of the reminders file for the dates still ahead (the acknowledgement only while it
   * is due); empty when the backend's dates cannot be read (the step still shows).
   */
  #calendarUrl(due: { acknowledge?: string | undefined; feedback?: string | undefined; checkIns?: readonly string[] | undefined }): string {
    const reminders = [
      ...(due.acknowledge ? [{ id: 'acknowledge', title: this.#t('calendarAcknowledgeTitle'), description: this.#t('calendarAcknowledgeText'), at: due.acknowledge }] : []),
      ...(due.feedback ? [{ id: 'feedback', title: this.#t('calendarFeedbackTitle'), description: this.#t('calendarFeedbackText'), at: due.feedback }] : []),
    ];
    if (reminders.some(({ at }) => Number.isNaN(new Date(at).getTime()))) return '';
    reminders.push(...checkInReminders(due.checkIns ?? [], { title: this.#t('calendarCheckInTitle'), description: this.#t('calendarCheckInText') }));
    return reminders.length ? this.#fileUrl(calendarFile(reminders, { uidSuffix: crypto.randomUUID() }), 'text/calendar') : '';
  }

  /**
   * The case as the follow-up step shows it, with a reminders file of its current deadlines and the
   * check-in days still to come (these go on after the case is closed).
   */
  #caseView(found: FollowUpCase): View {
    const open = found.status !== 'closed';
    const calendarUrl = this.#calendarUrl({
      acknowledge: open && found.status === 'received' ? found.deadlines.acknowledgeDueAt : undefined,
      feedback: open ? found.deadlines.feedbackDueAt : undefined,
      checkIns: found.checkInDays,
    });
    return { name: 'case', found, calendarUrl };
  }

  async copy(receipt: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(receipt);
      this.notice = this.#t('copied');
      this.keepReceipt();
    } catch {
      this.notice = this.#t('copyFailed');
    }
    this.#host.stepFocus.announce(this.notice);
  }

  /** From the receipt to following the report, with the receipt filled in. */
  followUpWith(receipt: string): void {
    this.receiptInput = receipt;
    void this.go({ name: 'follow-up' });
  }

  // ---- follow-up --------------------------------------------------------------------------------

  async openCase(): Promise<void> {
    const receipt = this.receiptInput.trim().toUpperCase().replace(/\s+/g, '');
    if (!receipt) return this.showProblems([{ field: 'receipt', message: this.#t('errReceipt') }]);
    const { api } = this.#host;
    try {
      if (!api) throw new Error('No api attribute');
      const client = await clientFor(api);
      this.#discovery ??= checked(await client.discover(), discoveryShape);
      await this.#session?.close().catch(() => undefined);
      this.#session = await client.openFollowUp(receipt);
      this.receiptInput = '';
      const found = checked(await this.#session.getCase(), followUpCaseShape);
      await this.aftercare.load(api, this.#discovery, found);
      await this.go(this.#caseView(found));
    } catch (error) {
      const { WeerbaarApiError, WeerbaarCapabilityError } = await loadSdk();
      const message =
        error instanceof WeerbaarCapabilityError
          ? this.#t('followUpUnavailable')
          : error instanceof WeerbaarApiError && error.kind === 'rate-limited'
            ? this.#t('errTooManyTries')
            : error instanceof WeerbaarApiError && error.kind === 'rejected'
              ? this.#t('errReceiptUnknown')
              : api
              ? this.#t('networkError')
              : this.#t('followUpUnavailable');
      this.showProblems([{ field: 'receipt', message }]);
    }
  }

  async #refreshCase(notice: string): Promise<void> {
    this.view = this.#caseView(checked(await this.#session!.getCase(), followUpCaseShape));
    this.notice = notice;
    this.#host.stepFocus.announce(notice);
  }

  async sendReply(): Promise<void> {
    const text = this.replyInput.trim();
    if (!text) return this.showProblems([{ field: 'reply', message: this.#t('errReply') }]);
    try {
      await this.#session!.sendMessage(text);
      this.replyInput = '';
      this.problems = [];
      await this.#refreshCase(this.#t('replySent'));
    } catch {
      this.showProblems([{ field: 'reply', message: this.#t('networkError') }]);
    }
  }

  /** Checks the chosen file against discovery's limits and adds it to the case; true when it was added. */
  async upload(file: File | undefined): Promise<boolean> {
    const limits = this.#discovery?.capabilities.attachments;
    const problem = (message: string) => (this.showProblems([{ field: 'attachment', message }]), false);
    if (!file || !limits) return problem(this.#t('errAttachment'));
    if (!limits.mediaTypes.includes(file.type)) return problem(this.#t('errAttachmentType', { types: fileTypesInWords(limits.mediaTypes, this.#host.locale, (key, values) => this.#t(key, values)) }));
    if (file.size > limits.maxBytes) return problem(this.#t('errAttachmentTooLarge'));
    try {
      await this.#session!.addAttachment(file);
      this.problems = [];
      await this.#refreshCase(this.#t('uploaded'));
      return true;
    } catch {
      return problem(this.#t('networkError'));
    }
  }
}
