import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { DilemmaCard, DilemmaCardCollection, DilemmaTheme, ReporterRole } from '@weerbaar/sdk/dilemmas';
import { LocaleController } from '../base/locale-controller.js';
import { nextTask } from '../base/next-task.js';
import { printAlone } from '../base/print-alone.js';
import { sharedStyles } from '../base/shared.styles.js';
import { cardListStyles } from '../base/card-list.styles.js';
import { stringsProperty } from '../base/strings.js';
import { filterCards, heading, isCardCollection, linkedThemes, renderCard, renderDecision, roles, themes, type CardContext, type CardFilters } from './card-view.js';
import { dilemmaClientFor } from './dilemma-client.js';
import { dilemmaCardsStrings, type DilemmaCardsStringKey } from './dilemma-cards.strings.js';
import { dilemmaCardsStyles } from './dilemma-cards.styles.js';
import type { DilemmaShare } from './share-form.js';
import type { DilemmaShareStringKey } from './share-form.strings.js';

/** How the cards show: a list for an intranet, one at a time for a meeting, or all of them on paper. */
export type DilemmaCardsView = 'list' | 'presentation' | 'print';
const views: readonly DilemmaCardsView[] = ['list', 'presentation', 'print'];

type Remote = { key: string; status: 'loading' | 'ready' | 'error'; cards: DilemmaCard[] };

/**
 * Dilemma cards to talk about integrity: the published cards filtered by role and theme, as a
 * list, one card at a time for a meeting (the situation, "what would you do?", then what was
 * decided on request) or one card per printed page. "Share a dilemma" opens a short anonymous
 * form in place; its code, and the encryption, load only then.
 *
 * The cards come from the backend's `GET /dilemma-cards` through `@weerbaar/sdk/dilemmas`, once
 * per language; the filters apply in the browser. Source links are rendered only for `https:` URLs.
 *
 * A link to the page with a fragment `#dilemmas=threats,side-jobs` (the signal checklist's advice
 * makes such links) opens the cards filtered on those themes, when the page loads and whenever the
 * fragment changes: the filter is named under the heading, which gets focus, and "show all
 * dilemmas" clears it (and the fragment).
 *
 * @tagname weerbaar-dilemma-cards
 * @summary Dilemma cards for a meeting, an intranet or paper; share a dilemma anonymously.
 *
 * @csspart heading - The element's heading.
 * @csspart subheading - Every heading below it.
 * @csspart filters - The filter form.
 * @csspart status - The number of cards, or the loading and error message (a live region).
 * @csspart actions - The buttons for the presentation, printing and sharing.
 * @csspart card - Each card.
 * @csspart badge - The label of a card that is a draft, not yet reviewed.
 * @csspart decision - What was decided on a card.
 * @csspart sources - The sources a card cites.
 * @csspart position - "Card 3 of 12" in the presentation.
 * @csspart reveal-button - The button that shows what was decided, in the presentation.
 * @csspart share-button - The button that opens the share form.
 * @csspart share-form - The share form, once opened.
 * @csspart linked-filter - The themes a link opened the cards on, with the button that clears them.
 *
 * @cssproperty --weerbaar-dilemma-cards-card-background-color - Background of each card.
 * @cssproperty --weerbaar-dilemma-cards-border-color - Border of each card.
 * @cssproperty --weerbaar-dilemma-cards-badge-background-color - Background of the draft label.
 * @cssproperty --weerbaar-dilemma-cards-meta-color - Colour of the roles and theme line.
 * @cssproperty --weerbaar-dilemma-cards-decision-border-color - Border beside what was decided.
 *
 * @fires weerbaar-dilemma-shared - A dilemma was stored. Detail `{ receivedAt }` only: never its text or read code.
 */
export class DilemmaCards extends LitElement {
  static override styles = [sharedStyles, cardListStyles, dilemmaCardsStyles];
  static override properties: PropertyDeclarations = {
    api: { type: String },
    content: { attribute: false },
    strings: stringsProperty,
    headingLevel: { type: Number, attribute: 'heading-level' },
    reporterRole: { type: String, attribute: 'reporter-role' },
    theme: { type: String },
    view: { type: String, reflect: true },
    share: { converter: { fromAttribute: (value: string | null) => value !== 'false' } },
    remote: { state: true, attribute: false },
    filters: { state: true, attribute: false },
    position: { state: true, attribute: false },
    revealed: { state: true, attribute: false },
    shareForm: { state: true, attribute: false },
    shareLoadFailed: { state: true, attribute: false },
  };

