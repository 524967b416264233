import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { CaseSummary } from '@weerbaar/sdk';
import type { PasskeyAuthenticator } from '@weerbaar/sdk/handler';
import { LocaleController } from '../base/locale-controller.js';
import { sharedStyles } from '../base/shared.styles.js';
import { cardListStyles } from '../base/card-list.styles.js';
import { stringsProperty } from '../base/strings.js';
import { caseInboxStrings, type CaseInboxStringKey } from './case-inbox.strings.js';
import { caseInboxStyles } from './case-inbox.styles.js';
import type { DilemmaStringKey } from './dilemmas.strings.js';
import { ConsoleSession } from './console-session.js';
import type { InboxContext } from './inbox-context.js';
import { InboxList } from './inbox-list.js';
import { caseSummaryView, listView } from './list-view.js';
import { signInView } from './sign-in-view.js';

export { defaultIdleSeconds } from './console-session.js';
export { casesPerPage } from './inbox-list.js';

/** What a signed-in person sees: the list, one case, (admins and auditors) statistics and accounts, or (dilemma editors) dilemmas. */
type NavPage = 'inbox' | 'dilemmas' | 'statistics' | 'accounts';
/** `intake`: the case view's form for a report someone made in person or by phone. */
type Page = NavPage | 'case' | 'intake';
type AdminPages = typeof import('./admin-pages.js');
type DilemmaPages = typeof import('./dilemma-pages.js');
/** The pages each role may open, in the navigation's order; dilemmas for handlers in the editors' group when the backend offers them. */
const pagesOf = (roles: readonly string[], editsDilemmas = false): NavPage[] => [
  ...(roles.includes('handler') ? (['inbox'] as const) : []),
  ...(editsDilemmas ? (['dilemmas'] as const) : []),
  ...(roles.includes('admin') || roles.includes('auditor') ? (['statistics'] as const) : []),
  ...(roles.includes('admin') ? (['accounts'] as const) : []),
];
const navText = { inbox: 'navInbox', dilemmas: 'navDilemmas', statistics: 'navStatistics', accounts: 'navAccounts' } as const;

/**
 * The console where people who handle reports sign in and see what is due: sign in with a passkey
 * (or enrol one from the invitation address, whose `#uitnodiging=` fragment carries the code) or
 * through the organisation's OpenID provider when the backend offers it (the provider sends the
 * browser back to the console, which takes `code` and `state` out of the address at once), then
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
 * @csspart oidc-button - The button that signs in through the organisation's OpenID provider.
 * @csspart enrol-button - The button that creates a passkey from an invitation.
 * @csspart account-bar - Who is signed in, and the sign-out button.
 * @csspart sign-out-button - The sign-out button.
 * @csspart filters - The filter form.
 * @csspart status - The list's status line (a live region).
 * @csspart case - Each case in the list.
 * @csspart case-link - The button that opens a case.
 * @csspart clock - Each case's deadline line.
 * @csspart overdue-tasks - How many open tasks are overdue (when there are any).
 * @csspart case-overdue-tasks - On a case in the list: how many of its open tasks are overdue, in words (when there are any).
 * @csspart show-more-button - The button that loads the next page.
 * @csspart intake-button - The button that opens the form for an oral report (when the backend takes them).
 * @csspart dilemma - Each shared dilemma on the dilemmas page (dilemma editors).
 * @csspart dilemma-card - Each card on the dilemmas page, with its status.
 * @csspart make-card-button - The button that opens an empty card editor for a shared dilemma.
 * @csspart dilemma-form - The card editor.
 * @csspart dilemma-error-summary - The problems of the card editor, each linking to its field.
 * @csspart publish-button - The button that publishes a card.
 * @csspart unpublish-button - The button that takes a card off the public list.
 *
 * @cssproperty --weerbaar-case-inbox-case-border-color - Border of each case in the list.
 * @cssproperty --weerbaar-case-inbox-overdue-color - Text and accent of an overdue clock.
 * @cssproperty --weerbaar-case-inbox-due-soon-color - Text and accent of a clock with 2 days or fewer left.
 * @cssproperty --weerbaar-case-inbox-case-background-color - Background of each case in the list.
 * @cssproperty --weerbaar-case-inbox-notice-background-color - Background of the notice on the sign-in screen.
 */
