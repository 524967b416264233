// The quick exit: a frightened person must be able to leave at once, without the page they were on
// staying one Back press away. Shared by every element that offers it (the report dialog today).

/** The neutral page an element leaves to when none is configured. */
export const defaultExitUrl = 'https://www.google.nl/';

/** `url` resolved against the page when it is an `http(s)` URL; the default neutral page otherwise. */
export function exitTarget(url: string): string {
  try {
    const target = new URL(url, document.baseURI);
    if (target.protocol === 'https:' || target.protocol === 'http:') return target.href;
  } catch {
    // fall through to the default neutral page
  }
  return defaultExitUrl;
}

/**
 * Wipes what `wipe` holds, then replaces the page with the neutral one: `location.replace`, so the
 * page with the form is not left behind in the history for the Back button.
 */
export function quickExit(url: string, wipe: () => void): void {
  const target = exitTarget(url);
  wipe();
  window.location.replace(target);
}