  /** Base URL of a Weerbaar Reporting API with the `dilemmas` capability (e.g. `https://meld.example.nl/v1`). */
  declare api: string | undefined;
  /** Cards without a backend (the contract's DilemmaCardCollection), e.g. for a page that is printed or a story; `api` wins. */
  declare content: DilemmaCardCollection | undefined;
  /** Overrides for any visible text, by key (also the share form's); as an attribute: JSON. */
  declare strings: Partial<Record<DilemmaCardsStringKey | DilemmaShareStringKey, string>> | undefined;
  /** The level of the element's top heading (2 by default); sub-headings go one level deeper. */
  declare headingLevel: number;
  /** The initial role filter (`civil-servant`, `administrator`, `council-member`, `other`); not `role`, which is ARIA's. */
  declare reporterRole: ReporterRole | undefined;
  /** The initial theme filter (`threats`, `gifts-and-hospitality`, `side-jobs`, `information-requests`, `permit-pressure`, `other`). */
  declare theme: DilemmaTheme | undefined;
  /** `list` (default), `presentation` (one card at a time) or `print` (every card of the filter, one per page). */
  declare view: DilemmaCardsView;
  /** Whether the "share a dilemma" button shows; `share="false"` hides it. */
  declare share: boolean;
  declare private remote: Remote;
  declare private filters: CardFilters;
  declare private position: number;
  declare private revealed: boolean;
  declare private shareForm: DilemmaShare | undefined;
  declare private shareLoadFailed: boolean;

  readonly #lang = new LocaleController<DilemmaCardsStringKey>(this, () => dilemmaCardsStrings);
  #request = 0;
  #focusAfterRender: string | undefined;

  constructor() {
    super();
    this.headingLevel = 2;
    this.view = 'list';
    this.share = true;
    this.remote = { key: '', status: 'loading', cards: [] };
    this.filters = {};
    this.position = 0;
    this.revealed = false;
    this.shareLoadFailed = false;
  }

  get #context(): CardContext {
    return { text: (key, values) => this.#lang.text(key, values), headingLevel: this.headingLevel };
  }

