/**
 * Globals that analytics and advertising scripts leave behind. Their presence means someone else's
 * code runs on the page and could read what a person types into an inline form.
 */
export const trackerGlobals = ['ga', 'gtag', '_gaq', '_paq', 'fbq', 'dataLayer', '_hsq', 'hj', 'clarity', 'plausible'] as const;

/**
 * Whether the page runs code that does not come from its own origin or from Weerbaar's: a script
 * element (or a script that was loaded and removed again) from another origin, or a known tracker
 * global. Such code shares the page's DOM, so an inline report form would not be private.
 */
export function hasThirdPartyCode(win: Window, ownOrigins: readonly string[]): boolean {
  const trusted = new Set([win.location.origin, ...ownOrigins]);
  const foreign = (url: string) => {
    try {
      const { origin, protocol } = new URL(url, win.document.baseURI);
      return (protocol === 'http:' || protocol === 'https:') && !trusted.has(origin);
    } catch {
      return false;
    }
  };
  const scriptElements = [...win.document.scripts].map((script) => script.src).filter(Boolean);
  const loadedScripts = win.performance
    .getEntriesByType('resource')
    .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === 'script')
    .map((entry) => entry.name);
  if ([...scriptElements, ...loadedScripts].some(foreign)) return true;
  return trackerGlobals.some((name) => name in win);
}
