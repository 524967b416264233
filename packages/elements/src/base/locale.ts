/** The languages every element speaks completely. Dutch is the default. */
export const supportedLocales = ['nl', 'en'] as const;
export type SupportedLocale = (typeof supportedLocales)[number];
export const defaultLocale: SupportedLocale = 'nl';

/**
 * The `lang` in effect for a node: the nearest ancestor with a `lang` attribute, also across
 * shadow roots (an element inside another component's shadow DOM follows that component's page).
 */
export function effectiveLang(node: Element): string {
  let current: Element | null = node;
  while (current) {
    const withLang: Element | null = current.closest('[lang]');
    if (withLang) return withLang.getAttribute('lang') ?? '';
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

/** Maps any BCP 47 tag to a supported locale by its primary language; Dutch otherwise. */
export function toSupportedLocale(lang: string): SupportedLocale {
  const primary = lang.trim().toLowerCase().split('-')[0] ?? '';
  return (supportedLocales as readonly string[]).includes(primary) ? (primary as SupportedLocale) : defaultLocale;
}

type LangListener = () => void;
const listeners = new Set<LangListener>();
let observer: MutationObserver | undefined;

/**
 * Calls `listener` whenever a `lang` attribute changes anywhere in the document or in the shadow
 * roots that contain `node`. One observer serves every element on the page.
 */
export function observeLang(node: Element, listener: LangListener): () => void {
  observer ??= new MutationObserver(() => {
    for (const notify of listeners) notify();
  });
  let root: Node = node.getRootNode();
  for (;;) {
    observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
    if (!(root instanceof ShadowRoot)) break;
    root = root.host.getRootNode();
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}

// One formatter per language and time zone, made once: creating an Intl.DateTimeFormat costs about
// a millisecond or more (the support directory dates every contact, ~20, in one render: the trace of
// issue 19 showed that render as a 60–90 ms long task).
const longDateFormats: Record<string, Intl.DateTimeFormat> = {};

/**
 * A date in words as people write it in the language: "1 december 2026", and in British English
 * "1 December 2026" (not the US "December 1, 2026"). `timeZone` for a date that is a day, not an instant.
 */
export function longDate(locale: SupportedLocale, date: Date, timeZone?: string): string {
  return (longDateFormats[locale + timeZone] ??= new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeZone })).format(date);
}
