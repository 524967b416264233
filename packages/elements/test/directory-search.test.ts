// The support directory's search against the default content: what people type finds the contacts
// that help, through each contact's keywords, whatever the case and accents.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { SupportContact } from '@weerbaar/sdk';
import { parse } from 'yaml';
import { filterContacts, searchable } from '../src/support-directory/filter-contacts.js';

const content = parse(readFileSync(new URL('../../server/seed/content.yaml', import.meta.url), 'utf8')) as { supportContacts: Record<'nl' | 'en', SupportContact[]> };
const found = (language: 'nl' | 'en', q: string) => filterContacts(content.supportContacts[language], { q }).others.map((contact) => contact.id);

describe('searching the support directory', () => {
  it('ignores case and accents', () => {
    assert.equal(searchable('Integriteitscoördinator GEÏNTIMIDEERD'), 'integriteitscoordinator geintimideerd');
  });

  const expected = {
    nl: {
      raadslid: ['ondersteuningsteam-weerbaar-bestuur', 'nvvr-vertrouwenspersoon'],
      omkoping: ['politie-geen-spoed', 'meld-misdaad-anoniem', 'huis-voor-klokkenluiders', 'riec-liec'],
      bedreigd: ['ondersteuningsteam-weerbaar-bestuur', 'politie-geen-spoed', 'nvvr-vertrouwenspersoon', 'wethoudersvereniging-vertrouwenspersonen', 'slachtofferhulp-nederland'],
      integriteit: ['nvvr-vertrouwenspersoon', 'wethoudersvereniging-vertrouwenspersonen', 'huis-voor-klokkenluiders'],
      'Geintimideerd RAADSLID': ['ondersteuningsteam-weerbaar-bestuur', 'nvvr-vertrouwenspersoon'],
    },
    en: {
      'council member': ['ondersteuningsteam-weerbaar-bestuur', 'nvvr-vertrouwenspersoon'],
      bribery: ['politie-geen-spoed', 'meld-misdaad-anoniem', 'huis-voor-klokkenluiders', 'riec-liec'],
      threatened: ['ondersteuningsteam-weerbaar-bestuur', 'politie-geen-spoed', 'nvvr-vertrouwenspersoon', 'wethoudersvereniging-vertrouwenspersonen', 'slachtofferhulp-nederland'],
      integrity: ['nvvr-vertrouwenspersoon', 'wethoudersvereniging-vertrouwenspersonen', 'huis-voor-klokkenluiders'],
    },
  };
  for (const [language, queries] of Object.entries(expected) as ['nl' | 'en', Record<string, string[]>][]) {
    for (const [q, ids] of Object.entries(queries)) {
      it(`finds ${ids.join(', ')} for "${q}" (${language})`, () => assert.deepEqual(found(language, q), ids));
    }
  }

  it('keeps the emergency number whatever is typed, and finds nothing for words no contact has', () => {
    const result = filterContacts(content.supportContacts.nl, { q: 'bestaat niet' });
    assert.deepEqual([result.emergency.map((contact) => contact.id), result.others], [['alarmnummer-112'], []]);
  });
});
