import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { defaultLocale, effectiveLang, observeLang, toSupportedLocale, type SupportedLocale } from './locale.js';
import { nextTask } from './next-task.js';
import { format, type LocalizedStrings } from './strings.js';

/** An element with texts: Lit's update cycle and the site's overrides (`strings`). */
export type LocaleHost<Keys extends string> = ReactiveControllerHost & HTMLElement & { strings?: Partial<Record<Keys, string>> | undefined };

/**
 * The language of an element and its texts in that language, for every Weerbaar element: the
 * language follows the nearest `lang` (across shadow roots) and changes live; a text is the site's
 * override when it gave one, else the element's own, with `{name}` placeholders filled in.
 *
 * A language whose table is a loader (`LocalizedStrings`) becomes the element's language only once
 * its table is there: until then the element keeps its current language, and its host's update
 * waits for `loading` (`readyToRender`), so it never shows a text in the wrong language first.
 * A table that cannot load (offline) leaves the element in Dutch.
 */
export class LocaleController<Keys extends string> implements ReactiveController {
  /** The language in effect: from the nearest ancestor `lang`, Dutch when none is supported. */
  locale: SupportedLocale = defaultLocale;
  /**
   * The last load of a language's table; settled once the table is there (or failed). Hosts await it
   * before they render (`readyToRender`). Declared without a value (no field in the built code): it is
   * undefined until a table loads.
   */
  declare loading: Promise<void> | undefined;
  readonly #host: LocaleHost<Keys>;
  // A function: an element's table is a class field, set after the base class constructed this.
  readonly #tables: () => LocalizedStrings<Keys>;
  /** The table of `locale`; until a change, Dutch. */
  #table: Record<Keys, string> | undefined;
  /** The language the nearest `lang` asks for (`locale` follows once its table is there). */
  #wanted: SupportedLocale = defaultLocale;
  #stopObserving: (() => void) | undefined;

  constructor(host: LocaleHost<Keys>, tables: () => LocalizedStrings<Keys>) {
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
    const wanted = toSupportedLocale(effectiveLang(this.#host));
    if (wanted === this.#wanted) return;
    this.#wanted = wanted;
    const table = this.#tables()[wanted];
    if (typeof table !== 'function') return this.#show(wanted, table);
    this.loading = table().then(
      (module) => {
        if (this.#wanted === wanted) this.#show(wanted, module.default);
      },
      // Offline or blocked: the element stays in the language it shows (Dutch) rather than go blank.
      () => undefined,
    );
    // An update the host holds until the table is there: `updateComplete` then means "in its language".
    this.#host.requestUpdate();
  }

  #show(locale: SupportedLocale, table: Record<Keys, string>): void {
    this.#table = table;
    if (locale === this.locale) return;
    this.locale = locale;
    this.#host.requestUpdate();
  }

  /** A visible text in the current language, with the site's override when it gave one. */
  text(key: Keys, values?: Record<string, string | number>): string {
    const template = this.#host.strings?.[key] ?? (this.#table ?? this.#tables().nl)[key];
    return values ? format(template, values) : template;
  }
}

/**
 * What an element awaits in `scheduleUpdate` before it renders. The first render waits for a task
 * of its own: a module upgrades every element on the page at once, and rendering them all in that
 * task made one long task of 80–130 ms (issue 19's trace). Any render waits for a language table
 * that is loading (read after that task: the language may change meanwhile), so the element shows
 * one language only.
 */
export async function readyToRender(hasRendered: boolean, lang: { readonly loading: Promise<void> | undefined }): Promise<void> {
  if (!hasRendered) await nextTask();
  await lang.loading;
}
