import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { AccessGrant, CaseCounts, CaseSummary, Discovery, Me } from '@weerbaar/sdk';
import type { PasskeyAuthenticator, WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
import { longDate } from '../base/locale.js';
import { LocaleController } from '../base/locale-controller.js';
import { matchesShape, type Shape } from '../base/shape.js';
import { sharedStyles } from '../base/shared.styles.js';
import { caseSummaryShape } from '../case-view/case-summary-shape.js';
import { createCaseKeyring, type CaseKeyring } from '../case-view/keyring.js';
import { stringsProperty } from '../base/strings.js';
import { caseInboxStrings, type CaseInboxStringKey } from './case-inbox.strings.js';
import { caseInboxStyles } from './case-inbox.styles.js';
import { InboxOrder, type InboxFilters } from './inbox-order.js';
import { legalClock } from './legal-clock.js';

const statuses = ['received', 'acknowledged', 'investigating', 'closed'] as const;
const categories = ['threat-intimidation', 'bribery', 'infiltration', 'undue-pressure', 'other'] as const;
const roles = ['civil-servant', 'administrator', 'council-member', 'other'] as const;

/** How many cases one page of the list shows. */
export const casesPerPage = 25;
/** Signed in people are locked out after this long without a key press or a click (15 minutes), or sooner when the backend says so. */
export const defaultIdleSeconds = 900;

// What the inbox reads from the backend's answers (see base/shape.ts): anything else is an error state.
const summaryShape: Shape = { ...caseSummaryShape, 'unreadMessages?': 'n', 'assignedToMe?': 'b' };
const pageShape: Shape = { items: [summaryShape], 'nextCursor?': 's' };
const countMap = (keys: readonly string[]): Shape => Object.fromEntries(keys.map((key) => [key, 'n']));
const countsShape: Shape = { total: 'n', overdue: 'n', 'assignedToMe?': 'n', byStatus: countMap(statuses), byCategory: countMap(categories), byRole: countMap(roles) };
const grantShape: Shape = { token: 's', me: { account: { accountId: 's', displayName: 's', roles: ['s'] } } };
// Discovery as far as the console reads it; a backend that advertises nothing usable gets "cannot be reached".
const discoveryShape: Shape = { capabilities: { 'caseManagement?': { 'signIn?': { 'passkey?': {}, 'oidc?': { displayName: 's' } }, 'idleTimeoutSeconds?': 'n' } } };

/**
 * The handler SDK, loaded when the console starts: a lazy chunk, like every SDK import of the
 * elements, so that the entry itself holds no network code.
 */
const handlerSdk = () => import('@weerbaar/sdk/handler');

type View = 'starting' | 'sign-in' | 'enrol' | 'inbox' | 'case';
/** Why the sign-in screen shows: a message above the button. */
type LockReason = 'idle' | 'signed-out' | 'session-ended' | 'failed' | 'rate-limited' | 'enrol-failed' | 'unsupported';
type ListStatus = 'loading' | 'ready' | 'error';

interface Session {
  client: WeerbaarHandlerClient;
  me: Me;
}

/** The status code of an SDK error, if it is an answer of the backend. */
function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The console where people who handle reports sign in and see what is due: sign in with a passkey
 * (or enrol one from the invitation address, whose `#uitnodiging=` fragment carries the code), then
 * the inbox with the legal clocks: every case with its reference, kind and the reporter's role, the
 * day it came in and the days left to acknowledge it or give feedback ("nog 1 dag", "te laat"),
 * due soonest first; filters with counts and paging.
 *
 * Nothing is kept in any storage. The access token lives in this element's memory: 15 minutes
 * without a key press or click (or the backend's shorter idle time), a reload, or "sign out"
 * wipes it with everything that was shown.
 *
 * @tagname weerbaar-case-inbox
 * @summary The console's sign-in and inbox with the legal clocks.
 *
 * @csspart heading - The element's heading.
 * @csspart sign-in - The sign-in and enrolment screen.
 * @csspart notice - Why the sign-in screen shows (signed out, locked, failed).
 * @csspart sign-in-button - The passkey sign-in button.
 * @csspart enrol-button - The button that creates a passkey from an invitation.
 * @csspart account-bar - Who is signed in, and the sign-out button.
 * @csspart sign-out-button - The sign-out button.
 * @csspart filters - The filter form.
 * @csspart status - The list's status line (a live region).
 * @csspart case - Each case in the list.
 * @csspart case-link - The button that opens a case.
 * @csspart clock - Each case's deadline line.
 * @csspart show-more-button - The button that loads the next page.
 *
 * @cssproperty --weerbaar-case-inbox-case-border-color - Border of each case in the list.
 * @cssproperty --weerbaar-case-inbox-overdue-color - Text and accent of an overdue clock.
 * @cssproperty --weerbaar-case-inbox-due-soon-color - Text and accent of a clock with 2 days or fewer left.
 * @cssproperty --weerbaar-case-inbox-case-background-color - Background of each case in the list.
 * @cssproperty --weerbaar-case-inbox-notice-background-color - Background of the notice on the sign-in screen.
 */
export class CaseInbox extends LitElement {
  static override styles = [sharedStyles, caseInboxStyles];
  static override properties: PropertyDeclarations = {
    api: { type: String },
    strings: stringsProperty,
    headingLevel: { type: Number, attribute: 'heading-level' },
    idleTimeout: { type: Number, attribute: 'idle-timeout' },
    authenticator: { attribute: false },
    view: { state: true },
    lockReason: { state: true },
    busy: { state: true },
    filters: { state: true },
    items: { state: true },
    listStatus: { state: true },
    counts: { state: true },
    openCase: { state: true },
    caseViewLoaded: { state: true },
  };

  /** Base URL of the Weerbaar Reporting API (`…/v1`) whose cases this console works. */
  declare api: string | undefined;
  /** Overrides for any visible text, by key (see `caseInboxStrings`). */
  declare strings: Partial<Record<CaseInboxStringKey, string>> | undefined;
  /** The level of the element's top heading (1 by default: the console is a page of its own). */
  declare headingLevel: number;
  /** Seconds without a key press or click before the console locks; only shorter than the backend's idle time takes effect (default 900). */
  declare idleTimeout: number | undefined;
  /** Runs the passkey ceremonies; the browser's own passkeys when unset. */
  declare authenticator: PasskeyAuthenticator | undefined;
  declare private view: View;
  declare private lockReason: LockReason | undefined;
  declare private busy: boolean;
  declare private filters: InboxFilters;
  declare private items: CaseSummary[];
  declare private listStatus: ListStatus;
  declare private counts: CaseCounts | undefined;
  declare private openCase: CaseSummary | undefined;
  /** Whether `<weerbaar-case-view>` (a lazy chunk) is defined; `false` when loading it failed. */
  declare private caseViewLoaded: boolean | undefined;

  readonly #lang = new LocaleController<CaseInboxStringKey>(this, () => caseInboxStrings);
  #discovery: Discovery | undefined;
  #session: Session | undefined;
  /** The organisation's private key for this session (memory only), shared by every case opened. */
  #keyring: CaseKeyring | undefined;
  /** A case changed while it was open: the list and counts are read again on the way back. */
  #listStale = false;
  #invitationCode: string | undefined;
  /** The list in clock order, read page by page; a new one for every sign-in and filter change. */
  #order: InboxOrder | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every sign-in, lock and filter change, so late answers of an earlier state are dropped. */
  #generation = 0;
  /** Where focus goes after the next render (a selector in the shadow root). */
  #focusAfterRender: string | undefined;

  constructor() {
    super();
    this.headingLevel = 1;
    this.view = 'starting';
    this.busy = false;
    this.filters = {};
    this.items = [];
    this.listStatus = 'loading';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#takeInvitationFromAddress();
    this.addEventListener('keydown', this.#activity);
    this.addEventListener('pointerdown', this.#activity);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#activity);
    this.removeEventListener('pointerdown', this.#activity);
    this.#wipe();
  }

  /**
   * The invitation code travels in the address's fragment, which no browser sends to a server. It
   * is removed from the address bar and the history entry at once, then kept in memory only.
   */
  #takeInvitationFromAddress(): void {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const code = fragment.get('uitnodiging');
    if (!code) return;
    this.#invitationCode = code;
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this.#start(this.api);
  }

  protected override updated(): void {
    const selector = this.#focusAfterRender;
    if (!selector) return;
    this.#focusAfterRender = undefined;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #start(api: string): Promise<void> {
    const generation = ++this.#generation;
    this.#wipe();
    this.#discovery = undefined;
    this.view = 'starting';
    try {
      // Discovery needs no credentials: the client's token is not sent for it.
      const { createHandlerClient } = await handlerSdk();
      const discovery = await createHandlerClient({ baseUrl: api, token: '' }).discover();
      if (generation !== this.#generation) return;
      this.#discovery = matchesShape(discovery, discoveryShape) ? discovery : undefined;
    } catch {
      if (generation !== this.#generation) return;
    }
    this.view = this.#invitationCode ? 'enrol' : 'sign-in';
  }

  get #idleSeconds(): number {
    const backend = this.#discovery?.capabilities.caseManagement?.idleTimeoutSeconds ?? defaultIdleSeconds;
    const page = this.idleTimeout ?? defaultIdleSeconds;
    return Math.max(1, Math.min(Number.isFinite(backend) ? backend : defaultIdleSeconds, Number.isFinite(page) ? page : defaultIdleSeconds));
  }

  readonly #activity = (): void => {
    if (this.#session) this.#armIdleLock();
  };

  #armIdleLock(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.#lock('idle'), this.#idleSeconds * 1000);
  }

  /** Forgets the session and everything shown with it. */
  #wipe(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    this.#session = undefined;
    this.#keyring?.clear();
    this.#keyring = undefined;
    this.#listStale = false;
    this.#order = undefined;
    this.items = [];
    this.counts = undefined;
    this.openCase = undefined;
    this.filters = {};
    this.listStatus = 'loading';
  }

  /** Back to the sign-in screen: the token is revoked (best effort) and forgotten with all content. */
  #lock(reason: LockReason): void {
    const client = this.#session?.client;
    this.#generation++;
    this.#wipe();
    if (client && reason !== 'session-ended') void client.signOut().catch(() => undefined);
    this.lockReason = reason;
    this.view = 'sign-in';
    this.busy = false;
    this.#focusAfterRender = '[part="notice"]';
  }

  async #signIn(): Promise<void> {
    if (!this.api || this.busy) return;
    this.busy = true;
    this.lockReason = undefined;
    try {
      const { signInWithPasskey } = await handlerSdk();
      const grant = await signInWithPasskey({ baseUrl: this.api, ...(this.authenticator ? { authenticator: this.authenticator } : {}) });
      await this.#begin(grant);
    } catch (error) {
      this.#signInFailed(error, 'failed');
    }
  }

  async #enrol(passkeyName: string): Promise<void> {
    const code = this.#invitationCode;
    if (!this.api || !code || this.busy) return;
    this.busy = true;
    this.lockReason = undefined;
    try {
      const { enrolPasskey } = await handlerSdk();
      const grant = await enrolPasskey(code, {
        baseUrl: this.api,
        ...(passkeyName ? { passkeyName } : {}),
        ...(this.authenticator ? { authenticator: this.authenticator } : {}),
      });
      this.#invitationCode = undefined;
      await this.#begin(grant);
    } catch (error) {
      // A used or expired invitation stays useless: offer signing in instead.
      this.#invitationCode = undefined;
      this.#signInFailed(error, 'enrol-failed');
    }
  }

  #signInFailed(error: unknown, reason: LockReason): void {
    this.busy = false;
    this.view = 'sign-in';
    const status = statusOf(error);
    this.lockReason = status === 429 ? 'rate-limited' : status === undefined && /WebAuthn|passkeys/.test(String((error as Error)?.message)) ? 'unsupported' : reason;
    this.#focusAfterRender = '[part="notice"]';
  }

  async #begin(grant: AccessGrant): Promise<void> {
    if (!this.api || !matchesShape(grant, grantShape)) {
      this.#signInFailed(undefined, 'failed');
      return;
    }
    const generation = ++this.#generation;
    const { createHandlerClient } = await handlerSdk();
    this.#session = { client: createHandlerClient({ baseUrl: this.api, token: grant.token }), me: grant.me };
    this.#keyring = createCaseKeyring();
    this.busy = false;
    this.lockReason = undefined;
    this.view = 'inbox';
    this.#armIdleLock();
    this.#focusAfterRender = '[part="heading"]';
    if (grant.me.account.roles.includes('handler')) void this.#loadFirstPage(generation);
  }

  /** The session's client, or a lock when the backend ended the session. */
  async #call<T>(generation: number, run: (client: WeerbaarHandlerClient) => Promise<T>): Promise<T | undefined> {
    const session = this.#session;
    if (!session) return undefined;
    try {
      const result = await run(session.client);
      return generation === this.#generation ? result : undefined;
    } catch (error) {
      if (generation === this.#generation && statusOf(error) === 401) this.#lock('session-ended');
      throw error;
    }
  }

  async #loadFirstPage(generation = ++this.#generation): Promise<void> {
    void this.#loadCounts(generation);
    this.#startList(generation);
  }

  /** A fresh list for the current filters, and its first page. */
  #startList(generation: number): void {
    const client = this.#session?.client;
    if (!client) return;
    this.items = [];
    // Every page is checked against the shape the list renders before any case of it is used.
    this.#order = new InboxOrder(
      async (filters, cursor) => {
        const page = await client.pageCases(filters, cursor);
        if (!matchesShape(page, pageShape)) throw new Error('The backend answered a page of cases in a shape the inbox cannot show.');
        return page;
      },
      this.filters,
      casesPerPage,
    );
    void this.#loadMore(generation);
  }
  async #loadCounts(generation: number): Promise<void> {
    try {
      const counts = await this.#call(generation, (client) => client.countCases());
      // Counts are a help, not the list: without them the filters still work.
      if (counts !== undefined) this.counts = matchesShape(counts, countsShape) ? counts : undefined;
    } catch {
      if (generation === this.#generation) this.counts = undefined;
    }
  }

  async #loadMore(generation: number): Promise<void> {
    const order = this.#order;
    if (!order) return;
    this.listStatus = 'loading';
    let added: CaseSummary[] | undefined;
    try {
      added = await this.#call(generation, () => order.next());
      if (added === undefined) return;
    } catch {
      if (generation === this.#generation) this.listStatus = 'error';
      return;
    }
    const firstNew = this.items.length;
    this.items = [...this.items, ...added];
    this.listStatus = 'ready';
    // After "show more", focus goes to the first case that was added, not back to the top.
    if (firstNew > 0 && added.length) this.#focusAfterRender = `[data-index="${firstNew}"]`;
  }

  #setFilter<K extends keyof InboxFilters>(name: K, value: InboxFilters[K] | undefined): void {
    const next = { ...this.filters };
    if (value === undefined || value === false) delete next[name];
    else next[name] = value;
    this.filters = next;
    this.#startList(++this.#generation);
  }

  #openCase(summary: CaseSummary): void {
    this.openCase = summary;
    this.view = 'case';
    // The case view focuses its own heading once the case is there; until then focus waits on the status line.
    this.#focusAfterRender = '#case-status';
    if (this.caseViewLoaded) return;
    // The case view is a chunk of its own: the list does not wait for it.
    import('../case-view/define.js').then(
      () => (this.caseViewLoaded = true),
      () => (this.caseViewLoaded = false),
    );
  }

  #closeCase(): void {
    const caseId = this.openCase?.caseId;
    this.openCase = undefined;
    this.view = 'inbox';
    if (this.#listStale) {
      this.#listStale = false;
      this.#focusAfterRender = '#list-heading';
      void this.#loadFirstPage();
      return;
    }
    const index = this.items.findIndex((item) => item.caseId === caseId);
    this.#focusAfterRender = index >= 0 ? `[data-index="${index}"]` : '[part="heading"]';
  }

  #signOut(): void {
    this.#lock('signed-out');
  }

  #text(key: CaseInboxStringKey, values?: Record<string, string | number>): string {
    return this.#lang.text(key, values);
  }

  #heading(depth: number, content: unknown, part = depth === 0 ? 'heading' : 'subheading'): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel || 1) + depth));
    return html`<div role="heading" aria-level=${level} part=${part} class="heading heading-${Math.min(depth, 2)}" tabindex="-1">${content}</div>`;
  }

  override render(): TemplateResult {
    return html`<div class="console" part="base" lang=${this.#lang.locale}>${this.#renderView()}</div>`;
  }

  #renderView(): TemplateResult {
    switch (this.view) {
      case 'starting':
        return html`${this.#heading(0, this.#text('title'))}
          <p role="status">${this.#text('signingIn')}</p>`;
      case 'sign-in':
      case 'enrol':
        return this.#renderSignIn();
      case 'inbox':
        return html`${this.#renderAccountBar()}${this.#heading(0, this.#text('title'))}${this.#renderInbox()}`;
      case 'case':
        return html`${this.#renderAccountBar()}${this.#renderCase()}`;
    }
  }

  #renderSignIn(): TemplateResult {
    const enrolling = this.view === 'enrol';
    const signIn = this.#discovery?.capabilities.caseManagement?.signIn;
    const oidc = signIn?.oidc;
    return html`<section class="sign-in" part="sign-in" aria-labelledby="sign-in-heading">
      ${this.#heading(0, html`<span id="sign-in-heading">${this.#text(enrolling ? 'enrolHeading' : 'signInHeading')}</span>`)}
      ${this.lockReason ? html`<p class="notice" part="notice" role="alert" tabindex="-1">${this.#lockText(this.lockReason)}</p>` : nothing}
      ${enrolling ? this.#renderEnrol() : this.#renderPasskeySignIn(Boolean(signIn?.passkey))}
      ${!enrolling && oidc
        ? html`<p><button type="button" class="secondary" part="oidc-button" disabled>${this.#text('oidcButton', { provider: oidc.displayName })}</button></p>`
        : nothing}
      ${this.busy ? html`<p role="status">${this.#text(enrolling ? 'enrolling' : 'signingIn')}</p>` : nothing}
    </section>`;
  }

  #renderPasskeySignIn(offered: boolean): TemplateResult {
    if (!this.#discovery) return html`<p>${this.#text('backendError')}</p>`;
    if (!offered) return html`<p>${this.#text('noSignIn')}</p>`;
    return html`<p>${this.#text('signInIntro')}</p>
      <p><button type="button" part="sign-in-button" ?disabled=${this.busy} @click=${() => this.#signIn()}>${this.#text('signInButton')}</button></p>`;
  }

  #renderEnrol(): TemplateResult {
    const submit = (event: Event) => {
      event.preventDefault();
      const name = (this.renderRoot.querySelector<HTMLInputElement>('#passkey-name')?.value ?? '').trim();
      void this.#enrol(name.slice(0, 100));
    };
    return html`<p>${this.#text('enrolIntro')}</p>
      <form @submit=${submit}>
        <div class="field">
          <label for="passkey-name">${this.#text('passkeyName')}</label>
          <p id="passkey-name-hint" class="hint">${this.#text('passkeyNameHint')}</p>
          <input id="passkey-name" type="text" maxlength="100" autocomplete="off" aria-describedby="passkey-name-hint" />
        </div>
        <p><button type="submit" part="enrol-button" ?disabled=${this.busy}>${this.#text('enrolButton')}</button></p>
      </form>`;
  }

  #lockText(reason: LockReason): string {
    switch (reason) {
      case 'idle':
        return this.#text('lockedIdle', { minutes: Math.max(1, Math.round(this.#idleSeconds / 60)) });
      case 'signed-out':
        return this.#text('signedOut');
      case 'session-ended':
        return this.#text('sessionEnded');
      case 'rate-limited':
        return this.#text('signInRateLimited');
      case 'enrol-failed':
        return this.#text('enrolFailed');
      case 'unsupported':
        return this.#text('noPasskeySupport');
      case 'failed':
        return this.#text('signInFailed');
    }
  }

  #renderAccountBar(): TemplateResult {
    return html`<div class="account-bar" part="account-bar">
      <p>${this.#text('signedInAs', { name: this.#session?.me.account.displayName ?? '' })}</p>
      <button type="button" class="secondary" part="sign-out-button" @click=${() => this.#signOut()}>${this.#text('signOut')}</button>
    </div>`;
  }

  #renderInbox(): TemplateResult {
    if (!this.#session?.me.account.roles.includes('handler')) return html`<p>${this.#text('noHandlerRole')}</p>`;
    return html`${this.#renderFilters()}
      <section aria-labelledby="list-heading">
        <div role="heading" aria-level=${Math.min(6, Math.trunc(this.headingLevel || 1) + 1)} part="subheading" class="heading heading-1" id="list-heading" tabindex="-1">${this.#text('listHeading')}</div>
        <p role="status" part="status" class="status">${this.#statusText()}</p>
        ${this.listStatus === 'error' ? html`<p><button type="button" class="secondary" part="retry-button" @click=${() => this.#loadMore(this.#generation)}>${this.#text('retry')}</button></p>` : nothing}
        ${this.items.length ? html`<ul class="cases" role="list">${this.items.map((item, index) => this.#renderCaseItem(item, index))}</ul>` : nothing}
        ${this.#order?.hasMore && this.listStatus === 'ready'
          ? html`<p><button type="button" class="secondary" part="show-more-button" @click=${() => this.#loadMore(this.#generation)}>${this.#text('showMore')}</button></p>`
          : nothing}
      </section>`;
  }

  #statusText(): string {
    if (this.listStatus === 'loading') return this.#text('loading');
    if (this.listStatus === 'error') return this.#text('loadError');
    if (this.items.length === 0) return this.#text('empty');
    const shown = this.items.length === 1 ? this.#text('shownCountOne') : this.#text('shownCount', { count: this.items.length });
    return this.#order?.hasMore ? `${shown}; ${this.#text('moreAvailable')}` : shown;
  }

  #renderFilters(): TemplateResult {
    const counts = this.counts;
    const option = (label: string, count: number | undefined) => (count === undefined ? label : this.#text('withCount', { label, count }));
    const select = <K extends 'status' | 'category' | 'role'>(
      name: K,
      values: readonly NonNullable<InboxFilters[K]>[],
      countsOf: Record<string, number> | undefined,
      all: CaseInboxStringKey,
    ) => html`<div class="field">
      <label for="filter-${name}">${this.#text(name)}</label>
      <select id="filter-${name}" @change=${(event: Event) => this.#setFilter(name, values.find((value) => value === (event.target as HTMLSelectElement).value))}>
        <option value="" ?selected=${!this.filters[name]}>${option(this.#text(all), counts?.total)}</option>
        ${values.map(
          (value) =>
            html`<option value=${value} ?selected=${this.filters[name] === value}>${option(this.#text(`${name}-${value}` as CaseInboxStringKey), countsOf?.[value])}</option>`,
        )}
      </select>
    </div>`;
    const checkbox = (name: 'assignedToMe' | 'overdue', label: CaseInboxStringKey, count: number | undefined) => html`<div class="field checkbox">
      <input id="filter-${name}" type="checkbox" .checked=${Boolean(this.filters[name])} @change=${(event: Event) => this.#setFilter(name, (event.target as HTMLInputElement).checked)} />
      <label for="filter-${name}">${option(this.#text(label), count)}</label>
    </div>`;
    return html`<form class="filters" part="filters" role="search" aria-label=${this.#text('filtersLabel')} @submit=${(event: Event) => event.preventDefault()}>
      ${select('status', statuses, counts?.byStatus, 'statusAll')} ${select('category', categories, counts?.byCategory, 'categoryAll')}
      ${select('role', roles, counts?.byRole, 'roleAll')} ${checkbox('overdue', 'overdueOnly', counts?.overdue)}
      ${checkbox('assignedToMe', 'assignedToMe', counts?.assignedToMe)}
    </form>`;
  }

  #renderClock(item: CaseSummary): TemplateResult {
    const clock = legalClock(item.deadlines, new Date());
    if (!clock) return html`<p class="clock" part="clock">${this.#text('noOpenDeadline')}</p>`;
    const left = clock.overdue
      ? this.#text('overdue')
      : clock.daysLeft <= 0
        ? this.#text('dueToday')
        : clock.daysLeft === 1
          ? this.#text('daysLeftOne')
          : this.#text('daysLeft', { count: clock.daysLeft });
    const urgency = clock.overdue ? 'overdue' : clock.daysLeft <= 2 ? 'due-soon' : 'open';
    return html`<p class="clock ${urgency}" part="clock">
      ${this.#text(`deadline-${clock.kind}`)}: <strong class="left">${left}</strong>
      <span class="due">(${this.#text('dueOn', { date: longDate(this.#lang.locale, clock.dueAt) })})</span>
    </p>`;
  }

  #label(kind: 'status' | 'category' | 'role', value: string): string {
    const key = `${kind}-${value}` as CaseInboxStringKey;
    return key in caseInboxStrings.nl ? this.#text(key) : value;
  }

  #renderCaseItem(item: CaseSummary, index: number): TemplateResult {
    const received = new Date(item.receivedAt);
    const unread = item.unreadMessages ?? 0;
    return html`<li class="case" part="case">
      ${this.#heading(2, html`<button type="button" class="link" part="case-link" data-index=${index} @click=${() => this.#openCase(item)}>${item.reference}</button>`, 'case-heading')}
      ${this.#renderClock(item)}
      <dl class="facts">
        <div><dt>${this.#text('category')}</dt><dd>${this.#label('category', item.category)}</dd></div>
        <div><dt>${this.#text('role')}</dt><dd>${this.#label('role', item.role)}</dd></div>
        <div><dt>${this.#text('received')}</dt><dd>${Number.isNaN(received.getTime()) ? item.receivedAt : longDate(this.#lang.locale, received)}</dd></div>
        <div><dt>${this.#text('status')}</dt><dd>${this.#label('status', item.status)}</dd></div>
      </dl>
      ${item.encrypted || unread || item.assignedToMe
        ? html`<p class="badges">
            ${item.encrypted ? html`<span class="badge">${this.#text('encrypted')}</span>` : nothing}
            ${unread ? html`<span class="badge">${unread === 1 ? this.#text('unreadMessagesOne') : this.#text('unreadMessages', { count: unread })}</span>` : nothing}
            ${item.assignedToMe ? html`<span class="badge">${this.#text('assignedToYou')}</span>` : nothing}
          </p>`
        : nothing}
    </li>`;
  }

  #renderCase(): TemplateResult {
    const item = this.openCase;
    const session = this.#session;
    if (!item || !session) return html``;
    if (this.caseViewLoaded) {
      return html`<weerbaar-case-view
        .client=${session.client}
        .caseId=${item.caseId}
        .me=${session.me}
        .keyring=${this.#keyring}
        heading-level=${this.headingLevel}
        @weerbaar-case-back=${() => this.#closeCase()}
        @weerbaar-case-view-close=${() => this.#closeCase()}
        @weerbaar-case-changed=${() => (this.#listStale = true)}
        @weerbaar-session-ended=${() => this.#lock('session-ended')}
      ></weerbaar-case-view>`;
    }
    if (this.caseViewLoaded === undefined) return html`<p id="case-status" role="status" tabindex="-1">${this.#text('caseLoading')}</p>`;
    // The case view could not be loaded (a network failure): what the list knows, and the way back.
    return html`<p><button type="button" class="secondary" part="back-button" @click=${() => this.#closeCase()}>${this.#text('backToList')}</button></p>
      ${this.#heading(0, this.#text('caseHeading', { reference: item.reference }))}
      <p id="case-status" tabindex="-1">${this.#text('caseSummaryOnly')}</p>
      <ul class="cases" role="list">
        ${this.#renderCaseSummary(item)}
      </ul>`;
  }

  #renderCaseSummary(item: CaseSummary): TemplateResult {
    return html`<li class="case">
      ${this.#renderClock(item)}
      <dl class="facts">
        <div><dt>${this.#text('category')}</dt><dd>${this.#label('category', item.category)}</dd></div>
        <div><dt>${this.#text('role')}</dt><dd>${this.#label('role', item.role)}</dd></div>
        <div><dt>${this.#text('status')}</dt><dd>${this.#label('status', item.status)}</dd></div>
      </dl>
    </li>`;
  }
}
