import type { ReporterRole, SupportContact, SupportUrgency } from '@weerbaar/sdk';

export interface ContactFilters {
  role?: ReporterRole | undefined;
  urgency?: SupportUrgency | undefined;
  available247?: boolean | undefined;
  q?: string | undefined;
}

/** Lower case without accents, so that `coordinator` finds `coördinator` and `Integriteit` `integriteit`. */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * Whether every word typed occurs in the contact's texts or in its keywords: the synonyms, themes
 * and other names for its audience that the content gives it (so `omkoping` finds the contacts
 * about integrity, though no text says "omkoping").
 */
function matchesWords(contact: SupportContact, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = searchable([contact.organisation, contact.name ?? '', contact.description, ...(contact.keywords ?? [])].join(' '));
  return words.every((word) => text.includes(word));
}

/**
 * The contacts that match, emergency entries first — the same semantics as the contract's
 * `getSupportContacts`: emergency entries are never removed by a filter, so that no choice can
 * hide the emergency number. Filtering happens in the browser, so search words stay on the device.
 */
export function filterContacts(contacts: readonly SupportContact[], filters: ContactFilters): { emergency: SupportContact[]; others: SupportContact[] } {
  const words = searchable(filters.q ?? '').split(/\s+/).filter(Boolean);
  const emergency: SupportContact[] = [];
  const others: SupportContact[] = [];
  for (const contact of contacts) {
    if (contact.urgency === 'emergency') {
      emergency.push(contact);
      continue;
    }
    if (filters.role && !contact.audience.includes(filters.role)) continue;
    if (filters.urgency && contact.urgency !== filters.urgency) continue;
    if (filters.available247 && !contact.availability.always) continue;
    if (!matchesWords(contact, words)) continue;
    others.push(contact);
  }
  return { emergency, others };
}
