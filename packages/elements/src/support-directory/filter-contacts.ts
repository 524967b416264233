import type { ReporterRole, SupportContact, SupportUrgency } from '@weerbaar/sdk';

export interface ContactFilters {
  role?: ReporterRole | undefined;
  urgency?: SupportUrgency | undefined;
  available247?: boolean | undefined;
  q?: string | undefined;
}

/**
 * The contacts that match, emergency entries first — the same semantics as the contract's
 * `getSupportContacts`: emergency entries are never removed by a filter, so that no choice can
 * hide the emergency number. Filtering happens in the browser, so search words stay on the device.
 */
export function filterContacts(contacts: readonly SupportContact[], filters: ContactFilters): { emergency: SupportContact[]; others: SupportContact[] } {
  const query = filters.q?.trim().toLocaleLowerCase() ?? '';
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
    if (query && ![contact.organisation, contact.name ?? '', contact.description].some((text) => text.toLocaleLowerCase().includes(query))) continue;
    others.push(contact);
  }
  return { emergency, others };
}