export class CaseInbox extends LitElement {
  static override styles = [sharedStyles, cardListStyles, caseInboxStyles];
  static override properties: PropertyDeclarations = {
    api: { type: String },
    strings: stringsProperty,
    headingLevel: { type: Number, attribute: 'heading-level' },
    idleTimeout: { type: Number, attribute: 'idle-timeout' },
    authenticator: { attribute: false },
    oidcRedirectUri: { type: String, attribute: 'oidc-redirect-uri' },
    page: { state: true },
    openCase: { state: true },
    caseViewLoaded: { state: true },
    adminPages: { state: true },
    dilemmaPages: { state: true },
  };

  /** Base URL of the Weerbaar Reporting API (`…/v1`) whose cases this console works. */
  declare api: string | undefined;
  /** Overrides for any visible text, by key (see `caseInboxStrings`, and `dilemmaPageStrings` for the dilemmas page). */
  declare strings: Partial<Record<CaseInboxStringKey | DilemmaStringKey, string>> | undefined;
  /** The level of the element's top heading (1 by default: the console is a page of its own). */
  declare headingLevel: number;
  /** Seconds without a key press or click before the console locks; only shorter than the backend's idle time takes effect (default 900). */
  declare idleTimeout: number | undefined;
  /** Runs the passkey ceremonies; the browser's own passkeys when unset. */
  declare authenticator: PasskeyAuthenticator | undefined;
  /** Where the organisation's OpenID provider sends the browser back to after sign-in (one the backend allows; a path is on this page's origin); the backend's console address when unset. */
  declare oidcRedirectUri: string | undefined;
  declare private page: Page;
  declare private openCase: CaseSummary | undefined;
  /** Whether `<weerbaar-case-view>` (a lazy chunk) is defined; `false` when loading it failed. */
  declare private caseViewLoaded: boolean | undefined;
  /** The statistics and accounts pages (a lazy chunk); `false` when loading it failed. */
  declare private adminPages: AdminPages | false | undefined;
  /** The dilemma editors' page (a lazy chunk); `false` when loading it failed. */
  declare private dilemmaPages: DilemmaPages | false | undefined;

