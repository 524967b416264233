// Language negotiation: `lang` wins, then `Accept-Language` (RFC 9110 q-values, matched on the
// primary tag), then the default.
export interface Locales {
  default: string;
  available: string[];
}

function primary(tag: string): string {
  return tag.trim().toLowerCase().split('-')[0] ?? '';
}

export function negotiateLanguage(locales: Locales, lang: string | undefined, acceptLanguage: string | undefined): string {
  if (lang) {
    const exact = locales.available.find((available) => available === lang);
    if (exact) return exact;
    const byPrimary = locales.available.find((available) => primary(available) === primary(lang));
    return byPrimary ?? locales.default;
  }
  const preferences = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((p) => p.tag && p.q > 0 && !Number.isNaN(p.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const preference of preferences) {
    const found = locales.available.find((available) => primary(available) === primary(preference.tag));
    if (found) return found;
  }
  return locales.default;
}
