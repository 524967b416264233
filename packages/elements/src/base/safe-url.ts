const allowedProtocols = new Set(['https:', 'tel:', 'mailto:']);
const developmentHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The URL when it is safe to put in an `href`: `https:`, `tel:` or `mailto:` (and `http:` on
 * localhost, which the contract allows during development). Anything else — `javascript:`,
 * `data:`, relative or malformed URLs from a hostile or broken backend — gives `undefined`, and
 * the caller renders plain text instead of a link. With a `base` (the page's address, for an
 * href the host page gives), a relative URL resolves against it first and is then checked the same way.
 */
export function safeHref(url: string | undefined, base?: string): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    return undefined;
  }
  if (allowedProtocols.has(parsed.protocol)) return parsed.href;
  if (parsed.protocol === 'http:' && developmentHosts.has(parsed.hostname)) return parsed.href;
  return undefined;
}

/** A `tel:` link for a number as the contract defines it (digits with an optional leading `+`). */
export function telHref(number: string): string | undefined {
  return /^\+?[0-9]{3,15}$/.test(number) ? `tel:${number}` : undefined;
}

/** A `mailto:` link for a plain address; anything that could smuggle headers gives `undefined`. */
export function mailtoHref(address: string): string | undefined {
  return /^[^\s@?&#%<>"]+@[^\s@?&#%<>"]+$/.test(address) ? `mailto:${address}` : undefined;
}
