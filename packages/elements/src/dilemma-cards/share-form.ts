import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { DilemmaCard, DilemmaTheme, ReporterRole, WeerbaarDilemmaClient } from '@weerbaar/sdk/dilemmas';
import { defineElement } from '../base/define-element.js';
import { emit } from '../base/events.js';
import { LocaleController } from '../base/locale-controller.js';
import { sharedStyles } from '../base/shared.styles.js';
import { cardListStyles } from '../base/card-list.styles.js';
import { stringsProperty, type StringTables } from '../base/strings.js';
import { heading, isCardList, renderCard, roles, themes, type CardContext, type CardFilters } from './card-view.js';
import { loadDilemmaSdk } from './dilemma-client.js';
import { dilemmaCardsStrings, type DilemmaCardsStringKey } from './dilemma-cards.strings.js';
import { dilemmaCardsStyles } from './dilemma-cards.styles.js';
import { dilemmaShareStrings, type DilemmaShareStringKey } from './share-form.strings.js';
import { shareFormStyles } from './share-form.styles.js';

type Key = DilemmaCardsStringKey | DilemmaShareStringKey;
type Step = 'form' | 'sent' | 'read';
type Field = 'role' | 'theme' | 'situation' | 'whatIDid' | 'readCode';
type Problem = { field?: Field; message: string };

const tables: StringTables<Key> = {
  nl: { ...dilemmaCardsStrings.nl, ...dilemmaShareStrings.nl },
  en: { ...dilemmaCardsStrings.en, ...dilemmaShareStrings.en },
};
// The contract's limit for both texts (DilemmaContent).
const maxLength = 4000;
// The backend's field errors point into the body; these are the fields of this form.
const fieldOfPointer: Record<string, Field> = { '/role': 'role', '/theme': 'theme', '/content/situation': 'situation', '/content/whatIDid': 'whatIDid', '/readCode': 'readCode' };

/**
 * The anonymous share form of `<weerbaar-dilemma-cards>`, loaded when someone opens it: role,
 * theme, the situation and optionally what they did; then, once, the read code; and reading what
 * became of a dilemma by that code. Nothing typed here leaves the form but in the request body,
 * and nothing is kept once it closes. Not for use on its own.
 */
export class DilemmaShare extends LitElement {
  static override styles = [sharedStyles, cardListStyles, dilemmaCardsStyles, shareFormStyles];
  static override properties: PropertyDeclarations = {
    api: { type: String },
    strings: stringsProperty,
    headingLevel: { type: Number },
    filters: { attribute: false },
    step: { state: true },
    problems: { state: true },
    busy: { state: true },
    readCode: { state: true },
    reading: { state: true },
  };

  declare api: string;
  declare strings: Partial<Record<Key, string>> | undefined;
  declare headingLevel: number;
  /** The cards' filters when the form opened: the role and theme it starts with. */
  declare filters: CardFilters;
  declare private step: Step;
  declare private problems: Problem[];
  declare private busy: boolean;
  /** The read code of the dilemma just sent: shown once, in memory only. */
  declare private readCode: string | undefined;
  declare private reading: { status: 'waiting' | 'published'; cards: DilemmaCard[] } | undefined;

  readonly #lang = new LocaleController<Key>(this, () => tables);
  #client: Promise<WeerbaarDilemmaClient> | undefined;
  // One key per dilemma: a retry after a lost answer is stored once (the SDK resends it as given).
  #idempotencyKey = crypto.randomUUID();
  #focusAfterRender: string | undefined = '#form-title';

  constructor() {
    super();
    this.headingLevel = 3;
    this.filters = {};
    this.step = 'form';
    this.problems = [];
    this.busy = false;
  }

  get #context(): CardContext {
    return { text: (key, values) => this.#lang.text(key, values), headingLevel: this.headingLevel };
  }

