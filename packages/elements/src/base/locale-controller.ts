import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { defaultLocale, effectiveLang, observeLang, toSupportedLocale, type SupportedLocale } from './locale.js';
import { format, type StringTables } from './strings.js';

/** An element with texts: Lit's update cycle and the site's overrides (`strings`). */
export type LocaleHost<Keys extends string> = ReactiveControllerHost & HTMLElement & { strings?: Partial<Record<Keys, string>> | undefined };

/**
 * The language of an element and its texts in that language, for every Weerbaar element: the
 * language follows the nearest `lang` (across shadow roots) and changes live; a text is the site's
 * override when it gave one, else the element's own, with `{name}` placeholders filled in.
 */
export class LocaleController<Keys extends string> implements ReactiveController {
  /** The language in effect: from the nearest ancestor `lang`, Dutch when none is supported. */
  locale: SupportedLocale = defaultLocale;
  readonly #host: LocaleHost<Keys>;
  // A function: an element's table is a class field, set after the base class constructed this.
  readonly #tables: () => StringTables<Keys>;
  #stopObserving: (() => void) | undefined;

  constructor(host: LocaleHost<Keys>, tables: () => StringTables<Keys>) {
    this.#host = host;
    this.#tables = tables;
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
    this.#stopObserving = observeLang(this.#host, () => this.#follow());
  }

  hostDisconnected(): void {
    this.#stopObserving?.();
  }

  #follow(): void {
    const locale = toSupportedLocale(effectiveLang(this.#host));
    if (locale === this.locale) return;
    this.locale = locale;
    this.#host.requestUpdate();
  }

  /** A visible text in the current language, with the site's override when it gave one. */
  text(key: Keys, values?: Record<string, string | number>): string {
    const template = this.#host.strings?.[key] ?? this.#tables()[this.locale][key];
    return values ? format(template, values) : template;
  }
}