  readonly #lang = new LocaleController<CaseInboxStringKey>(this, () => caseInboxStrings);
  readonly #session: ConsoleSession = new ConsoleSession(this, {
    signedIn: (generation) => {
      const roles = this.#session.current?.me.account.roles ?? [];
      this.page = 'inbox';
      if (roles.includes('handler')) void this.#list.loadFirstPage(generation);
      // Auditors and admins who do not handle reports start where their work is.
      else if (pagesOf(roles).includes('statistics')) this.#go('statistics');
    },
    wiped: () => {
      this.#listStale = false;
      this.openCase = undefined;
      this.page = 'inbox';
      this.#statistics = undefined;
      this.#accounts = undefined;
      // Opened dilemmas go with the page.
      this.#dilemmas = undefined;
      this.#list.reset();
    },
    focus: (selector) => (this.#focusAfterRender = selector),
  });
  readonly #list = new InboxList(this, this.#session, (selector) => (this.#focusAfterRender = selector));
  #statistics: InstanceType<AdminPages['StatisticsPage']> | undefined;
  #accounts: InstanceType<AdminPages['AccountsPage']> | undefined;
  #dilemmas: InstanceType<DilemmaPages['DilemmasPage']> | undefined;
  /** A case changed while it was open: the list and counts are read again on the way back. */
  #listStale = false;
  /** Where focus goes after the next render (a selector in the shadow root). */
  #focusAfterRender: string | undefined;

  constructor() {
    super();
    this.headingLevel = 1;
    this.page = 'inbox';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this.#session.start(this.api);
  }

  protected override updated(): void {
    const selector = this.#focusAfterRender;
    if (!selector) return;
    this.#focusAfterRender = undefined;
    const target = this.renderRoot.querySelector<HTMLElement>(selector);
    // The case view focuses its heading once it has rendered (and again when the case is there).
    if (target instanceof LitElement && 'focusHeading' in target) void target.updateComplete.then(() => (target.focusHeading as () => void)());
    else target?.focus();
  }

  /** Opens a page of the navigation; focus goes to its heading. */
  async #go(page: Page): Promise<void> {
    this.page = page;
    this.#focusAfterRender = '[part="heading"]';
    if (page === 'inbox' || page === 'case' || page === 'intake') return;
    if (page === 'dilemmas') return this.#goDilemmas();
    if (!this.adminPages) {
      try {
        this.adminPages = await import('./admin-pages.js');
      } catch {
        this.adminPages = false;
        return;
      }
    }
    const pages = this.adminPages;
    if (page === 'statistics') {
      this.#statistics ??= new pages.StatisticsPage(this, this.#session);
      void this.#statistics.load();
    } else {
      // A new page every visit: an invitation link made on the last one is not shown again.
      this.#accounts = new pages.AccountsPage(this, this.#session, (selector) => (this.#focusAfterRender = selector));
      void this.#accounts.load();
    }
    this.#focusAfterRender = '[part="heading"]';
    this.requestUpdate();
  }

  /** The dilemmas page, read again on every visit (what the key opened stays until sign-out). */
  async #goDilemmas(): Promise<void> {
    try {
      this.dilemmaPages ||= await import('./dilemma-pages.js');
    } catch {
      this.dilemmaPages = false;
      return;
    }
    this.#dilemmas ??= new this.dilemmaPages.DilemmasPage(this, this.#session, (selector) => (this.#focusAfterRender = selector));
    this.#dilemmas.editing = undefined;
    void this.#dilemmas.load();
    this.#focusAfterRender = '[part="heading"]';
    this.requestUpdate();
  }

  /** Whether the signed-in person edits dilemmas: a handler in the editors' group, with a backend that offers them. */
  get #editsDilemmas(): boolean {
    const capability = this.#session.discovery?.capabilities.dilemmas;
    const account = this.#session.current?.me.account;
    return !!capability && !!account?.roles.includes('handler') && !!account.groups?.includes(capability.editorGroupId);
  }

  #openCase(summary: CaseSummary | undefined): void {
    this.openCase = summary;
    this.page = summary ? 'case' : 'intake';
    // The list goes away: focus moves to the case view's heading, or waits on the status line while its chunk loads.
    this.#focusAfterRender = this.caseViewLoaded ? 'weerbaar-case-view' : '#case-status';
    if (this.caseViewLoaded) return;
    // The case view is a chunk of its own: the list does not wait for it.
    import('../case-view/define.js').then(
      () => {
        this.caseViewLoaded = true;
        if (this.page === 'case' || this.page === 'intake') this.#focusAfterRender = 'weerbaar-case-view';
      },
      () => (this.caseViewLoaded = false),
    );
  }

  #closeCase(): void {
    const caseId = this.openCase?.caseId;
    const fromIntake = this.page === 'intake';
    this.openCase = undefined;
    this.page = 'inbox';
    if (this.#listStale) {
      this.#listStale = false;
      this.#focusAfterRender = '#list-heading';
      void this.#list.loadFirstPage();
      return;
    }
    const index = this.#list.items.findIndex((item) => item.caseId === caseId);
    this.#focusAfterRender = fromIntake ? '[part="intake-button"]' : index >= 0 ? `[data-index="${index}"]` : '[part="heading"]';
  }

  /** What the view modules render from. */
  get #context(): InboxContext {
    const lang = this.#lang;
    const headingLevel = this.headingLevel;
    return {
      text: (key, values) => lang.text(key, values),
      heading: (depth, content, part = depth === 0 ? 'heading' : 'subheading') => {
        const level = Math.min(6, Math.max(1, Math.trunc(headingLevel || 1) + depth));
        return html`<div role="heading" aria-level=${level} part=${part} class="heading heading-${Math.min(depth, 2)}" tabindex="-1">${content}</div>`;
      },
      locale: lang.locale,
      headingLevel,
    };
  }

  override render(): TemplateResult {
    return html`<div class="console" part="base" lang=${this.#lang.locale}>${this.#renderView(this.#context)}</div>`;
  }

  #renderView(context: InboxContext): TemplateResult {
    switch (this.#session.state) {
      case 'starting':
        return html`${context.heading(0, context.text('title'))}
          <p role="status">${context.text('signingIn')}</p>`;
      case 'sign-in':
      case 'enrol':
        return signInView(context, this.#session);
      case 'signed-in':
        return html`${this.#renderAccountBar(context)}${this.#renderNav(context)}${this.#renderPage(context)}`;
    }
  }

  #renderPage(context: InboxContext): TemplateResult {
    const pages = this.adminPages;
    switch (this.page) {
      case 'case':
      case 'intake':
        return this.#renderCase(context);
      case 'statistics':
      case 'accounts':
      case 'dilemmas': {
        const chunk = this.page === 'dilemmas' ? this.dilemmaPages : pages;
        const heading = context.heading(0, context.text(navText[this.page]));
        if (chunk === false) return html`${heading}<p role="alert">${context.text('pageLoadError')}</p>`;
        if (this.page === 'statistics' && pages && this.#statistics) return pages.statisticsView(context, this.#statistics);
        if (this.page === 'accounts' && pages && this.#accounts) return pages.accountsView(context, this.#accounts, this.#session.current?.me.account.accountId);
        if (this.page === 'dilemmas' && this.dilemmaPages && this.#dilemmas) return this.dilemmaPages.dilemmasView(context, this.#dilemmas, this.strings);
        return html`${heading}<p role="status">${context.text('loading')}</p>`;
      }
      case 'inbox':
        return html`${context.heading(0, context.text('title'))}${this.#renderInbox(context)}`;
    }
  }

  /** Inbox, statistics and accounts, for people with more than one of them: buttons, so Tab and Enter reach each. */
  #renderNav({ text }: InboxContext): TemplateResult | typeof nothing {
    const pages = pagesOf(this.#session.current?.me.account.roles ?? [], this.#editsDilemmas);
    if (pages.length < 2) return nothing;
    const current = this.page === 'case' || this.page === 'intake' ? 'inbox' : this.page;
    return html`<nav class="console-nav" part="nav" aria-label=${text('navLabel')}>
      <ul role="list">
        ${pages.map(
          (page) =>
            html`<li>
              <button type="button" class="link" part="nav-${page}" aria-current=${current === page ? 'page' : 'false'} @click=${() => this.#go(page)}>${text(navText[page])}</button>
            </li>`,
        )}
      </ul>
    </nav>`;
  }

  #renderAccountBar({ text }: InboxContext): TemplateResult {
    return html`<div class="account-bar" part="account-bar">
      <p>${text('signedInAs', { name: this.#session.current?.me.account.displayName ?? '' })}</p>
      <button type="button" class="secondary" part="sign-out-button" @click=${() => this.#session.lock('signed-out')}>${text('signOut')}</button>
    </div>`;
  }

  #renderInbox(context: InboxContext): TemplateResult {
    // A report made in person or by phone is recorded here when the backend takes them (`caseManagement.intake`).
    const intake = this.#session.discovery?.capabilities.caseManagement?.intake
      ? html`<p><button type="button" class="secondary" part="intake-button" @click=${() => this.#openCase(undefined)}>${context.text('intakeButton')}</button></p>`
      : nothing;
    return html`${intake}${listView(context, this.#list, (summary) => this.#openCase(summary))}`;
  }

  #renderCase(context: InboxContext): TemplateResult {
    const item = this.openCase;
    const session = this.#session.current;
    const intake = this.page === 'intake';
    if ((!item && !intake) || !session) return html``;
    if (this.caseViewLoaded) {
      // For an oral report the view starts with its form and shows the case once it is recorded.
      return html`<weerbaar-case-view
        .client=${session.client}
        .caseId=${item?.caseId}
        ?intake=${intake}
        .discovery=${this.#session.discovery}
        .me=${session.me}
        .keyring=${this.#session.keyring}
        heading-level=${this.headingLevel}
        @weerbaar-case-back=${() => this.#closeCase()}
        @weerbaar-case-view-close=${() => this.#closeCase()}
        @weerbaar-case-changed=${() => (this.#listStale = true)}
        @weerbaar-session-ended=${() => this.#session.lock('session-ended')}
      ></weerbaar-case-view>`;
    }
    if (this.caseViewLoaded === undefined) return html`<p id="case-status" role="status" tabindex="-1">${context.text('caseLoading')}</p>`;
    const back = html`<p><button type="button" class="secondary" part="back-button" @click=${() => this.#closeCase()}>${context.text('backToList')}</button></p>`;
    if (!item) return html`${back}<p id="case-status" role="alert" tabindex="-1">${context.text('pageLoadError')}</p>`;
    // The case view could not be loaded (a network failure): what the list knows, and the way back.
    return html`${back}
      ${context.heading(0, context.text('caseHeading', { reference: item.reference }))}
      <p id="case-status" tabindex="-1">${context.text('caseSummaryOnly')}</p>
      <ul class="cards" role="list">
        ${caseSummaryView(context, item)}
      </ul>`;
  }
}