  #t(key: Key, values?: Record<string, string | number>): string {
    return this.#lang.text(key, values);
  }

  #dilemmas(): Promise<WeerbaarDilemmaClient> {
    this.#client ??= loadDilemmaSdk().then(({ createDilemmaClient }) => createDilemmaClient({ baseUrl: new URL(this.api, document.baseURI).href.replace(/\/$/, ''), locale: this.#lang.locale }));
    return this.#client;
  }

  protected override updated(): void {
    if (!this.#focusAfterRender) return;
    this.renderRoot.querySelector<HTMLElement>(this.#focusAfterRender)?.focus();
    this.#focusAfterRender = undefined;
  }

  #goTo(step: Step, focus: string): void {
    this.step = step;
    this.problems = [];
    this.#focusAfterRender = focus;
  }

  #close = (): void => {
    this.dispatchEvent(new Event('weerbaar-dilemma-share-closed'));
  };

  override render(): TemplateResult {
    const body = this.step === 'form' ? this.#renderForm() : this.step === 'sent' ? this.#renderSent() : this.#renderRead();
    return html`<div lang=${this.#lang.locale}>${body}</div>`;
  }

  #renderErrorSummary(): TemplateResult | typeof nothing {
    if (!this.problems.length) return nothing;
    return html`<div id="error-summary" class="error-summary" part="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
      ${heading(this.#context, 1, this.#t('errorSummaryTitle'), { id: 'error-summary-title' })}
      <ul>
        ${this.problems.map((problem) =>
          problem.field ? html`<li><a href="#${problem.field}" @click=${(event: Event) => this.#focusField(event, problem.field!)}>${problem.message}</a></li>` : html`<li>${problem.message}</li>`,
        )}
      </ul>
    </div>`;
  }

  #focusField(event: Event, field: Field): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus();
  }

  #fieldProblem(field: Field): TemplateResult | typeof nothing {
    const problem = this.problems.find((candidate) => candidate.field === field);
    return problem ? html`<p class="field-error" id="${field}-error">${problem.message}</p>` : nothing;
  }

  #describedBy(field: Field, ...more: string[]): string {
    return [...more, ...(this.problems.some((problem) => problem.field === field) ? [`${field}-error`] : [])].join(' ') || '';
  }

  #invalid(field: Field): string {
    return this.problems.some((problem) => problem.field === field) ? 'invalid' : '';
  }

  #renderForm(): TemplateResult {
    const { role, theme } = this.filters;
    return html`<form novalidate @submit=${this.#send}>
      ${heading(this.#context, 0, this.#t('shareTitle'), { id: 'form-title', focusable: true })}
      <p>${this.#t('shareIntro')}</p>
      ${this.#renderErrorSummary()}
      <fieldset class="form-field ${this.#invalid('role')}" aria-describedby=${this.#describedBy('role') || nothing}>
        <legend>${this.#t('shareRole')}</legend>
        ${this.#fieldProblem('role')}
        ${roles.map(
          (item, index) => html`<div class="option">
            <input type="radio" name="role" id="role-${item}" value=${item} ?checked=${role === item} data-field=${index === 0 ? 'role' : nothing} />
            <label for="role-${item}">${this.#t(`role-${item}`)}</label>
          </div>`,
        )}
      </fieldset>
      <div class="form-field ${this.#invalid('theme')}">
        <label for="theme">${this.#t('shareTheme')}</label>
        ${this.#fieldProblem('theme')}
        <select id="theme" name="theme" data-field="theme" aria-describedby=${this.#describedBy('theme') || nothing}>
          <option value="" ?selected=${!theme}>${this.#t('chooseOne')}</option>
          ${themes.map((item) => html`<option value=${item} ?selected=${theme === item}>${this.#t(`theme-${item}`)}</option>`)}
        </select>
      </div>
      <div class="form-field ${this.#invalid('situation')}">
        <label for="situation">${this.#t('situation')}</label>
        <p class="hint" id="situation-hint">${this.#t('situationHint')}</p>
        ${this.#fieldProblem('situation')}
        <textarea id="situation" name="situation" data-field="situation" rows="6" maxlength=${maxLength} aria-describedby=${this.#describedBy('situation', 'situation-hint')}></textarea>
      </div>
      <div class="form-field ${this.#invalid('whatIDid')}">
        <label for="whatIDid">${this.#t('whatIDid')} ${this.#t('optional')}</label>
        ${this.#fieldProblem('whatIDid')}
        <textarea id="whatIDid" name="whatIDid" data-field="whatIDid" rows="4" maxlength=${maxLength} aria-describedby=${this.#describedBy('whatIDid') || nothing}></textarea>
      </div>
      <div class="option">
        <input type="checkbox" id="wantsReadCode" name="wantsReadCode" aria-describedby="wantsReadCode-hint" />
        <label for="wantsReadCode">${this.#t('wantsReadCode')}</label>
      </div>
      <p class="hint" id="wantsReadCode-hint">${this.#t('wantsReadCodeHint')}</p>
      <p role="status">${this.busy ? this.#t('sending') : ''}</p>
      <div class="buttons">
        <button type="submit" ?disabled=${this.busy}>${this.#t('send')}</button>
        <button type="button" class="secondary" @click=${this.#close}>${this.#t('cancel')}</button>
        <button type="button" class="secondary" @click=${() => this.#goTo('read', '#read-title')}>${this.#t('readAnswer')}</button>
      </div>
    </form>`;
  }

  #send = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const role = roles.find((item) => item === data.get('role'));
    const theme = themes.find((item) => item === data.get('theme'));
    const situation = String(data.get('situation') ?? '').trim();
    const whatIDid = String(data.get('whatIDid') ?? '').trim();
    // Keep the choices when the form renders again after an error.
    this.filters = { role, theme };
    const problems: Problem[] = [];
    if (!role) problems.push({ field: 'role', message: this.#t('roleRequired') });
    if (!theme) problems.push({ field: 'theme', message: this.#t('themeRequired') });
    if (!situation) problems.push({ field: 'situation', message: this.#t('situationRequired') });
    if (problems.length) return this.#showProblems(problems);
    this.busy = true;
    this.problems = [];
    try {
      const acknowledgement = await (await this.#dilemmas()).submitDilemma(
        { role: role!, theme: theme!, content: { situation, ...(whatIDid ? { whatIDid } : {}) }, ...(data.get('wantsReadCode') ? { wantsReadCode: true } : {}) },
        { idempotencyKey: this.#idempotencyKey },
      );
      this.readCode = acknowledgement.readCode;
      form.reset();
      this.#goTo('sent', '#sent-title');
      emit(this, 'weerbaar-dilemma-shared', { receivedAt: acknowledgement.receivedAt });
    } catch (error) {
      this.#showProblems(await this.#problemsOf(error, 'rejected', 'rateLimited'));
    } finally {
      this.busy = false;
    }
  };

  /** What went wrong, in words, on the fields the backend named. */
  async #problemsOf(error: unknown, rejected: Key, rateLimited: Key): Promise<Problem[]> {
    const { WeerbaarApiError, WeerbaarError } = await loadDilemmaSdk();
    if (!(error instanceof WeerbaarError) || error.retryable) {
      return [{ message: this.#t(error instanceof WeerbaarError && error.kind === 'rate-limited' ? rateLimited : 'unavailable') }];
    }
    const fieldProblems = error instanceof WeerbaarApiError ? error.errors.filter((item) => fieldOfPointer[item.pointer]) : [];
    return fieldProblems.length
      ? fieldProblems.map((item) => ({ field: fieldOfPointer[item.pointer], message: item.detail }))
      : [{ message: this.#t(rejected) }];
  }

  #showProblems(problems: Problem[]): void {
    this.problems = problems;
    this.#focusAfterRender = '#error-summary';
  }

  #renderSent(): TemplateResult {
    return html`${heading(this.#context, 0, this.#t('sentTitle'), { id: 'sent-title', focusable: true })}
      <p>${this.#t('sentText')}</p>
      ${this.readCode
        ? html`<section aria-labelledby="read-code-title">
            ${heading(this.#context, 1, this.#t('readCodeLabel'), { id: 'read-code-title' })}
            <p class="read-code" part="read-code">${this.readCode}</p>
            <p><strong>${this.#t('keepReadCode')}</strong></p>
          </section>`
        : nothing}
      <div class="buttons">
        <button type="button" @click=${this.#close}>${this.#t('done')}</button>
        ${this.readCode ? html`<button type="button" class="secondary" @click=${() => this.#goTo('read', '#read-title')}>${this.#t('readAnswer')}</button>` : nothing}
      </div>`;
  }

  #renderRead(): TemplateResult {
    const { reading } = this;
    return html`<form novalidate @submit=${this.#read}>
        ${heading(this.#context, 0, this.#t('readTitle'), { id: 'read-title', focusable: true })}
        <p>${this.#t('readIntro')}</p>
        ${this.#renderErrorSummary()}
        <div class="form-field ${this.#invalid('readCode')}">
          <label for="readCode">${this.#t('readCodeField')}</label>
          ${this.#fieldProblem('readCode')}
          <input type="text" id="readCode" name="readCode" data-field="readCode" maxlength="64" autocomplete="off" spellcheck="false" aria-describedby=${this.#describedBy('readCode') || nothing} />
        </div>
        <div class="buttons">
          <button type="submit" ?disabled=${this.busy}>${this.#t('readButton')}</button>
          <button type="button" class="secondary" @click=${this.#close}>${this.#t('cancel')}</button>
        </div>
      </form>
      <div role="status" id="reading" tabindex="-1">
        ${reading?.status === 'waiting' ? html`<p>${this.#t('waiting')}</p>` : nothing}
        ${reading?.status === 'published' ? html`<p>${this.#t('publishedIntro')}</p>` : nothing}
      </div>
      ${reading?.cards.length ? html`<ul class="cards">${reading.cards.map((card) => html`<li>${renderCard(this.#context, card, 1)}</li>`)}</ul>` : nothing}`;
  }

  #read = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.busy) return;
    const readCode = String(new FormData(event.currentTarget as HTMLFormElement).get('readCode') ?? '').trim();
    this.reading = undefined;
    if (!readCode) return this.#showProblems([{ field: 'readCode', message: this.#t('readCodeRequired') }]);
    this.busy = true;
    this.problems = [];
    try {
      const answer = await (await this.#dilemmas()).readDilemma(readCode);
      const cards: unknown = answer?.cards;
      this.reading = { status: answer?.status === 'published' ? 'published' : 'waiting', cards: isCardList(cards) ? cards : [] };
      this.#focusAfterRender = '#reading';
    } catch (error) {
      const { WeerbaarApiError } = await loadDilemmaSdk();
      const unknownCode = error instanceof WeerbaarApiError && error.status === 404;
      this.#showProblems(unknownCode ? [{ field: 'readCode', message: this.#t('unknownReadCode') }] : await this.#problemsOf(error, 'unknownReadCode', 'readRateLimited'));
    } finally {
      this.busy = false;
    }
  };
}

defineElement('weerbaar-dilemma-share', DilemmaShare);

declare global {
  interface HTMLElementTagNameMap {
    'weerbaar-dilemma-share': DilemmaShare;
  }
}
