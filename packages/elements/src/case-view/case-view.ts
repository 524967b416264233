import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { IntakeReceipt } from '@weerbaar/sdk';
import type { WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
import { LocaleController } from '../base/locale-controller.js';
import type { SupportedLocale } from '../base/locale.js';
import { sharedStyles } from '../base/shared.styles.js';
import { stringsProperty } from '../base/strings.js';
import { AccessView } from './access-view.js';
import { AnswersView } from './answers-view.js';
import type { CaseContext, Loaded, Notice, Section } from './case-context.js';
import { isReportForm, needsKey, openCase, type Discovery, type Me, type OpenedCase, type ReportForm } from './case-data.js';
import { caseViewStrings, type CaseViewStringKey } from './case-view.strings.js';
import { caseViewStyles } from './case-view.styles.js';
import { KeyView } from './key-view.js';
import { IntakeView } from './intake-view.js';
import { createCaseKeyring, type CaseKeyring } from './keyring.js';
import { MessagesView } from './messages-view.js';
import { MinutesView } from './minutes-view.js';
import { readCase } from './read-case.js';
import { RecordView } from './record-view.js';
import { SafetyNetView } from './safety-net.js';
import { StatusView } from './status-view.js';

/** The events the case view fires for the console around it. They carry no content. */
export interface CaseViewEventDetails {
  /** The person wants the list of cases again. */
  'weerbaar-case-view-close': Record<string, never>;
  /** The case changed (acknowledged, a message, a note, the status, access): refresh its row and the counts. */
  'weerbaar-case-changed': { caseId: string };
  /** The backend no longer accepts the client's token (401): the console locks and signs in again. */
  'weerbaar-session-ended': Record<string, never>;
}

declare global {
  interface HTMLElementEventMap {
    'weerbaar-case-view-close': CustomEvent<CaseViewEventDetails['weerbaar-case-view-close']>;
    'weerbaar-case-changed': CustomEvent<CaseViewEventDetails['weerbaar-case-changed']>;
    'weerbaar-session-ended': CustomEvent<CaseViewEventDetails['weerbaar-session-ended']>;
  }
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
 * @fires weerbaar-case-view-close - The person chose "back to the reports".
 * @fires weerbaar-case-changed - Something changed the case; detail `{ caseId }`.
 * @fires weerbaar-session-ended - The backend answered 401: the token no longer works.
 *
 * @csspart heading - The case's heading.
 * @csspart subheading - Section headings.
 * @csspart back-button - "Back to the reports".
 * @csspart summary - Status, subject, position, dates and deadlines.
 * @csspart answers - The report's answers.
 * @csspart timeline - The timeline.
 * @csspart messages - The messages with the reporter.
 * @csspart notes - The internal notes.
 * @csspart tasks - The protocol's tasks on the case.
 * @csspart affected-people - The people affected, by role.
 * @csspart affected-button - The button that records the people affected.
 * @csspart check-ins - The aftercare check-ins with the reporter's answers.
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
    discovery: { attribute: false },
    strings: stringsProperty,
    headingLevel: { type: Number, attribute: 'heading-level' },
    intake: { type: Boolean },
    state: { state: true },
  };

  /** The handler client (`createHandlerClient` from `@weerbaar/sdk/handler`) with a signed-in person's access token or a handler token. */
  declare client: WeerbaarHandlerClient | undefined;
  /** The case to show. */
  declare caseId: string | undefined;
  /** Without a `case-id`: the form to record an oral report (a meeting or a phone call); the case it makes then opens here. */
  declare intake: boolean;
  /** The organisation's key for the session, shared by the console's case views; cleared at sign-out. */
  declare keyring: CaseKeyring;
  /** The signed-in person (the sign-in answer's `me`), when a person signed in: the passkey that unlocks the key, the name in templates. */
  declare me: Me | undefined;
  /** The backend's discovery, when the console already read it (else the view asks the client). */
  declare discovery: Discovery | undefined;
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
  #request = 0;
  #stopKeyring: (() => void) | undefined;
  /** One problem or confirmation per section, shown and announced there. */
  #notices = new Map<Section, Notice>();
  #focusHeadingAfterLoad = false;
  #meAsked = false;
  /** The code of the oral report recorded here: shown with its case this once, never kept. */
  #intakeReceipt: IntakeReceipt | undefined;

  /** What the view modules render from and act through (see `CaseContext`). */
  readonly #context: CaseContext = this.#makeContext();
  readonly #key = new KeyView(this.#context);
  readonly #answers = new AnswersView(this.#context);
  readonly #messages = new MessagesView(this.#context);
  readonly #minutes = new MinutesView(this.#context);
  readonly #status = new StatusView(this.#context);
  readonly #access = new AccessView(this.#context);
  readonly #record = new RecordView(this.#context);
  /** The safety net (issue 16): the protocol's tasks, the people affected, the check-ins. */
  readonly #safetyNet = new SafetyNetView(this.#context);
  readonly #intake = new IntakeView(this.#context, (receipt) => {
    this.#intakeReceipt = receipt;
    this.caseId = receipt.caseId;
    this.#emit('weerbaar-case-changed', { caseId: receipt.caseId });
    // The form's button goes away: focus to the case's heading at once, never to the page.
    void this.updateComplete.then(() => this.focusHeading());
  });

  // The chain hand-over (issue 16 item 5): a chunk of its own, loaded once a case with protocols is shown.
  #handOver: import('./handover-view.js').HandOverView | undefined;
  #handOverSection(): unknown {
    if (!this.#handOver && this.#loaded?.discovery.capabilities.caseManagement?.protocols) {
      void import('./handover-view.js').then(({ HandOverView }) => {
        this.#handOver ??= new HandOverView(this.#context);
        this.requestUpdate();
      });
    }
    return this.#handOver?.render() ?? nothing;
  }

  constructor() {
    super();
    this.headingLevel = 2;
    this.intake = false;
    this.keyring = createCaseKeyring();
    this.state = 'idle';
  }

  #makeContext(): CaseContext {
    const view = this;
    return {
      t: (key, values) => this.#lang.text(key, values),
      heading: (depth, content, id) => this.#heading(depth, content, id),
      get locale() {
        return view.#lang.locale;
      },
      get client() {
        return view.client!;
      },
      get caseId() {
        return view.caseId!;
      },
      get keyring() {
        return view.keyring;
      },
      get me() {
        return view.me;
      },
      get discovery() {
        return view.discovery;
      },
      get loaded() {
        return view.#loaded;
      },
      get opened() {
        return view.#opened;
      },
      get form() {
        return view.#form;
      },
      notices: this.#notices,
      host: this,
      requestUpdate: () => this.requestUpdate(),
      rendered: async () => {
        this.requestUpdate();
        await this.updateComplete;
      },
      focus: async (id) => {
        this.requestUpdate();
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
      },
      sessionEnded: (error) => this.#sessionEnded(error),
      changed: () => this.#emit('weerbaar-case-changed', { caseId: this.caseId! }),
      reload: () => this.#load(false),
      act: (section, action, done) => this.#act(section, action, done),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watchKeyring();
    // Put back on the page after it was taken off: read the case again.
    if (this.hasUpdated && this.client && this.caseId && !this.#loaded) void this.#load(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopKeyring?.();
    this.#stopKeyring = undefined;
    // Off the page (the console locked or went back to the list): keep nothing of the case.
    this.#request++;
    this.#loaded = undefined;
    this.#opened = undefined;
    this.#openedFrom = undefined;
    this.#messages.reset();
    this.#notices.clear();
    this.#answers.reset();
    this.#record.reset();
    this.#intake.reset();
    this.#safetyNet.reset();
    this.#intakeReceipt = undefined;
    this.state = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('keyring') && this.isConnected) this.#watchKeyring();
    if (changed.has('caseId') && this.caseId !== this.#intakeReceipt?.caseId) this.#intakeReceipt = undefined;
    if ((changed.has('client') || changed.has('caseId')) && this.client && this.caseId) void this.#load(true);
  }

  /**
   * A section re-renders when what it shows arrives (the case opened with the session's key, the
   * report form's labels, a notice): a control that had focus may be replaced under a Tab. Focus
   * then moves to the heading of the section it was in, whose name the screen reader reads out,
   * never to the page. The key form (or the opening notice) goes away once the case opens, and the
   * sealed report's heading is replaced by the opened one: from there to the report's heading.
   */
  protected override update(changed: PropertyValues<this>): void {
    const active = (this.renderRoot as ShadowRoot | undefined)?.activeElement;
    const section = active?.closest('.key') || active?.id === 'report-heading' ? 'report-heading' : active?.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby');
    super.update(changed);
    if (!active || active.isConnected) return;
    const heading = (section && this.renderRoot.querySelector<HTMLElement>(`[id="${section}"]`)) || undefined;
    if (!heading) return this.focusHeading();
    heading.tabIndex = -1;
    heading.focus();
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

  #heading(depth: number, content: unknown, id?: string): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel || 2) + depth));
    return html`<div role="heading" aria-level=${level} part=${depth === 0 ? 'heading' : 'subheading'} id=${id ?? nothing} tabindex=${depth === 0 ? '-1' : nothing} class="heading heading-${depth}">${content}</div>`;
  }

  #emit<K extends keyof CaseViewEventDetails>(name: K, detail: CaseViewEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** A 401 means the token stopped working (idle, signed out elsewhere): the console takes over. */
  #sessionEnded(error: unknown): boolean {
    if ((error as { status?: number }).status !== 401) return false;
    this.#emit('weerbaar-session-ended', {});
    return true;
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
      this.#answers.reset();
      this.#messages.reset();
      this.#minutes.reset();
      this.#focusHeadingAfterLoad = true;
      this.#key.reset();
      this.#record.reset();
    }
    try {
      const discovery = this.discovery ?? (await client.discover());
      // Read alongside the rest and awaited there; the catch only keeps a failure from counting as unhandled meanwhile.
      const safetyNet = this.#safetyNet.read(discovery);
      safetyNet.catch(() => undefined);
      const loaded = await readCase(client, caseId, discovery, { locale: this.#lang.locale, admin: !!this.me?.account.roles.includes('admin'), safetyNet });
      if (request !== this.#request) return;
      if (!loaded) {
        this.state = 'error';
        return;
      }
      this.#loaded = loaded;
      const { found } = loaded;
      if (fresh) {
        this.#messages.start(found);
        this.#status.start(found);
        this.#safetyNet.start(found);
      }
      this.state = 'ready';
      if (!this.me && !this.#meAsked && loaded.discovery.capabilities.caseManagement?.signIn) {
        // A handler token has no person behind it: then there is no name for the templates and no passkey.
        this.#meAsked = true;
        this.me = await client.getMe().catch(() => undefined);
      }
      await this.#openSealed();
      if (fresh) await this.#messages.applyTemplate();
    } catch (error) {
      if (request !== this.#request || this.#sessionEnded(error)) return;
      this.state = (error as { status?: number }).status === 404 || (error as { status?: number }).status === 403 ? 'not-found' : 'error';
    }
  }

  /** Opens what is sealed with the session's key; the labels of a sealed report come from the report form. */
  async #openSealed(): Promise<void> {
    const loaded = this.#loaded;
    const privateKey = this.keyring.privateKey;
    if (loaded && !privateKey && needsKey(loaded.found, loaded.notes, loaded.minutes) && (await this.#key.unlockAtOnce())) return;
    if (!loaded || !privateKey || !needsKey(loaded.found, loaded.notes, loaded.minutes) || this.#openedFrom === loaded) {
      this.requestUpdate();
      return;
    }
    try {
      const opened = await openCase(privateKey as JsonWebKey, loaded.found, loaded.notes, loaded.minutes);
      if (loaded !== this.#loaded) return;
      this.#opened = opened;
      this.#openedFrom = loaded;
      this.#notices.delete('key');
      if (opened.content?.answers && !loaded.found.labels?.questions) await this.#loadForm(loaded.found.locale);
    } catch {
      this.#notices.set('key', { text: this.#lang.text('keyWrong'), error: true, field: 'key-file' });
    }
    this.requestUpdate();
  }

  async #loadForm(locale: string | undefined): Promise<void> {
    try {
      const form = await this.client!.getReportForm({ lang: locale ?? this.#lang.locale });
      if (isReportForm(form)) this.#form = form;
    } catch {
      // Without the form, answers show by their question ids: still readable, never lost.
    }
  }

  async #act(section: Section, action: () => Promise<unknown>, done?: CaseViewStringKey): Promise<boolean> {
    try {
      await action();
    } catch (error) {
      if (this.#sessionEnded(error)) return false;
      this.#notices.set(section, { text: this.#lang.text('actionFailed'), error: true });
      this.requestUpdate();
      return false;
    }
    if (done) this.#notices.set(section, { text: this.#lang.text(done) });
    else this.#notices.delete(section);
    this.#emit('weerbaar-case-changed', { caseId: this.caseId! });
    await this.#load(false);
    return true;
  }

  protected override render(): TemplateResult {
    const t = this.#context.t;
    const back = html`<p class="no-print"><button type="button" class="secondary" part="back-button" @click=${() => this.#emit('weerbaar-case-view-close', {})}>${t('back')}</button></p>`;
    const loaded = this.#loaded;
    if (this.intake && !this.caseId) return html`${back}${this.#heading(0, t('intakeHeading'), 'case-heading')}${this.#intake.render()}`;
    if (this.state !== 'ready' || !loaded) {
      const message =
        this.state === 'error'
          ? html`<p role="alert">${t('error')}</p>
              <p><button type="button" @click=${() => void this.#load(true)}>${t('retry')}</button></p>`
          : this.state === 'not-found'
            ? html`<p role="alert">${t('notFound')}</p>`
            : html`<p role="status">${t('loading')}</p>`;
      return html`${back}${this.#heading(0, t('caseHeading', { reference: '' }).trim(), 'case-heading')}${message}`;
    }
    const { found } = loaded;
    const locked = needsKey(found, loaded.notes, loaded.minutes) && !this.#opened;
    // The session's key is opening the case: nothing to choose (a form here would vanish under a Tab).
    const opening = locked && !!this.keyring.privateKey && !this.#notices.get('key')?.error;
    const answers = this.#answers;
    return html`
      ${back} ${this.#heading(0, t('caseHeading', { reference: found.reference }), 'case-heading')}
      ${this.#intakeReceipt?.caseId === found.caseId ? this.#intake.receipt(this.#intakeReceipt) : nothing} ${this.#record.header(found)} ${answers.summary(loaded)}
      ${locked ? (opening ? this.#key.opening() : this.#key.form()) : this.#key.keepOffer()} ${answers.report(loaded)} ${answers.files(loaded)} ${answers.timeline(found)} ${this.#messages.messages(loaded)}
      ${this.#messages.notes(loaded)} ${this.#minutes.render(loaded)}
      ${this.#safetyNet.render(loaded)}
      ${this.#status.render(loaded)} ${this.#access.render(loaded)} ${this.#handOverSection()} ${this.#record.auditTrail()} ${this.#record.form()}
    `;
  }
}
