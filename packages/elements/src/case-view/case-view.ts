import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { CaseMessage, HandlerMessageRequest, StatusChangeRequest } from '@weerbaar/sdk';
import type { WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
import { LocaleController } from '../base/locale-controller.js';
import { longDate, type SupportedLocale } from '../base/locale.js';
import { printAlone } from '../base/print-alone.js';
import { sharedStyles } from '../base/shared.styles.js';
import { stringsProperty } from '../base/strings.js';
import {
  daysUntil,
  isCase,
  isCaseOptions,
  isMessageTemplates,
  isMinutesList,
  isAuditExport,
  isCaseAccess,
  isGroupList,
  isNoteList,
  isReportForm,
  labelIn,
  needsKey,
  openCase,
  peopleIn,
  questionRows,
  safeFileName,
  type AnswerRow,
  type AuditExport,
  type Case,
  type CaseAccess,
  type GroupList,
  type PersonRef,
  type CaseOptions,
  type Discovery,
  type Me,
  type MessageTemplates,
  type MinutesList,
  type NoteList,
  type OpenedCase,
  type ReportForm,
} from './case-data.js';
import { caseViewStyles } from './case-view.styles.js';
import { caseViewStrings, type CaseViewStringKey } from './case-view.strings.js';
import { createCaseKeyring, privateKeyFromJwkText, type CaseKeyring } from './keyring.js';
import { passkeyPrfOutput, passkeysAvailable, unwrapPrivateKey, WRAP_ALGORITHM, wrapPrivateKey } from './passkey-key.js';

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

type Kind = 'acknowledgement' | 'message' | 'question' | 'feedback';
type Purpose = 'hand-over' | 'own-record' | 'legal-request' | 'other';
const purposes: readonly Purpose[] = ['own-record', 'hand-over', 'legal-request', 'other'];
type Section = 'key' | 'keep' | 'messages' | 'notes' | 'status' | 'files' | 'access' | 'audit' | 'record' | 'minutes';
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
  /** Who has access (with sign-in); the groups and the people who can be chosen. */
  access?: CaseAccess | undefined;
  groups?: GroupList | undefined;
  people: PersonRef[];
  /** The minutes of an oral report or a meeting (`intake`), when the case has them. */
  minutes?: MinutesList | undefined;
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
    state: { state: true },
  };

  /** The handler client (`createHandlerClient` from `@weerbaar/sdk/handler`) with a signed-in person's access token or a handler token. */
  declare client: WeerbaarHandlerClient | undefined;
  /** The case to show. */
  declare caseId: string | undefined;
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
  #templates = new Map<SupportedLocale, MessageTemplates>();
  #request = 0;
  #stopKeyring: (() => void) | undefined;
  /** The message being written. */
  #compose: { kind: Kind; lang: SupportedLocale; templateId: string; body: string } = { kind: 'message', lang: 'nl', templateId: '', body: '' };
  #noteText = '';
  /** The next version of the minutes being written; `undefined` until the person edits it (then it starts from the latest). */
  #minutesText: string | undefined;
  #statusChoice: { status: string; outcome: string; note: string; substatus: string } = { status: '', outcome: '', note: '', substatus: '' };
  /** One problem or confirmation per section, shown and announced there. */
  #notices = new Map<Section, { text: string; error?: boolean; field?: string }>();
  #downloads = new Map<string, { url: string; name: string }>();
  #focusHeadingAfterLoad = false;
  #meAsked = false;
  /** The key was kept with the person's passkey during this view's life (their `me` predates it). */
  #keptWithPasskey = false;
  #accessChoice = { accountId: '', groupId: '' };
  /** The audit trail once the person asked for it (reading it is recorded), with the SDK's verdict on it. */
  #audit: { trail: AuditExport; valid: boolean; problemSeqs: number[] } | undefined;
  #recordChoice: { purpose: Purpose; identity: boolean; basis: '' | 'consent' | 'legal-duty'; consentGivenOn: string; legalDuty: string } = {
    purpose: 'own-record',
    identity: false,
    basis: '',
    consentGivenOn: '',
    legalDuty: '',
  };
  /** The export recorded for the record on the page now (printed on it). */
  #record: { exportId: string; auditSeq: number; recordedAt: string; includesIdentity: boolean; basis: string } | undefined;
  #passkeyTried = false;

  constructor() {
    super();
    this.headingLevel = 2;
    this.keyring = createCaseKeyring();
    this.state = 'idle';
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
    this.#compose = { kind: 'message', lang: this.#locale, templateId: '', body: '' };
    this.#noteText = '';
    this.#notices.clear();
    this.#forgetDownloads();
    this.#audit = undefined;
    this.#record = undefined;
    this.state = 'idle';
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
      this.#forgetDownloads();
      this.#compose = { kind: 'message', lang: this.#locale, templateId: '', body: '' };
      this.#noteText = '';
      this.#minutesText = undefined;
      this.#focusHeadingAfterLoad = true;
      this.#passkeyTried = false;
      this.#audit = undefined;
      this.#record = undefined;
      this.#recordChoice = { purpose: 'own-record', identity: false, basis: '', consentGivenOn: '', legalDuty: '' };
      this.removeAttribute('data-print-identity');
    }
    try {
      const discovery = this.discovery ?? (await client.discover());
      const caseManagement = discovery.capabilities.caseManagement ?? {};
      const signIn = !!caseManagement.signIn;
      const found = await client.getCase(caseId);
      if (request !== this.#request) return;
      if (!isCase(found)) {
        this.state = 'error';
        return;
      }
      // Reading the minutes is recorded: only when the case has them.
      const hasMinutes = !!caseManagement.intake && !!found.minutes;
      const [options, notes, access, groups, accounts, minutes] = await Promise.all([
        caseManagement.workflow ? client.getCaseOptions({ lang: this.#locale }).catch(() => undefined) : undefined,
        caseManagement.notes ? client.listNotes(caseId) : undefined,
        signIn ? client.getCaseAccess(caseId).catch(() => undefined) : undefined,
        signIn ? client.listGroups().catch(() => undefined) : undefined,
        // Only admins may list every account; others choose among the groups' members.
        signIn && this.me?.account.roles.includes('admin') ? client.listAccounts().then(({ items }) => items, () => []) : [],
        hasMinutes ? client.listMinutes(caseId) : undefined,
      ]);
      if (request !== this.#request) return;
      if ((notes !== undefined && !isNoteList(notes)) || (minutes !== undefined && !isMinutesList(minutes))) {
        this.state = 'error';
        return;
      }
      const groupList = isGroupList(groups) ? groups : undefined;
      this.#loaded = {
        found,
        discovery,
        options: isCaseOptions(options) ? options : undefined,
        notes,
        access: isCaseAccess(access) ? access : undefined,
        groups: groupList,
        people: peopleIn(groupList, Array.isArray(accounts) ? accounts.filter((account) => typeof account?.accountId === 'string' && typeof account.displayName === 'string') : []),
        minutes,
      };
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
      if (request !== this.#request || this.#sessionEnded(error)) return;
      this.state = (error as { status?: number }).status === 404 || (error as { status?: number }).status === 403 ? 'not-found' : 'error';
    }
  }

  /** Opens what is sealed with the session's key; the labels of a sealed report come from the report form. */
  async #openSealed(): Promise<void> {
    const loaded = this.#loaded;
    const privateKey = this.keyring.privateKey;
    // Signed in with a passkey that keeps the key, and its PRF output came with the sign-in: no second touch.
    if (loaded && !privateKey && needsKey(loaded.found, loaded.notes, loaded.minutes) && this.keyring.prfOutput && this.#passkeyKeepsKey() && !this.#passkeyTried) {
      this.#passkeyTried = true;
      await this.#unlockWithPasskey();
      return;
    }
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
        receivedOn: this.#date(found.receivedAt, this.#compose.lang),
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
    } catch (error) {
      if (this.#sessionEnded(error)) return false;
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

  /** The person's passkey, when it can keep the organisation's key here (`caseManagement.wrappedKeys`, encryption, PRF in this browser). */
  #passkey(): { passkeyId: string; rpId: string; keyId: string; publicKey: { x: string; y: string } } | undefined {
    const capabilities = (this.#loaded?.discovery ?? this.discovery)?.capabilities;
    const passkeyId = this.me?.session.passkeyId;
    const rpId = capabilities?.caseManagement?.signIn?.passkey?.rpId;
    const encryption = capabilities?.encryption;
    if (!capabilities?.caseManagement?.wrappedKeys || !passkeyId || !rpId || !encryption || !passkeysAvailable()) return undefined;
    return { passkeyId, rpId, keyId: encryption.keyId, publicKey: encryption.publicKey as { x: string; y: string } };
  }

  #passkeyKeepsKey(): boolean {
    const passkey = this.#passkey();
    return !!passkey && (this.#keptWithPasskey || !!this.me?.account.passkeys.find((item) => item.passkeyId === passkey.passkeyId)?.hasWrappedKey);
  }

  /** The PRF output: the one handed over at sign-in, else from a ceremony now (the person touches their passkey). */
  async #prfOutput(passkeyId: string, rpId: string): Promise<ArrayBuffer | undefined> {
    const output = this.keyring.prfOutput ?? (await passkeyPrfOutput(passkeyId, rpId));
    if (output && !this.keyring.prfOutput) this.keyring.acceptPrfOutput(output);
    return output;
  }

  async #unlockWithPasskey(): Promise<void> {
    const passkey = this.#passkey()!;
    try {
      const wrapped = await this.client!.getWrappedKey(passkey.passkeyId);
      if (wrapped.keyId !== passkey.keyId) {
        this.#notices.set('key', { text: this.#t('keyPasskeyOld'), error: true });
        this.requestUpdate();
        return;
      }
      const output = await this.#prfOutput(passkey.passkeyId, passkey.rpId);
      if (!output) throw new Error('no PRF');
      this.keyring.unlock(await unwrapPrivateKey(wrapped.wrappedKey, output, wrapped.keyId, passkey.publicKey));
    } catch (error) {
      if (this.#sessionEnded(error)) return;
      this.#notices.set('key', { text: this.#t('keyPasskeyFailed'), error: true });
      this.requestUpdate();
    }
  }

  async #keepWithPasskey(): Promise<void> {
    const passkey = this.#passkey()!;
    const privateKey = this.keyring.privateKey!;
    try {
      const output = await this.#prfOutput(passkey.passkeyId, passkey.rpId);
      if (!output) throw new Error('no PRF');
      const wrappedKey = await wrapPrivateKey(privateKey, output, passkey.keyId);
      await this.client!.storeWrappedKey(passkey.passkeyId, { keyId: passkey.keyId, algorithm: WRAP_ALGORITHM, wrappedKey });
      this.#keptWithPasskey = true;
      this.#notices.set('keep', { text: this.#t('keyStored') });
    } catch (error) {
      if (this.#sessionEnded(error)) return;
      this.#notices.set('keep', { text: this.#t('keyStoreFailed'), error: true });
    }
    this.requestUpdate();
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

  /** Assigns, grants or excludes the chosen colleague; `accountId` given: takes such a right back. */
  async #changeAccess(change: 'assign' | 'grant' | 'exclude' | 'unassign' | 'revoke' | 'liftExclusion', accountId = this.#accessChoice.accountId): Promise<void> {
    if (!accountId) {
      this.#notices.set('access', { text: this.#t('accessPersonMissing'), error: true, field: 'access-person' });
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#access-person')?.focus();
      return;
    }
    const client = this.client!;
    const caseId = this.caseId!;
    const calls = {
      assign: client.assignCase,
      grant: client.grantCaseAccess,
      exclude: client.excludeFromCase,
      unassign: client.unassignCase,
      revoke: client.revokeCaseAccess,
      liftExclusion: client.liftCaseExclusion,
    };
    if (await this.#act('access', () => calls[change](caseId, accountId), 'accessSaved')) this.#accessChoice.accountId = '';
  }

  async #transfer(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { groupId } = this.#accessChoice;
    if (groupId) await this.#act('access', () => this.client!.transferCase(this.caseId!, groupId), 'accessSaved');
  }

  async #reviseMinutes(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const minutes = this.#loaded?.minutes?.items ?? [];
    const latest = minutes.at(-1);
    const body = (this.#minutesText ?? latest?.body ?? '').trim();
    const focusField = async () => {
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#minutes-body')?.focus();
    };
    if (!body) {
      this.#notices.set('minutes', { text: this.#t('minutesEmpty'), error: true, field: 'minutes-body' });
      return focusField();
    }
    try {
      await this.client!.reviseMinutes(this.caseId!, latest?.version ?? 0, body);
    } catch (error) {
      if (this.#sessionEnded(error)) return;
      // Someone added a version meanwhile: show it, keep what this person wrote.
      const stale = (error as { status?: number }).status === 409;
      this.#notices.set('minutes', { text: this.#t(stale ? 'minutesStale' : 'actionFailed'), error: true, field: 'minutes-body' });
      if (stale) await this.#load(false);
      return focusField();
    }
    this.#minutesText = undefined;
    this.#notices.set('minutes', { text: this.#t('minutesAdded') });
    this.#emit('weerbaar-case-changed', { caseId: this.caseId! });
    await this.#load(false);
  }

  async #showAudit(): Promise<void> {
    try {
      const trail = await this.client!.getAuditTrail(this.caseId!);
      if (!isAuditExport(trail)) throw new Error('broken');
      const { verifyAuditTrail } = await import('@weerbaar/sdk/handler');
      const verdict = await verifyAuditTrail(trail);
      this.#audit = { trail, valid: verdict.valid, problemSeqs: verdict.problems.flatMap((problem) => (problem.seq ? [problem.seq] : [])) };
      this.#notices.delete('audit');
    } catch (error) {
      if (this.#sessionEnded(error)) return;
      this.#notices.set('audit', { text: this.#t('actionFailed'), error: true });
    }
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#audit-verdict')?.focus();
  }

  /** Records the export (so it appears in the audit trail), puts its number on the record and opens the browser's print. */
  async #printRecord(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const choice = this.#recordChoice;
    const problem: [CaseViewStringKey, string] | undefined = !choice.identity
      ? undefined
      : !choice.basis
        ? ['recordBasisMissing', 'record-basis-consent']
        : choice.basis === 'consent' && !/^\d{4}-\d{2}-\d{2}$/.test(choice.consentGivenOn)
          ? ['recordConsentMissing', 'record-consent-on']
          : choice.basis === 'legal-duty' && !choice.legalDuty.trim()
            ? ['recordDutyMissing', 'record-legal-duty']
            : undefined;
    if (problem) {
      this.#notices.set('record', { text: this.#t(problem[0]), error: true, field: problem[1] });
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${problem[1]}`)?.focus();
      return;
    }
    const request = {
      purpose: choice.purpose,
      includesIdentity: choice.identity,
      ...(choice.identity && choice.basis === 'consent' ? { identityBasis: 'consent' as const, consentGivenOn: choice.consentGivenOn } : {}),
      ...(choice.identity && choice.basis === 'legal-duty' ? { identityBasis: 'legal-duty' as const, legalDuty: choice.legalDuty.trim() } : {}),
    };
    let recorded: { exportId: string; auditSeq: number; recordedAt: string } | undefined;
    const done = await this.#act(
      'record',
      async () => {
        recorded = await this.client!.recordExport(this.caseId!, request);
      },
      'recordPrinted',
    );
    if (!done || !recorded) return;
    const basis = choice.basis === 'consent' ? `${this.#t('basis-consent')} (${this.#date(`${choice.consentGivenOn}T12:00:00Z`)})` : choice.legalDuty.trim();
    this.#record = { ...recorded, includesIdentity: choice.identity, basis };
    this.toggleAttribute('data-print-identity', choice.identity);
    this.requestUpdate();
    await this.updateComplete;
    // The record alone: the console's list and the page around it stay out of print.
    const undo = printAlone(this);
    window.addEventListener('afterprint', undo, { once: true });
    window.print();
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
    const back = html`<p class="no-print"><button type="button" class="secondary" part="back-button" @click=${() => this.#emit('weerbaar-case-view-close', {})}>${this.#t('back')}</button></p>`;
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
    const locked = needsKey(found, loaded.notes, loaded.minutes) && !this.#opened;
    return html`
      ${back} ${this.#heading(0, this.#t('caseHeading', { reference: found.reference }), 'case-heading')} ${this.#recordHeader(found)} ${this.#summary(loaded)}
      ${locked ? this.#keyForm() : this.#keepKeyOffer()} ${this.#report(loaded)} ${this.#files(loaded)} ${this.#timeline(found)} ${this.#messages(loaded)}
      ${this.#notes(loaded)} ${this.#minutes(loaded)} ${this.#status(loaded)} ${this.#access(loaded)} ${this.#auditTrail(loaded)} ${this.#recordForm()}
    `;
  }

  /** A day in words in the Netherlands' time zone; a malformed date from the backend as it came. */
  #date(iso: string, locale: SupportedLocale = this.#locale): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : longDate(locale, date, timeZone);
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

  /**
   * A labelled text field (a textarea with `rows`, else an input) with its hint, its section's
   * notice as description, and `aria-invalid` when the notice is about this field.
   */
  #textField(
    section: Section,
    id: string,
    label: CaseViewStringKey,
    value: string,
    onInput: (value: string) => void,
    { hint, rows, maxLength, type = 'text' }: { hint?: CaseViewStringKey; rows?: number; maxLength?: number; type?: 'text' | 'date' } = {},
  ): TemplateResult {
    const invalid = this.#fieldError(section, id);
    const describedBy = `${hint ? `${id}-hint ` : ''}${section}-notice`;
    const input = (event: Event) => onInput((event.target as HTMLInputElement | HTMLTextAreaElement).value);
    return html`<div class="field ${invalid ? 'invalid' : ''}">
      <label for=${id}>${this.#t(label)}</label>
      ${hint ? html`<p class="hint" id="${id}-hint">${this.#t(hint)}</p>` : nothing}
      ${rows
        ? html`<textarea id=${id} rows=${rows} maxlength=${maxLength ?? nothing} aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : 'false'} .value=${value} @input=${input}></textarea>`
        : html`<input id=${id} type=${type} maxlength=${maxLength ?? nothing} aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : 'false'} .value=${value} @input=${input} />`}
    </div>`;
  }

  #keyForm(): TemplateResult {
    const invalid = this.#fieldError('key', 'key-file');
    return html`<section class="key no-print" aria-labelledby="key-heading">
      ${this.#heading(1, this.#t('keyHeading'), 'key-heading')}
      <p>${this.#t('keyIntro')}</p>
      ${this.#passkeyKeepsKey()
        ? html`<p>${this.#t('keyPasskeyIntro')}</p>
            <p><button type="button" part="passkey-button" aria-describedby="key-notice" @click=${() => void this.#unlockWithPasskey()}>${this.#t('keyPasskey')}</button></p>
            <p>${this.#t('keyOrFile')}</p>`
        : nothing}
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

  /** Once the key file opened the case: keep the key with the person's passkey, so the file is not needed again. */
  #keepKeyOffer(): TemplateResult | typeof nothing {
    const notice = this.#notices.get('keep');
    if (!this.keyring.privateKey || !this.#passkey() || (this.#passkeyKeepsKey() && !notice)) return nothing;
    return html`<section class="key no-print" aria-labelledby="keep-heading">
      ${this.#heading(1, this.#t('keyStoreHeading'), 'keep-heading')}
      ${this.#keptWithPasskey ? nothing : html`<p>${this.#t('keyStoreIntro')}</p>
            <p><button type="button" class="secondary" part="keep-key-button" aria-describedby="keep-notice" @click=${() => void this.#keepWithPasskey()}>${this.#t('keyStore')}</button></p>`}
      ${this.#notice('keep')}
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
      // Identity: shown to the handler, left out of a printed record unless included on a recorded basis.
      if (contact.name) rows.push({ label: this.#t('contactName'), value: contact.name, identity: true });
      if (contact.email) rows.push({ label: this.#t('contactEmail'), value: contact.email, identity: true });
      if (contact.phone) rows.push({ label: this.#t('contactPhone'), value: contact.phone, identity: true });
      rows.push({ label: this.#t('contactPreferred'), value: this.#t(contact.preferredChannel === 'phone' ? 'preferredPhone' : 'preferredEmail'), identity: true });
    } else rows.push({ label: this.#t('contact'), value: this.#t('anonymous') });
    rows.push({ label: this.#t('consents'), value: found.consents.length ? found.consents.join(', ') : this.#t('noConsents') });
    return html`<section aria-labelledby="report-heading">
      ${heading}
      <dl class="answers" part="answers">
        ${rows.map((row) => html`<div class=${row.identity ? 'row identity' : 'row'}><dt>${row.label}</dt><dd class=${row.quote ? 'quote' : ''}>${row.value}</dd></div>`)}
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
            ${this.#textField('messages', 'compose-body', 'composeBody', this.#compose.body, (value) => (this.#compose.body = value), { hint: 'composeHint', rows: 8, maxLength: MAX_TEXT })}
            ${this.#notice('messages')}
            <button type="submit" part="send-button">${this.#t('send')}</button>
          </form>`}
    </section>`;
  }

  #notes({ notes, discovery }: Loaded): TemplateResult | typeof nothing {
    if (!discovery.capabilities.caseManagement?.notes || !notes) return nothing;
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
        ${this.#textField('notes', 'note-body', 'noteLabel', this.#noteText, (value) => (this.#noteText = value), { hint: 'noteHint', rows: 4, maxLength: MAX_TEXT })}
        ${this.#notice('notes')}
        <button type="submit" part="note-button">${this.#t('addNote')}</button>
      </form>
    </section>`;
  }

  #access({ access, groups, people }: Loaded): TemplateResult | typeof nothing {
    if (!access) return nothing;
    const choice = this.#accessChoice;
    const invalid = this.#fieldError('access', 'access-person');
    const list = (label: CaseViewStringKey, persons: readonly PersonRef[], undo: 'unassign' | 'revoke' | 'liftExclusion') =>
      html`<div class="row">
        <dt>${this.#t(label)}</dt>
        <dd>
          ${persons.length === 0
            ? this.#t('nobody')
            : html`<ul class="people">
                ${persons.map(
                  (person) => html`<li>
                    ${person.displayName}
                    <button type="button" class="secondary" @click=${() => void this.#changeAccess(undo, person.accountId)}>
                      ${this.#t(undo)}<span class="visually-hidden">: ${person.displayName}</span>
                    </button>
                  </li>`,
                )}
              </ul>`}
        </dd>
      </div>`;
    const otherGroups = groups?.items.filter((group) => group.groupId !== access.group.groupId) ?? [];
    return html`<section class="no-print" aria-labelledby="access-heading">
      ${this.#heading(1, this.#t('accessHeading'), 'access-heading')}
      <p>${this.#t('accessIntro')}</p>
      <dl class="summary" part="access">
        <div class="row"><dt>${this.#t('accessGroup')}</dt><dd>${access.group.name}</dd></div>
        ${list('accessAssignees', access.assignees, 'unassign')} ${list('accessGrants', access.grants, 'revoke')} ${list('accessExclusions', access.exclusions, 'liftExclusion')}
      </dl>
      <form novalidate @submit=${(event: SubmitEvent) => event.preventDefault()}>
        <div class="field ${invalid ? 'invalid' : ''}">
          <label for="access-person">${this.#t('accessPerson')}</label>
          <p class="hint" id="access-person-hint">${this.#t('excludeHint')}</p>
          <select
            id="access-person"
            aria-describedby="access-person-hint access-notice"
            aria-invalid=${invalid ? 'true' : 'false'}
            @change=${(event: Event) => (choice.accountId = (event.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${choice.accountId === ''}>${this.#t('accessChoose')}</option>
            ${people.map((person) => html`<option value=${person.accountId} ?selected=${person.accountId === choice.accountId}>${person.displayName}</option>`)}
          </select>
        </div>
        <div class="actions">
          <button type="button" part="assign-button" @click=${() => void this.#changeAccess('assign')}>${this.#t('assign')}</button>
          <button type="button" class="secondary" part="grant-button" @click=${() => void this.#changeAccess('grant')}>${this.#t('grant')}</button>
          <button type="button" class="secondary" part="exclude-button" @click=${() => void this.#changeAccess('exclude')}>${this.#t('exclude')}</button>
        </div>
      </form>
      ${otherGroups.length
        ? html`<form novalidate @submit=${(event: SubmitEvent) => void this.#transfer(event)}>
            <div class="field">
              <label for="transfer-group">${this.#t('transferGroup')}</label>
              <select id="transfer-group" @change=${(event: Event) => (choice.groupId = (event.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${choice.groupId === ''}>${this.#t('transferChoose')}</option>
                ${otherGroups.map((group) => html`<option value=${group.groupId} ?selected=${group.groupId === choice.groupId}>${group.name}</option>`)}
              </select>
            </div>
            <button type="submit" class="secondary" part="transfer-button">${this.#t('transfer')}</button>
          </form>`
        : nothing}
      ${this.#notice('access')}
    </section>`;
  }

  #minutes({ found, minutes, discovery }: Loaded): TemplateResult | typeof nothing {
    if (!discovery.capabilities.caseManagement?.intake) return nothing;
    const versions = minutes?.items ?? [];
    const latest = versions.at(-1);
    return html`<section aria-labelledby="minutes-heading">
      ${this.#heading(1, this.#t('minutesHeading'), 'minutes-heading')}
      <p>${this.#t('minutesIntro')}</p>
      ${versions.length === 0
        ? html`<p>${this.#t('minutesNone')}</p>`
        : html`<ol class="notes" part="minutes">
            ${versions.map((version) => {
              const correction = version.answer?.correction ?? this.#opened?.corrections.get(version.version);
              return html`<li>
                <p class="meta">
                  ${this.#t('minutesVersion', { version: version.version, date: this.#dateAndTime(version.createdAt), name: version.author.name ?? this.#actorName(version.author) })}:
                  <strong>${(this.#t(`minutes-${version.status}` as CaseViewStringKey) as string | undefined) ?? version.status}</strong>
                </p>
                <p class="quote">${version.body}</p>
                ${version.answer?.decision === 'approve' ? html`<p>${this.#t('minutesApprovedOn', { date: this.#dateAndTime(version.answer.answeredAt) })}</p>` : nothing}
                ${version.answer?.decision === 'correct'
                  ? html`<p>${this.#t('minutesCorrection', { date: this.#dateAndTime(version.answer.answeredAt) })}</p>
                      <p class="quote">${correction ?? this.#t('minutesSealedCorrection')}</p>`
                  : nothing}
              </li>`;
            })}
          </ol>`}
      ${found.status === 'closed'
        ? nothing
        : html`<form class="no-print" novalidate @submit=${(event: SubmitEvent) => void this.#reviseMinutes(event)}>
            ${this.#textField('minutes', 'minutes-body', 'minutesNew', this.#minutesText ?? latest?.body ?? '', (value) => (this.#minutesText = value), {
              hint: 'minutesNewHint',
              rows: 8,
              maxLength: 20_000,
            })}
            ${this.#notice('minutes')}
            <button type="submit" part="minutes-button">${this.#t('minutesAdd')}</button>
          </form>`}
    </section>`;
  }

  #actorName(actor: AuditExport['entries'][number]['actor']): string {
    if (actor.kind === 'reporter') return this.#t('actorReporter');
    if (actor.kind === 'system') return this.#t('actorSystem');
    if (actor.kind === 'handler-token') return this.#t('actorToken', { name: actor.name ?? '' });
    return actor.name ?? '';
  }

  #auditTrail({ discovery }: Loaded): TemplateResult | typeof nothing {
    if (!discovery.capabilities.caseManagement?.audit) return nothing;
    const audit = this.#audit;
    return html`<section aria-labelledby="audit-heading" class=${audit ? '' : 'no-print'}>
      ${this.#heading(1, this.#t('auditHeading'), 'audit-heading')}
      <p>${this.#t('auditIntro')}</p>
      ${audit
        ? html`<p id="audit-verdict" tabindex="-1" class=${audit.valid ? 'verdict' : 'verdict error'}>
              ${audit.valid ? this.#t('auditValid', { count: audit.trail.entryCount }) : this.#t('auditInvalid')}
            </p>
            <div class="table-scroll" role="region" aria-label=${this.#t('auditSteps')} tabindex="0">
              <table part="audit">
                <thead>
                  <tr>
                    <th scope="col">${this.#t('auditSeq')}</th>
                    <th scope="col">${this.#t('auditAt')}</th>
                    <th scope="col">${this.#t('auditActor')}</th>
                    <th scope="col">${this.#t('auditAction')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${audit.trail.entries.map(
                    (entry) => html`<tr class=${audit.problemSeqs.includes(entry.seq) ? 'error' : ''}>
                      <td>${entry.seq}</td>
                      <td><time datetime=${entry.at}>${this.#dateAndTime(entry.at)}</time></td>
                      <td>${this.#actorName(entry.actor)}</td>
                      <td>${(this.#t(`audit-${entry.action}` as CaseViewStringKey) as string | undefined) ?? entry.action}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
        : html`<p class="no-print"><button type="button" class="secondary" part="audit-button" aria-describedby="audit-notice" @click=${() => void this.#showAudit()}>${this.#t('auditShow')}</button></p>`}
      ${this.#notice('audit')}
    </section>`;
  }

  /** On the printed record: which export it is, so the audit trail proves who printed it when. */
  #recordHeader(found: Case): TemplateResult | typeof nothing {
    const record = this.#record;
    if (!record) return nothing;
    return html`<div class="record-header" part="record-header">
      <p><strong>${this.#t('recordTitle', { reference: found.reference })}</strong></p>
      <p>${this.#t('recordMeta', { exportId: record.exportId, seq: record.auditSeq, date: this.#dateAndTime(record.recordedAt) })}</p>
      <p>${record.includesIdentity ? this.#t('recordWithIdentity', { basis: record.basis }) : this.#t('recordWithoutIdentity')}</p>
    </div>`;
  }

  #recordForm(): TemplateResult | typeof nothing {
    if (!this.#loaded?.discovery.capabilities.caseManagement?.workflow) return nothing;
    const choice = this.#recordChoice;
    const invalid = (field: string) => this.#fieldError('record', field);
    const update = () => this.requestUpdate();
    return html`<section class="no-print" aria-labelledby="record-heading">
      ${this.#heading(1, this.#t('recordHeading'), 'record-heading')}
      <p>${this.#t('recordIntro')}</p>
      <form novalidate @submit=${(event: SubmitEvent) => void this.#printRecord(event)}>
        <div class="field">
          <label for="record-purpose">${this.#t('recordPurpose')}</label>
          <select id="record-purpose" @change=${(event: Event) => (choice.purpose = (event.target as HTMLSelectElement).value as Purpose)}>
            ${purposes.map((purpose) => html`<option value=${purpose} ?selected=${purpose === choice.purpose}>${this.#t(`purpose-${purpose}`)}</option>`)}
          </select>
        </div>
        <div class="field option">
          <input
            type="checkbox"
            id="record-identity"
            aria-describedby="record-identity-hint"
            .checked=${choice.identity}
            @change=${(event: Event) => {
              choice.identity = (event.target as HTMLInputElement).checked;
              update();
            }}
          />
          <label for="record-identity">${this.#t('recordIdentity')}</label>
          <p class="hint" id="record-identity-hint">${this.#t('recordIdentityHint')}</p>
        </div>
        ${choice.identity
          ? html`<fieldset class=${invalid('record-basis-consent') ? 'invalid' : ''} aria-describedby="record-notice">
              <legend>${this.#t('recordBasis')}</legend>
              ${(['consent', 'legal-duty'] as const).map(
                (basis) => html`<div class="option">
                  <input
                    type="radio"
                    name="record-basis"
                    id="record-basis-${basis}"
                    .checked=${choice.basis === basis}
                    @change=${() => {
                      choice.basis = basis;
                      update();
                    }}
                  />
                  <label for="record-basis-${basis}">${this.#t(`basis-${basis}`)}</label>
                </div>`,
              )}
              ${choice.basis === 'consent'
                ? this.#textField('record', 'record-consent-on', 'recordConsentOn', choice.consentGivenOn, (value) => (choice.consentGivenOn = value), { type: 'date' })
                : nothing}
              ${choice.basis === 'legal-duty'
                ? this.#textField('record', 'record-legal-duty', 'recordLegalDuty', choice.legalDuty, (value) => (choice.legalDuty = value), { maxLength: 300 })
                : nothing}
            </fieldset>`
          : nothing}
        ${this.#notice('record')}
        <button type="submit" part="record-button">${this.#t('recordPrint')}</button>
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
        ${this.#textField('status', 'status-note', 'statusNote', choice.note, (value) => (choice.note = value), { maxLength: 2000 })}
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
