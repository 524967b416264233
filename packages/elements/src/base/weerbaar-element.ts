import { LitElement, html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { SupportedLocale } from './locale.js';
import { LocaleController, readyToRender } from './locale-controller.js';
import { contentClientFor, type WeerbaarContentClient } from './content-client.js';
import { stringsProperty, type LocalizedStrings } from './strings.js';

/** Where an element's content stands. `inline` content is ready at once, remote content loads. */
export type ContentStatus = 'loading' | 'ready' | 'error';

/**
 * What every Weerbaar element shares: the language from the nearest `lang`, overridable texts,
 * content either inline (a `content` property or a `<script type="application/json">` child) or
 * from a backend through the SDK's light content client (`api` attribute), and a configurable heading level.
 *
 * Properties are declared with `static properties` rather than decorators so the same source
 * works unchanged under TypeScript, esbuild and Vite without decorator transforms.
 */
export abstract class WeerbaarElement<Keys extends string, Content> extends LitElement {
  static override properties: PropertyDeclarations = {
    api: { type: String },
    content: { attribute: false },
    strings: stringsProperty,
    headingLevel: { type: Number, attribute: 'heading-level' },
    remote: { state: true },
  };

  /** Base URL of a Weerbaar Reporting API (e.g. `https://meld.example.nl/v1`). Without it, content is inline. */
  declare api: string | undefined;
  /** Inline content (the contract's JSON shape). A `<script type="application/json">` child works the same. */
  declare content: Content | undefined;
  /**
   * Overrides for any visible text, by key (see the element's string table); placeholders like
   * `{count}` are filled in. As an attribute: JSON, e.g. `strings='{"hide":"Sluiten"}'`.
   */
  declare strings: Partial<Record<Keys, string>> | undefined;
  /** The level of the element's top heading (2 by default); sub-headings go one level deeper. */
  declare headingLevel: number;
  declare protected remote: { key: string; status: ContentStatus; content?: Content };

  protected abstract readonly stringTables: LocalizedStrings<Keys>;
  /** Reads this element's content from the backend in the given language. */
  protected abstract fetchContent(client: WeerbaarContentClient, lang: SupportedLocale): Promise<Content>;
  /** Whether a value (inline JSON or a backend answer) has the shape this element renders. */
  protected abstract isContent(value: unknown): value is Content;

  readonly #lang = new LocaleController<Keys>(this, () => this.stringTables);
  #inlineContent: { status: ContentStatus; content?: Content } | undefined;
  #request = 0;

  constructor() {
    super();
    this.headingLevel = 2;
    this.remote = { key: '', status: 'loading' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#inlineContent = this.#readInlineJson();
  }

  /** The first render waits for a task of its own, and any render for a language table that is loading (`readyToRender`). */
  protected override async scheduleUpdate(): Promise<void> {
    await readyToRender(this.hasUpdated, this.#lang);
    super.scheduleUpdate();
  }

  /** The language in effect: from the nearest ancestor `lang`, Dutch when none is supported. */
  protected get locale(): SupportedLocale {
    return this.#lang.locale;
  }

  #readInlineJson(): { status: ContentStatus; content?: Content } | undefined {
    const script = this.querySelector(':scope > script[type="application/json"]');
    if (!script) return undefined;
    try {
      const value: unknown = JSON.parse(script.textContent ?? '');
      return this.isContent(value) ? { status: 'ready', content: value } : { status: 'error' };
    } catch {
      return { status: 'error' };
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const key = this.api ? `${this.api}\n${this.locale}` : '';
    if (key && key !== this.remote.key) void this.#load(this.api as string, this.locale, key);
  }

  async #load(api: string, lang: SupportedLocale, key: string): Promise<void> {
    const request = ++this.#request;
    // Keep showing the previous content while a new language loads: no flash, no layout shift.
    this.remote = { ...this.remote, key, status: this.remote.content ? this.remote.status : 'loading' };
    let next: { key: string; status: ContentStatus; content?: Content };
    try {
      const content = await this.fetchContent(await contentClientFor(api), lang);
      next = this.isContent(content) ? { key, status: 'ready', content } : { key, status: 'error' };
    } catch {
      next = { key, status: 'error' };
    }
    if (request === this.#request) this.remote = next;
  }

  /** The content to render and its status, wherever it comes from. */
  protected get contentState(): { status: ContentStatus; content?: Content } {
    if (this.api) return this.remote;
    if (this.content !== undefined) {
      return this.isContent(this.content) ? { status: 'ready', content: this.content } : { status: 'error' };
    }
    return this.#inlineContent ?? { status: 'ready' };
  }

  /** A visible text in the current language, with the site's override when it gave one; `{name}` placeholders filled in from `values`. */
  protected text(key: Keys, values?: Record<string, string | number>): string {
    return this.#lang.text(key, values);
  }

  /** A heading at the element's level plus `depth`, as ARIA so any level (1–6) needs no dynamic tag. */
  protected heading(depth: number, content: unknown, id?: string): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel || 2) + depth));
    return html`<div role="heading" aria-level=${level} part=${depth === 0 ? 'heading' : 'subheading'} id=${ifDefined(id)} class="heading heading-${depth}">${content}</div>`;
  }
}