  #text(key: DilemmaCardsStringKey, values?: Record<string, string | number>): string {
    return this.#lang.text(key, values);
  }

  /**
   * The first render waits for a task of its own, apart from the module's evaluation (as every
   * WeerbaarElement's: issue 19's trace showed both in one long task).
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await nextTask();
    super.scheduleUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#followLink();
    window.addEventListener('hashchange', this.#followLink);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#followLink);
  }

  /** Filters on the themes the page's fragment carries and brings the heading, with the filter, into focus. */
  #followLink = (): void => {
    const linked = linkedThemes(location.hash);
    if (!linked.length) return;
    this.filters = { role: this.filters.role, theme: linked.length === 1 ? linked[0] : undefined, linked };
    this.position = 0;
    this.revealed = false;
    this.#focusAfterRender = '#title';
  };

  #clearLinked(): void {
    this.#setFilter('theme', undefined);
    // The fragment goes too, so that a reload shows every card; the rest of the address stays.
    if (linkedThemes(location.hash).length) history.replaceState(history.state, '', location.pathname + location.search);
    this.#focusAfterRender = '#theme';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('reporterRole')) this.filters = { ...this.filters, role: roles.find((role) => role === this.reporterRole) };
    if (changed.has('theme')) this.filters = { ...this.filters, theme: themes.find((theme) => theme === this.theme) };
    if (changed.has('view') && !views.includes(this.view)) this.view = 'list';
    const key = this.api ? `${this.api}\n${this.#lang.locale}` : '';
    if (key && key !== this.remote.key) void this.#load(key);
    if (this.shareForm) Object.assign(this.shareForm, { strings: this.strings, headingLevel: this.headingLevel });
  }

  protected override updated(): void {
    if (!this.#focusAfterRender) return;
    this.renderRoot.querySelector<HTMLElement>(this.#focusAfterRender)?.focus();
    this.#focusAfterRender = undefined;
  }

  async #load(key: string): Promise<void> {
    const request = ++this.#request;
    // Keep showing the cards of the previous language while the new ones load: no flash.
    this.remote = { ...this.remote, key, status: this.remote.cards.length ? this.remote.status : 'loading' };
    let next: Remote;
    try {
      const answer: unknown = await (await dilemmaClientFor(this.api!)).getDilemmaCards({ lang: this.#lang.locale });
      next = isCardCollection(answer) ? { key, status: 'ready', cards: answer.items } : { key, status: 'error', cards: [] };
    } catch {
      next = { key, status: 'error', cards: [] };
    }
    if (request === this.#request) this.remote = next;
  }

  #retry(): void {
    this.remote = { ...this.remote, key: '' };
  }

  /** The cards from the backend, or the inline ones. */
  get #source(): Pick<Remote, 'status' | 'cards'> {
    if (this.api) return this.remote;
    return isCardCollection(this.content) ? { status: 'ready', cards: this.content.items } : { status: this.content === undefined ? 'loading' : 'error', cards: [] };
  }

  get #cards(): DilemmaCard[] {
    return filterCards(this.#source.cards, this.filters);
  }

  #setFilter<K extends keyof CardFilters>(name: K, value: CardFilters[K]): void {
    // Choosing a theme (or all) replaces the themes a link carried.
    this.filters = { ...this.filters, [name]: value, ...(name === 'theme' ? { linked: undefined } : {}) };
    this.position = 0;
    this.revealed = false;
  }

  /** Switches the view and moves focus to where the new view starts. */
  #show(view: DilemmaCardsView, focus: string): void {
    this.view = view;
    this.position = 0;
    this.revealed = false;
    this.#focusAfterRender = focus;
  }

  #go(step: number): void {
    const next = this.position + step;
    if (next < 0 || next >= this.#cards.length) return;
    this.position = next;
    this.revealed = false;
    // Focus on the new card's heading: a screen reader reads the card, the arrow keys keep working.
    this.#focusAfterRender = '#card-heading';
  }

  #onPresentationKey = (event: KeyboardEvent): void => {
    if ((event.target as Element).matches('select, input, textarea')) return;
    if (event.key === 'ArrowRight' || event.key === 'PageDown') this.#go(1);
    else if (event.key === 'ArrowLeft' || event.key === 'PageUp') this.#go(-1);
    else return;
    event.preventDefault();
  };

  override render(): TemplateResult {
    const context = this.#context;
    if (this.shareForm) {
      return html`<div class="dilemmas" part="base" lang=${this.#lang.locale}>${heading(context, 0, this.#text('title'))}${this.shareForm}</div>`;
    }
    const cards = this.#cards;
    return html`<div class="dilemmas view-${this.view}" part="base" lang=${this.#lang.locale}>
      ${heading(context, 0, this.#text('title'), { id: 'title', focusable: true, describedBy: this.filters.linked ? 'linked-filter' : undefined })}
      ${this.view === 'print' ? nothing : this.#renderFilters()}
      ${this.#renderLinkedFilter()}
      <p role="status" part="status" class="status no-print">${this.#statusText(cards.length)}</p>
      ${this.remote.status === 'error' && this.api ? html`<p><button type="button" class="secondary" @click=${this.#retry}>${this.#text('retry')}</button></p>` : nothing}
      ${this.#renderActions(cards.length)}
      ${this.view === 'presentation' ? this.#renderPresentation(cards) : this.#renderAll(cards)}
    </div>`;
  }

  #statusText(count: number): string {
    const { status } = this.#source;
    if (status === 'loading') return this.#text('loading');
    if (status === 'error') return this.#text('error');
    if (count === 0) return this.#text('empty');
    return count === 1 ? this.#text('countOne') : this.#text('count', { count });
  }

  #renderFilters(): TemplateResult {
    const { role, theme, linked } = this.filters;
    const choose = <T extends string>(list: readonly T[], event: Event) => list.find((item) => item === (event.target as HTMLSelectElement).value);
    return html`<form class="row" part="filters" role="search" aria-label=${this.#text('filtersLabel')} @submit=${(event: Event) => event.preventDefault()}>
      <div class="field">
        <label for="role">${this.#text('role')}</label>
        <select id="role" @change=${(event: Event) => this.#setFilter('role', choose(roles, event))}>
          <option value="" ?selected=${!role}>${this.#text('roleAll')}</option>
          ${roles.map((item) => html`<option value=${item} ?selected=${role === item}>${this.#text(`role-${item}`)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="theme">${this.#text('theme')}</label>
        <select id="theme" @change=${(event: Event) => this.#setFilter('theme', choose(themes, event))}>
          <option value="" ?selected=${!theme && !linked}>${this.#text('themeAll')}</option>
          ${linked && linked.length > 1 ? html`<option value="linked" selected>${this.#linkedNames()}</option>` : nothing}
          ${themes.map((item) => html`<option value=${item} ?selected=${theme === item}>${this.#text(`theme-${item}`)}</option>`)}
        </select>
      </div>
    </form>`;
  }

  /** The themes a link carried, named, with the way back to every card. */
  #renderLinkedFilter(): TemplateResult | typeof nothing {
    if (!this.filters.linked) return nothing;
    return html`<p class="linked no-print" part="linked-filter">
      <span id="linked-filter">${this.#text('linked', { themes: this.#linkedNames() })}</span>
      <button type="button" class="secondary" id="clear-linked" @click=${this.#clearLinked}>${this.#text('clearLinked')}</button>
    </p>`;
  }

  #linkedNames(): string {
    return (this.filters.linked ?? []).map((theme) => this.#text(`theme-${theme}`)).join(', ');
  }

  #renderActions(count: number): TemplateResult {
    const list = this.view === 'list';
    return html`<div class="row no-print" part="actions">
      ${list && count ? html`<button type="button" class="secondary" @click=${() => this.#show('presentation', '#card-heading')}>${this.#text('present')}</button>` : nothing}
      ${list && count ? html`<button type="button" class="secondary" @click=${() => this.#show('print', '#print-button')}>${this.#text('print')}</button>` : nothing}
      ${this.view === 'print' && count ? html`<button type="button" id="print-button" @click=${this.#print}>${this.#text('printNow')}</button>` : nothing}
      ${list ? nothing : html`<button type="button" class="secondary" id="back-button" @click=${() => this.#show('list', '#title')}>${this.#text('backToList')}</button>`}
      ${this.share && this.api && list
        ? html`<button type="button" part="share-button" id="share-button" aria-describedby=${this.shareLoadFailed ? 'share-load-error' : nothing} @click=${this.openShareForm}>${this.#text('share')}</button>`
        : nothing}
      ${this.shareLoadFailed ? html`<p id="share-load-error" class="error" role="alert">${this.#text('shareLoadError')}</p>` : nothing}
    </div>`;
  }

  #renderAll(cards: DilemmaCard[]): TemplateResult | typeof nothing {
    if (!cards.length) return nothing;
    return html`<ul class="cards">
      ${cards.map((card) => html`<li>${renderCard(this.#context, card, 1)}</li>`)}
    </ul>`;
  }

  #renderPresentation(cards: DilemmaCard[]): TemplateResult | typeof nothing {
    const card = cards[Math.min(this.position, cards.length - 1)];
    if (!card) return nothing;
    const position = Math.min(this.position, cards.length - 1);
    const context = this.#context;
    return html`<section class="presentation" aria-labelledby="card-heading" @keydown=${this.#onPresentationKey}>
      <p class="position" part="position">${this.#text('position', { position: position + 1, count: cards.length })}</p>
      ${renderCard(context, card, 1, { decision: 'hidden', headingId: 'card-heading' })}
      ${card.text.decision
        ? this.revealed
          ? html`<div id="decision" tabindex="-1">${renderDecision(context, card.text.decision, 2)}</div>`
          : html`<p><button type="button" part="reveal-button" @click=${this.#reveal}>${this.#text('reveal')}</button></p>`
        : nothing}
      <div class="row">
        <button type="button" class="secondary" id="previous" ?disabled=${position === 0} @click=${() => this.#go(-1)}>${this.#text('previous')}</button>
        <button type="button" class="secondary" id="next" ?disabled=${position >= cards.length - 1} @click=${() => this.#go(1)}>${this.#text('next')}</button>
      </div>
    </section>`;
  }

  #reveal(): void {
    this.revealed = true;
    this.#focusAfterRender = '#decision';
  }

  async #print(): Promise<void> {
    await this.updateComplete;
    // The cards alone, one per page: the page around them stays out of print (a constructed sheet, CSP-safe).
    const undo = printAlone(this);
    window.addEventListener('afterprint', undo, { once: true });
    window.print();
  }

  /** Opens the share form in place of the cards (its code loads now, the first time). */
  openShareForm = async (): Promise<void> => {
    if (this.shareForm || !this.api) return;
    this.shareLoadFailed = false;
    let form: DilemmaShare;
    try {
      const { DilemmaShare } = await import('./share-form.js');
      form = new DilemmaShare();
    } catch {
      this.shareLoadFailed = true;
      return;
    }
    Object.assign(form, { api: this.api, strings: this.strings, headingLevel: this.headingLevel + 1, filters: this.filters });
    form.part.add('share-form');
    form.addEventListener('weerbaar-dilemma-share-closed', () => this.#closeShareForm(), { once: true });
    this.shareForm = form;
  };

  #closeShareForm(): void {
    // Dropping the form drops everything typed into it: nothing was kept elsewhere.
    this.shareForm = undefined;
    this.#focusAfterRender = '#share-button';
  }
}
