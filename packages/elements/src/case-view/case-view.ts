import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { CaseMessage, HandlerMessageRequest, StatusChangeRequest } from '@weerbaar/sdk';
import type { WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
import { LocaleController } from '../base/locale-controller.js';
import { longDate, type SupportedLocale } from '../base/locale.js';
import { sharedStyles } from '../base/shared.styles.js';
import { stringsProperty } from '../base/strings.js';
import {
  daysUntil,
  isCase,
  isCaseOptions,
  isMessageTemplates,
  isNoteList,
  isReportForm,
  labelIn,
  needsKey,
  openCase,
  questionRows,
  safeFileName,
  type AnswerRow,
  type Case,
  type CaseOptions,
  type Discovery,
  type Me,
  type MessageTemplates,
  type NoteList,
  type OpenedCase,
  type ReportForm,
} from './case-data.js';
import { caseViewStyles } from './case-view.styles.js';
import { caseViewStrings, type CaseViewStringKey } from './case-view.strings.js';
import { createCaseKeyring, privateKeyFromJwkText, type CaseKeyring } from './keyring.js';

/** The events the case view fires for the console around it. They carry no content. */
export interface CaseViewEventDetails {
  /** The person wants the list of cases again. */
  'weerbaar-case-back': Record<string, never>;
  /** The case changed (acknowledged, a message, a note, the status, access): refresh its row and the counts. */
  'weerbaar-case-changed': { caseId: string };
}

declare global {
  interface HTMLElementEventMap {
    'weerbaar-case-back': CustomEvent<CaseViewEventDetails['weerbaar-case-back']>;
    'weerbaar-case-changed': CustomEvent<CaseViewEventDetails['weerbaar-case-changed']>;
  }
}

type Kind = 'acknowledgement' | 'message' | 'question' | 'feedback';
type Section = 'key' | 'messages' | 'notes' | 'status' | 'files';
const MAX_TEXT = 10_000;
const statuses = ['received', 'acknowledged', 'investigating', 'closed'] as const;
const outcomes = ['measures-taken', 'referred', 'no-action-needed', 'insufficient-information', 'withdrawn'] as const;
/** The Netherlands: where the organisation that sets the deadlines is. */
const timeZone = 'Europe/Amsterdam';

interface Loaded {
  found: Case;
  discovery: Discovery;
  options?: CaseOptions | undefined;
  notes?: NoteList | undefined;
}

/**
 * One case in the console: the report with every answer labelled (opened on this device when it is
 * sealed), the files, the timeline the reporter sees, the messages with the reporter (with the
 * organisation's templates), internal notes that the reporter never sees, and the status. Every
 * call goes through the handler client it is given; nothing is stored anywhere.
 *
 * Not part of the public bundle: the console (`<weerbaar-case-inbox>`) loads it.
 *
 * @tagname weerbaar-case-view
 * @summary One case for the people who handle it: the report opened on this device, messages with templates, internal notes and the status.
 * @fires weerbaar-case-back - The person chose "back to the reports".
 * @fires weerbaar-case-changed - Something changed the case; detail `{ caseId }`.
 *
 * @csspart heading - The case's heading.
 * @csspart subheading - Section headings.
 * @csspart back-button - "Back to the reports".
 * @csspart summary - Status, subject, position, dates and deadlines.
 * @csspart answers - The report's answers.
 * @csspart timeline - The timeline.
 * @csspart messages - The messages with the reporter.
 * @csspart notes - The internal notes.
 *
 * @cssproperty --weerbaar-case-view-note-background-color - Background of internal notes (marked as never shown to the reporter).
 * @cssproperty --weerbaar-case-view-note-accent-color - Accent border of internal notes.
 * @cssproperty --weerbaar-case-view-error-color - Colour of error messages and overdue deadlines.
 * @cssproperty --weerbaar-case-view-hint-color - Colour of hints and dates.
 * @cssproperty --weerbaar-case-view-max-inline-size - Widest the case view gets.
 */
export class CaseView extends LitElement {
  static override styles = [sharedStyles, caseViewStyles];

  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    caseId: { type: String, attribute: 'case-id' },
    keyring: { attribute: false },
    me: { attribute: false },
    strings: stringsProperty,
    headingLevel: { type: Number, attribute: 'heading-level' },
    state: { state: true },
  };

  /** The handler client (`createHandlerClient` from `@weerbaar/sdk/handler`) with a signed-in person's access token or a handler token. */
  declare client: WeerbaarHandlerClient | undefined;
  /** The case to show. */
  declare caseId: string | undefined;
  /** The organisation's key for the session, shared by the console's case views; cleared at sign-out. */
  declare keyring: CaseKeyring;
  /** The signed-in person (the sign-in answer's `me`), when a person signed in. */
  declare me: Me | undefined;
  /** Overrides for any visible text, by key (`caseViewStrings`). */
  declare strings: Partial<Record<CaseViewStringKey, string>> | undefined;
  /** The level of the case's heading (2 by default); sections go one level deeper. */
  declare headingLevel: number;
  declare protected state: 'idle' | 'loading' | 'ready' | 'error' | 'not-found';

  readonly #lang = new LocaleController<CaseViewStringKey>(this, () => caseViewStrings);
  #loaded: Loaded | undefined;
  #opened: OpenedCase | undefined;
  /** The answer `#opened` was opened from: a reload opens again (a new note or message may be sealed). */
  #openedFrom: Loaded | undefined;
  #form: ReportForm | undefined;
  #templates = new Map<SupportedLocale, MessageTemplates>();
  #request = 0;
  #stopKeyring: (() => void) | undefined;
  /** The message being written. */
  #compose: { kind: Kind; lang: SupportedLocale; templateId: string; body: string } = { kind: 'message', lang: 'nl', templateId: '', body: '' };
  #noteText = '';
  #statusChoice: { status: string; outcome: string; note: string; substatus: string } = { status: '', outcome: '', note: '', substatus: '' };
  /** One problem or confirmation per section, shown and announced there. */
  #notices = new Map<Section, { text: string; error?: boolean; field?: string }>();
  #downloads = new Map<string, { url: string; name: string }>();
  #focusHeadingAfterLoad = false;
  #meAsked = false;

  constructor() {
    super();
    this.headingLevel = 2;
    this.keyring = createCaseKeyring();
    this.state = 'idle';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watchKeyring();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopKeyring?.();
    this.#stopKeyring = undefined;
    this.#forgetDownloads();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('keyring') && this.isConnected) this.#watchKeyring();
    if ((changed.has('client') || changed.has('caseId')) && this.client && this.caseId) void this.#load(true);
  }

  protected override updated(): void {
    if (this.#focusHeadingAfterLoad && this.state !== 'loading') {
      this.#focusHeadingAfterLoad = false;
      this.focusHeading();
    }
  }

  /** Moves focus to the case's heading (the console calls it after opening a case). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#case-heading')?.focus();
  }

  #watchKeyring(): void {
    this.#stopKeyring?.();
    this.#stopKeyring = this.keyring.subscribe(() => {
      this.#opened = undefined;
      this.#openedFrom = undefined;
      void this.#openSealed();
    });
  }

  #t(key: CaseViewStringKey, values?: Record<string, string | number>): string {
    return this.#lang.text(key, values);
  }

  get #locale(): SupportedLocale {
    return this.#lang.locale;
  }

  #heading(depth: number, content: unknown, id?: string): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel || 2) + depth));
    return html`<div role="heading" aria-level=${level} part=${depth === 0 ? 'heading' : 'subheading'} id=${id ?? nothing} tabindex=${depth === 0 ? '-1' : nothing} class="heading heading-${depth}">${content}</div>`;
  }

  #emit<K extends keyof CaseViewEventDetails>(name: K, detail: CaseViewEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** Reads the case (and what goes with it) again; `fresh` when another case was chosen. */
  async #load(fresh: boolean): Promise<void> {
    const client = this.client!;
    const caseId = this.caseId!;
    const request = ++this.#request;
    if (fresh) {
      this.state = 'loading';
      this.#loaded = undefined;
      this.#opened = undefined;
      this.#openedFrom = undefined;
      this.#notices.clear();
      this.#forgetDownloads();
      this.#compose = { kind: 'message', lang: this.#locale, templateId: '', body: '' };
      this.#noteText = '';
      this.#focusHeadingAfterLoad = true;
    }
    try {
      const discovery = await client.discover();
      const caseManagement = discovery.capabilities.caseManagement ?? {};
      const [found, options, notes] = await Promise.all([
        client.getCase(caseId),
        caseManagement.workflow ? client.getCaseOptions({ lang: this.#locale }).catch(() => undefined) : undefined,
        caseManagement.notes ? client.listNotes(caseId) : undefined,
      ]);
      if (request !== this.#request) return;
      if (!isCase(found) || (notes !== undefined && !isNoteList(notes))) {
        this.state = 'error';
        return;
      }
      this.#loaded = { found, discovery, options: isCaseOptions(options) ? options : undefined, notes };
      if (fresh) {
        this.#compose.lang = found.locale === 'en' ? 'en' : 'nl';
        this.#compose.kind = found.deadlines.acknowledgedAt ? 'message' : 'acknowledgement';
        this.#statusChoice = { status: found.status, outcome: '', note: '', substatus: found.substatus ?? '' };
      }
      this.state = 'ready';
      if (!this.me && !this.#meAsked && caseManagement.signIn) {
        // A handler token has no person behind it: then there is no name for the templates and no passkey.
        this.#meAsked = true;
        this.me = await client.getMe().catch(() => undefined);
      }
      await this.#openSealed();
      if (fresh) await this.#applyTemplate();
    } catch (error) {
      if (request !== this.#request) return;
      this.state = (error as { status?: number }).status === 404 || (error as { status?: number }).status === 403 ? 'not-found' : 'error';
    }
  }

  /** Opens what is sealed with the session's key; the labels of a sealed report come from the report form. */
  async #openSealed(): Promise<void> {
    const loaded = this.#loaded;
    const privateKey = this.keyring.privateKey;
    if (!loaded || !privateKey || !needsKey(loaded.found, loaded.notes) || this.#openedFrom === loaded) {
      this.requestUpdate();
      return;
    }
    try {
      const opened = await openCase(privateKey as JsonWebKey, loaded.found, loaded.notes);
      if (loaded !== this.#loaded) return;
      this.#opened = opened;
      this.#openedFrom = loaded;
      this.#notices.delete('key');
      if (opened.content?.answers && !loaded.found.labels?.questions) await this.#loadForm(loaded.found.locale);
    } catch {
      this.#notices.set('key', { text: this.#t('keyWrong'), error: true, field: 'key-file' });
    }
    this.requestUpdate();
  }

  async #loadForm(locale: string | undefined): Promise<void> {
    try {
      const form = await this.client!.getReportForm({ lang: locale ?? this.#locale });
      if (isReportForm(form)) this.#form = form;
    } catch {
      // Without the form, answers show by their question ids: still readable, never lost.
    }
  }

  async #templatesIn(lang: SupportedLocale): Promise<MessageTemplates | undefined> {
    if (!this.#loaded?.discovery.capabilities.caseManagement?.workflow) return undefined;
    let templates = this.#templates.get(lang);
    if (!templates) {
      const answer = await this.client!.getMessageTemplates({ lang }).catch(() => undefined);
      if (!isMessageTemplates(answer)) return undefined;
      templates = answer;
      this.#templates.set(lang, templates);
    }
    return templates;
  }

  /** Fills the message with the first template of its kind (or the chosen one), placeholders filled in. */
  async #applyTemplate(templateId?: string): Promise<void> {
    const templates = await this.#templatesIn(this.#compose.lang);
    const found = this.#loaded?.found;
    if (!found) return;
    const candidates = templates?.items.filter((template) => template.kind === this.#templateKind()) ?? [];
    const template = templateId === '' ? undefined : (candidates.find((item) => item.id === templateId) ?? (templateId === undefined ? candidates[0] : undefined));
    this.#compose.templateId = template?.id ?? '';
    if (template) {
      const values: Record<string, string> = {
        reference: found.reference,
        receivedOn: longDate(this.#compose.lang, new Date(found.receivedAt), timeZone),
        handlerName: this.me?.account.displayName ?? '',
      };
      this.#compose.body = template.body.replace(/\{(reference|receivedOn|handlerName)\}/g, (_, name: string) => values[name] ?? '');
    }
    this.requestUpdate();
  }

  #templateKind(): 'acknowledgement' | 'feedback' | 'message' {
    return this.#compose.kind === 'question' ? 'message' : this.#compose.kind;
  }

  /** Runs an action; on success reloads the case and tells the console, on failure says so in its section. */
  async #act(section: Section, action: () => Promise<unknown>, done?: CaseViewStringKey): Promise<boolean> {
    try {
      await action();
    } catch {
      this.#notices.set(section, { text: this.#t('actionFailed'), error: true });
      this.requestUpdate();
      return false;
    }
    if (done) this.#notices.set(section, { text: this.#t(done) });
    else this.#notices.delete(section);
    this.#emit('weerbaar-case-changed', { caseId: this.caseId! });
    await this.#load(false);
    return true;
  }

  async #importKey(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#key-file');
    const file = input?.files?.[0];
    const fail = (key: CaseViewStringKey) => {
      this.#notices.set('key', { text: this.#t(key), error: true, field: 'key-file' });
      this.requestUpdate();
      void this.updateComplete.then(() => input?.focus());
    };
    if (!file) return fail('keyMissing');
    // A key file is small; anything bigger is not one (and is not read into memory).
    const privateKey = file.size < 10_000 ? privateKeyFromJwkText(await file.text()) : undefined;
    if (!privateKey) return fail('keyNotAKey');
    if (input) input.value = '';
    this.#notices.delete('key');
    this.keyring.unlock(privateKey);
  }

  async #send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const body = this.#compose.body.trim();
    if (!body || body.length > MAX_TEXT) {
      this.#notices.set('messages', { text: body ? this.#t('composeTooLong', { max: MAX_TEXT }) : this.#t('composeEmpty'), error: true, field: 'compose-body' });
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#compose-body')?.focus();
      return;
    }
    const client = this.client!;
    const caseId = this.caseId!;
    const workflow = !!this.#loaded?.discovery.capabilities.caseManagement?.workflow;
    const kind = this.#compose.kind;
    const sent = await this.#act(
      'messages',
      () =>
        kind === 'acknowledgement'
          ? client.acknowledge(caseId, body)
          : kind === 'feedback' && workflow
            ? client.giveFeedback(caseId, body)
            : client.sendMessage(caseId, { body, kind } satisfies HandlerMessageRequest),
      'sent',
    );
    if (sent) {
      this.#compose = { ...this.#compose, kind: 'message', templateId: '', body: '' };
      this.requestUpdate();
    }
  }

  async #addNote(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const text = this.#noteText.trim();
    if (!text) {
      this.#notices.set('notes', { text: this.#t('noteEmpty'), error: true, field: 'note-body' });
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#note-body')?.focus();
      return;
    }
    if (await this.#act('notes', () => this.client!.addNote(this.caseId!, text), 'noteAdded')) {
      this.#noteText = '';
      this.requestUpdate();
    }
  }

  async #saveStatus(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { status, outcome, note } = this.#statusChoice;
    if (status === 'closed' && !outcome) {
      this.#notices.set('status', { text: this.#t('outcomeRequired'), error: true, field: 'status-outcome' });
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#status-outcome')?.focus();
      return;
    }
    const change = { status, ...(status === 'closed' ? { outcome } : {}), ...(note.trim() ? { note: note.trim() } : {}) } as StatusChangeRequest;
    if (await this.#act('status', () => this.client!.setStatus(this.caseId!, change), 'saved')) this.#statusChoice.note = '';
  }

  async #saveSubstatus(): Promise<void> {
    const substatus = this.#statusChoice.substatus || null;
    await this.#act('status', () => this.client!.setSubstatus(this.caseId!, substatus), 'saved');
  }

  async #download(attachmentId: string): Promise<void> {
    const loaded = this.#loaded!;
    const file = loaded.found.attachments.find((item) => item.id === attachmentId)!;
    try {
      const stored = await this.client!.downloadAttachment(loaded.found.caseId, attachmentId);
      let bytes = stored;
      let name = file.name ?? '';
      if (file.encrypted) {
        const privateKey = this.keyring.privateKey;
        if (!privateKey || !file.encryption) throw new Error('sealed');
        const { openAttachment } = await import('@weerbaar/sdk/crypto');
        const opened = await openAttachment(privateKey, file.encryption, stored);
        bytes = opened.bytes;
        name = opened.descriptor.name;
      }
      // Inert: a generic type, so the browser saves the file and never shows or runs it here.
      const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
      this.#downloads.get(attachmentId) && URL.revokeObjectURL(this.#downloads.get(attachmentId)!.url);
      const download = { url: URL.createObjectURL(blob), name: safeFileName(name, `${loaded.found.reference}-${attachmentId}`) };
      this.#downloads.set(attachmentId, download);
      this.#notices.set('files', { text: this.#t('downloadReady', { name: download.name }) });
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLAnchorElement>(`a[data-attachment="${CSS.escape(attachmentId)}"]`)?.click();
    } catch {
      this.#notices.set('files', { text: this.#t('downloadFailed'), error: true });
      this.requestUpdate();
    }
  }

  #forgetDownloads(): void {
    for (const { url } of this.#downloads.values()) URL.revokeObjectURL(url);
    this.#downloads.clear();
  }

  // ---------------------------------------------------------------- rendering

  protected override render(): TemplateResult {
    const back = html`<p class="no-print"><button type="button" class="secondary" part="back-button" @click=${() => this.#emit('weerbaar-case-back', {})}>${this.#t('back')}</button></p>`;
    const loaded = this.#loaded;
    if (this.state !== 'ready' || !loaded) {
      const message =
        this.state === 'error'
          ? html`<p role="alert">${this.#t('error')}</p>
              <p><button type="button" @click=${() => void this.#load(true)}>${this.#t('retry')}</button></p>`
          : this.state === 'not-found'
            ? html`<p role="alert">${this.#t('notFound')}</p>`
            : html`<p role="status">${this.#t('loading')}</p>`;
      return html`${back}${this.#heading(0, this.#t('caseHeading', { reference: '' }).trim(), 'case-heading')}${message}`;
    }
    const { found } = loaded;
    const locked = needsKey(found, loaded.notes) && !this.#opened;
    return html`
      ${back} ${this.#heading(0, this.#t('caseHeading', { reference: found.reference }), 'case-heading')} ${this.#summary(loaded)}
      ${locked ? this.#keyForm() : nothing} ${this.#report(loaded)} ${this.#files(loaded)} ${this.#timeline(found)} ${this.#messages(loaded)}
      ${this.#notes(loaded)} ${this.#status(loaded)}
    `;
  }

  #date(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : longDate(this.#locale, date, timeZone);
  }

  #dateAndTime(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(this.#locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
  }

  #clock(dueAt: string, overdue: boolean): TemplateResult {
    const days = daysUntil(dueAt);
    const left = overdue || days < 0 ? this.#t('overdue') : days === 0 ? this.#t('dueToday') : days === 1 ? this.#t('dayLeft') : this.#t('daysLeft', { count: days });
    return html`${this.#date(dueAt)} <span class=${overdue ? 'overdue' : 'left'}>(${left})</span>`;
  }

  #statusLabel(found: Case, options: CaseOptions | undefined): string {
    return options ? labelIn(options.statuses, found.status) : (found.labels?.status ?? this.#t(`status-${found.status}` as CaseViewStringKey));
  }

  #summary({ found, options }: Loaded): TemplateResult {
    const { deadlines } = found;
    const substatus = found.substatus ? (found.labels?.substatus ?? labelIn(options?.statuses.find((status) => status.id === found.status)?.substatuses, found.substatus)) : undefined;
    const row = (label: CaseViewStringKey, value: unknown) => html`<div class="row"><dt>${this.#t(label)}</dt><dd>${value}</dd></div>`;
    return html`<dl class="summary" part="summary" aria-label=${this.#t('summaryLabel')}>
        ${row('status', this.#statusLabel(found, options))} ${substatus ? row('substatus', substatus) : nothing}
        ${row('category', found.labels?.category ?? labelIn(this.#form?.categories, found.category))}
        ${row('role', found.labels?.role ?? labelIn(this.#form?.roles, found.role))} ${row('receivedAt', this.#dateAndTime(found.receivedAt))}
        ${found.labels?.channel ? row('channel', found.labels.channel) : nothing}
        ${deadlines.acknowledgedAt ? row('acknowledgedOn', this.#date(deadlines.acknowledgedAt)) : row('acknowledgeBy', this.#clock(deadlines.acknowledgeDueAt, deadlines.acknowledgeOverdue))}
        ${deadlines.feedbackGivenAt ? row('feedbackGivenOn', this.#date(deadlines.feedbackGivenAt)) : row('feedbackBy', this.#clock(deadlines.feedbackDueAt, deadlines.feedbackOverdue))}
        ${found.group ? row('group', found.group.name) : nothing}
        ${found.assignees ? row('assignees', found.assignees.length ? found.assignees.map((person) => person.displayName).join(', ') : this.#t('nobody')) : nothing}
      </dl>
      ${found.concernsReceiver ? html`<p class="warning">${this.#t('concernsReceiver')}</p>` : nothing}`;
  }

  #notice(section: Section): TemplateResult {
    const notice = this.#notices.get(section);
    // Always in the page, so that screen readers announce what is put into it.
    return html`<p role="status" class=${notice?.error ? 'notice error' : 'notice'} id="${section}-notice">${notice?.text ?? ''}</p>`;
  }

  #fieldError(section: Section, field: string): boolean {
    const notice = this.#notices.get(section);
    return !!notice?.error && notice.field === field;
  }

  #keyForm(): TemplateResult {
    const invalid = this.#fieldError('key', 'key-file');
    return html`<section class="key no-print" aria-labelledby="key-heading">
      ${this.#heading(1, this.#t('keyHeading'), 'key-heading')}
      <p>${this.#t('keyIntro')}</p>
      <form novalidate @submit=${(event: SubmitEvent) => void this.#importKey(event)}>
        <div class="field">
          <label for="key-file">${this.#t('keyFile')}</label>
          <p class="hint" id="key-file-hint">${this.#t('keyFileHint')}</p>
          <input id="key-file" type="file" accept=".json,.jwk,application/json" aria-describedby="key-file-hint key-notice" aria-invalid=${invalid ? 'true' : 'false'} />
        </div>
        ${this.#notice('key')}
        <button type="submit" part="key-button">${this.#t('keyOpen')}</button>
      </form>
    </section>`;
  }

  #report({ found }: Loaded): TemplateResult {
    const content = found.content ?? this.#opened?.content;
    const heading = this.#heading(1, this.#t('reportHeading'), 'report-heading');
    if (!content) return html`<section aria-labelledby="report-heading">${heading}<p>${this.#t('sealed')}</p></section>`;
    const given = (text: string | undefined) => (text?.trim() ? text : this.#t('notAnswered'));
    const when = content.occurredOn ? this.#date(`${content.occurredOn}T12:00:00Z`) : (content.occurredPeriod ?? this.#t('occurredUnknown'));
    const rows: AnswerRow[] = [
      { label: this.#t('description'), value: content.description, quote: true },
      { label: this.#t('occurred'), value: when },
      { label: this.#t('location'), value: given(content.location) },
      { label: this.#t('involvedParties'), value: given(content.involvedParties), quote: true },
      ...questionRows(found, content, this.#form),
    ];
    const signals = content.checkedSignals ?? [];
    if (signals.length) rows.push({ label: this.#t('signals'), value: signals.map((id) => found.labels?.signals?.[id] ?? id).join('; ') });
    const contact = content.contact;
    if (contact) {
      if (contact.name) rows.push({ label: this.#t('contactName'), value: contact.name });
      if (contact.email) rows.push({ label: this.#t('contactEmail'), value: contact.email });
      if (contact.phone) rows.push({ label: this.#t('contactPhone'), value: contact.phone });
      rows.push({ label: this.#t('contactPreferred'), value: this.#t(contact.preferredChannel === 'phone' ? 'preferredPhone' : 'preferredEmail') });
    } else rows.push({ label: this.#t('contact'), value: this.#t('anonymous') });
    rows.push({ label: this.#t('consents'), value: found.consents.length ? found.consents.join(', ') : this.#t('noConsents') });
    return html`<section aria-labelledby="report-heading">
      ${heading}
      <dl class="answers" part="answers">
        ${rows.map((row) => html`<div class="row"><dt>${row.label}</dt><dd class=${row.quote ? 'quote' : ''}>${row.value}</dd></div>`)}
      </dl>
    </section>`;
  }

  #files({ found }: Loaded): TemplateResult {
    const canOpen = (encrypted: boolean) => !encrypted || !!this.keyring.privateKey;
    return html`<section aria-labelledby="files-heading">
      ${this.#heading(1, this.#t('filesHeading'), 'files-heading')}
      ${found.attachments.length === 0
        ? html`<p>${this.#t('noFiles')}</p>`
        : html`<ul class="files">
            ${found.attachments.map((file) => {
              const name = file.name ?? this.#t('sealedFileName');
              const ready = this.#downloads.get(file.id);
              return html`<li>
                <span class="file-name">${name}</span>
                <span class="hint">${this.#t('fileSize', { size: Math.max(1, Math.round(file.sizeBytes / 1024)), date: this.#dateAndTime(file.addedAt) })}</span>
                ${canOpen(file.encrypted)
                  ? html`<button type="button" class="secondary" @click=${() => void this.#download(file.id)}>${this.#t('download')}<span class="visually-hidden">: ${name}</span></button>`
                  : nothing}
                ${ready ? html`<a class="no-print" href=${ready.url} download=${ready.name} data-attachment=${file.id}>${this.#t('downloadNamed', { name: ready.name })}</a>` : nothing}
              </li>`;
            })}
          </ul>`}
      ${this.#notice('files')}
    </section>`;
  }

  #timeline(found: Case): TemplateResult {
    return html`<section aria-labelledby="timeline-heading">
      ${this.#heading(1, this.#t('timelineHeading'), 'timeline-heading')}
      <p class="hint">${this.#t('timelineIntro')}</p>
      <ol class="timeline" part="timeline">
        ${found.timeline.map(
          (entry) => html`<li>
            <time datetime=${entry.at}>${this.#dateAndTime(entry.at)}</time>: ${this.#t(`timeline-${entry.type}` as CaseViewStringKey) ?? entry.type}
            ${entry.status && entry.type === 'status-changed' ? html`(${this.#t(`status-${entry.status}` as CaseViewStringKey) ?? entry.status})` : nothing}
            ${entry.outcome ? html`(${this.#t(`outcome-${entry.outcome}` as CaseViewStringKey) ?? entry.outcome})` : nothing}
            ${entry.note ? html`<div class="internal"><span class="internal-label">${this.#t('internalNote')}</span> <span class="quote">${entry.note}</span></div>` : nothing}
          </li>`,
        )}
      </ol>
    </section>`;
  }

  #messageBody(message: CaseMessage): string {
    return message.body ?? this.#opened?.messages.get(message.id) ?? this.#t('sealedMessage');
  }

  #messages({ found, discovery }: Loaded): TemplateResult {
    const workflow = !!discovery.capabilities.caseManagement?.workflow;
    const kinds: Kind[] = [...(found.deadlines.acknowledgedAt ? [] : (['acknowledgement'] as const)), 'message', 'question', 'feedback'];
    const templates = this.#templates.get(this.#compose.lang)?.items.filter((template) => template.kind === this.#templateKind()) ?? [];
    const invalid = this.#fieldError('messages', 'compose-body');
    return html`<section aria-labelledby="messages-heading">
      ${this.#heading(1, this.#t('messagesHeading'), 'messages-heading')}
      ${found.messages.length === 0
        ? html`<p>${this.#t('noMessages')}</p>`
        : html`<ol class="messages" part="messages">
            ${found.messages.map(
              (message) => html`<li class=${message.from === 'reporter' ? 'from-reporter' : 'from-handler'}>
                <p class="meta">
                  ${this.#t(message.from === 'reporter' ? 'fromReporter' : 'fromHandler')} · ${this.#t(`kind-${message.kind}` as CaseViewStringKey) ?? message.kind} ·
                  <time datetime=${message.sentAt}>${this.#dateAndTime(message.sentAt)}</time>
                </p>
                <p class="quote">${this.#messageBody(message)}</p>
              </li>`,
            )}
          </ol>`}
      ${found.status === 'closed'
        ? html`<p>${this.#t('cannotMessage')}</p>`
        : html`<form class="compose no-print" novalidate @submit=${(event: SubmitEvent) => void this.#send(event)}>
            ${this.#heading(2, this.#t('composeHeading'), 'compose-heading')}
            <div class="field">
              <label for="compose-kind">${this.#t('composeKind')}</label>
              <select
                id="compose-kind"
                @change=${(event: Event) => {
                  this.#compose.kind = (event.target as HTMLSelectElement).value as Kind;
                  void this.#applyTemplate();
                }}
              >
                ${kinds.map((kind) => html`<option value=${kind} ?selected=${kind === this.#compose.kind}>${this.#t(`kind-${kind}`)}</option>`)}
              </select>
            </div>
            ${workflow
              ? html`<div class="field">
                    <label for="compose-lang">${this.#t('composeLanguage')}</label>
                    <select
                      id="compose-lang"
                      @change=${(event: Event) => {
                        this.#compose.lang = (event.target as HTMLSelectElement).value as SupportedLocale;
                        void this.#applyTemplate();
                      }}
                    >
                      <option value="nl" ?selected=${this.#compose.lang === 'nl'}>${this.#t('languageNl')}</option>
                      <option value="en" ?selected=${this.#compose.lang === 'en'}>${this.#t('languageEn')}</option>
                    </select>
                  </div>
                  <div class="field">
                    <label for="compose-template">${this.#t('composeTemplate')}</label>
                    <select id="compose-template" @change=${(event: Event) => void this.#applyTemplate((event.target as HTMLSelectElement).value)}>
                      <option value="" ?selected=${this.#compose.templateId === ''}>${this.#t('composeNoTemplate')}</option>
                      ${templates.map((template) => html`<option value=${template.id} ?selected=${template.id === this.#compose.templateId}>${template.title}</option>`)}
                    </select>
                  </div>`
              : nothing}
            <div class="field ${invalid ? 'invalid' : ''}">
              <label for="compose-body">${this.#t('composeBody')}</label>
              <p class="hint" id="compose-body-hint">${this.#t('composeHint')}</p>
              <textarea
                id="compose-body"
                rows="8"
                maxlength=${MAX_TEXT}
                aria-describedby="compose-body-hint messages-notice"
                aria-invalid=${invalid ? 'true' : 'false'}
                .value=${this.#compose.body}
                @input=${(event: Event) => (this.#compose.body = (event.target as HTMLTextAreaElement).value)}
              ></textarea>
            </div>
            ${this.#notice('messages')}
            <button type="submit" part="send-button">${this.#t('send')}</button>
          </form>`}
    </section>`;
  }

  #notes({ notes, discovery }: Loaded): TemplateResult | typeof nothing {
    if (!discovery.capabilities.caseManagement?.notes || !notes) return nothing;
    const invalid = this.#fieldError('notes', 'note-body');
    return html`<section class="internal-section" aria-labelledby="notes-heading">
      ${this.#heading(1, this.#t('notesHeading'), 'notes-heading')}
      <p class="internal-label">${this.#t('notesIntro')}</p>
      ${notes.items.length === 0
        ? html`<p>${this.#t('noNotes')}</p>`
        : html`<ol class="notes" part="notes">
            ${notes.items.map(
              (note) => html`<li>
                <p class="meta">${this.#t('noteBy', { name: note.author.name ?? '', date: this.#dateAndTime(note.createdAt) })}</p>
                <p class="quote">${note.body ?? this.#opened?.notes.get(note.noteId) ?? this.#t('sealedNote')}</p>
              </li>`,
            )}
          </ol>`}
      <form class="no-print" novalidate @submit=${(event: SubmitEvent) => void this.#addNote(event)}>
        <div class="field ${invalid ? 'invalid' : ''}">
          <label for="note-body">${this.#t('noteLabel')}</label>
          <p class="hint" id="note-body-hint">${this.#t('noteHint')}</p>
          <textarea
            id="note-body"
            rows="4"
            maxlength=${MAX_TEXT}
            aria-describedby="note-body-hint notes-notice"
            aria-invalid=${invalid ? 'true' : 'false'}
            .value=${this.#noteText}
            @input=${(event: Event) => (this.#noteText = (event.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        ${this.#notice('notes')}
        <button type="submit" part="note-button">${this.#t('addNote')}</button>
      </form>
    </section>`;
  }

  #status({ found, options, discovery }: Loaded): TemplateResult {
    const choice = this.#statusChoice;
    const statusLabel = (id: string) => (options ? labelIn(options.statuses, id) : this.#t(`status-${id}` as CaseViewStringKey));
    const outcomeLabel = (id: string) => (options ? labelIn(options.outcomes, id) : this.#t(`outcome-${id}` as CaseViewStringKey));
    const outcomeIds = options?.outcomes.map((outcome) => outcome.id) ?? outcomes;
    const substatuses = options?.statuses.find((status) => status.id === found.status)?.substatuses ?? [];
    const invalidOutcome = this.#fieldError('status', 'status-outcome');
    const select = (id: string, label: CaseViewStringKey, value: string, items: readonly { id: string; label: string }[], onChange: (value: string) => void, extra?: { invalid?: boolean; empty?: string }) =>
      html`<div class="field ${extra?.invalid ? 'invalid' : ''}">
        <label for=${id}>${this.#t(label)}</label>
        <select id=${id} aria-invalid=${extra?.invalid ? 'true' : 'false'} aria-describedby="status-notice" @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value)}>
          ${extra?.empty !== undefined ? html`<option value="" ?selected=${value === ''}>${extra.empty}</option>` : nothing}
          ${items.map((item) => html`<option value=${item.id} ?selected=${item.id === value}>${item.label}</option>`)}
        </select>
      </div>`;
    return html`<section class="no-print" aria-labelledby="status-heading">
      ${this.#heading(1, this.#t('statusHeading'), 'status-heading')}
      <form novalidate @submit=${(event: SubmitEvent) => void this.#saveStatus(event)}>
        ${select(
          'status-choice',
          'statusLabel',
          choice.status,
          statuses.map((id) => ({ id, label: statusLabel(id) })),
          (value) => {
            choice.status = value;
            this.requestUpdate();
          },
        )}
        ${choice.status === 'closed'
          ? select('status-outcome', 'outcomeLabel', choice.outcome, outcomeIds.map((id) => ({ id, label: outcomeLabel(id) })), (value) => (choice.outcome = value), { invalid: invalidOutcome, empty: '' })
          : nothing}
        <div class="field">
          <label for="status-note">${this.#t('statusNote')}</label>
          <input id="status-note" type="text" maxlength="2000" .value=${choice.note} @input=${(event: Event) => (choice.note = (event.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" part="status-button">${this.#t('saveStatus')}</button>
      </form>
      ${discovery.capabilities.caseManagement?.workflow && substatuses.length
        ? html`<form novalidate @submit=${(event: SubmitEvent) => (event.preventDefault(), void this.#saveSubstatus())}>
            ${select('substatus-choice', 'substatusLabel', choice.substatus, substatuses, (value) => (choice.substatus = value), { empty: this.#t('substatusNone') })}
            <button type="submit" class="secondary" part="substatus-button">${this.#t('saveSubstatus')}</button>
          </form>`
        : nothing}
      ${this.#notice('status')}
    </section>`;
  }
}
