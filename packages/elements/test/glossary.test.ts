// The glossary (docs/woordenlijst.md) holds every visible text to one word per thing: a variant it
// forbids fails here, in the elements' own texts (Dutch and English) and in the server's default
// content, which the report form and the support directory show.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { caseInboxStrings } from '../src/case-inbox/case-inbox.strings.js';
import { dilemmaPageStrings } from '../src/case-inbox/dilemmas.strings.js';
import { caseViewStrings } from '../src/case-view/case-view.strings.js';
import { dilemmaCardsStrings } from '../src/dilemma-cards/dilemma-cards.strings.js';
import { dilemmaShareStrings } from '../src/dilemma-cards/share-form.strings.js';
import { handOverViewStrings } from '../src/case-view/handover-view.strings.js';
import { normBannerStrings } from '../src/norm-banner/norm-banner.strings.js';
import normBannerEnglish from '../src/norm-banner/norm-banner.strings.en.js';
import { reportButtonStrings } from '../src/report-button/report-button.strings.js';
import reportButtonEnglish from '../src/report-button/report-button.strings.en.js';
import { reportDialogStrings } from '../src/report-dialog/report-dialog.strings.js';
import { signalChecklistStrings } from '../src/signal-checklist/signal-checklist.strings.js';
import signalChecklistEnglish from '../src/signal-checklist/signal-checklist.strings.en.js';
import { supportDirectoryStrings } from '../src/support-directory/support-directory.strings.js';
import supportDirectoryEnglish from '../src/support-directory/support-directory.strings.en.js';

type Language = 'nl' | 'en';
const glossaryFile = new URL('../../../docs/woordenlijst.md', import.meta.url);
const seedFile = new URL('../../server/seed/content.yaml', import.meta.url);

/** The forbidden variants of one section ("## Nederlands" or "## English"): the last column of its table. */
export function forbiddenVariants(markdown: string, section: string): string[] {
  const body = markdown.split(/^## /m).find((part) => part.startsWith(`${section}\n`));
  if (!body) throw new Error(`no section "## ${section}" in the glossary`);
  return body
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1) // the header row
    .flatMap((line) => line.split('|').at(-2)!.split(','))
    .map((variant) => variant.replace(/`/g, '').trim())
    .filter((variant) => variant !== '' && variant !== '—');
}

/** The variants that occur in `text` as whole words (or phrases), whatever their case. */
export function variantsIn(text: string, variants: readonly string[]): string[] {
  return variants.filter((variant) => {
    const escaped = variant.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}-])${escaped}(?![\\p{L}\\p{N}-])`, 'iu').test(text);
  });
}

const elementTables = {
  'case-inbox': caseInboxStrings,
  'case-inbox dilemmas page': dilemmaPageStrings,
  // The four public elements load their English table only when needed: here from its own module.
  'norm-banner': { nl: normBannerStrings.nl, en: normBannerEnglish },
  'report-button': { nl: reportButtonStrings.nl, en: reportButtonEnglish },
  'report-dialog': reportDialogStrings,
  'signal-checklist': { nl: signalChecklistStrings.nl, en: signalChecklistEnglish },
  'support-directory': { nl: supportDirectoryStrings.nl, en: supportDirectoryEnglish },
  'case-view': caseViewStrings,
  'dilemma-cards': dilemmaCardsStrings,
  'dilemma-share': dilemmaShareStrings,
  'case-view hand-over': handOverViewStrings,
} as const;

// Fields of the content that are codes, addresses or search words, not text people read.
const notShown = new Set(['id', 'audience', 'urgency', 'url', 'href', 'keywords', 'categories', 'category', 'nextStep', 'level', 'verifiedOn', 'number', 'rel', 'variant', 'status', 'version', 'weight', 'type', 'source', 'phone', 'locales']);

/** Every text of the default content in one language, with where it is. */
function contentTexts(content: Record<string, Record<string, unknown>>, language: Language): [string, string][] {
  const found: [string, string][] = [];
  const walk = (value: unknown, where: string): void => {
    if (typeof value === 'string') found.push([where, value]);
    else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${where}/${index}`));
    else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) if (!notShown.has(key)) walk(inner, `${where}/${key}`);
  };
  for (const [section, languages] of Object.entries(content)) if (section !== 'locales') walk(languages[language], `${section}/${language}`);
  return found;
}

describe('the glossary (docs/woordenlijst.md)', () => {
  const glossary = readFileSync(glossaryFile, 'utf8');
  const forbidden: Record<Language, string[]> = { nl: forbiddenVariants(glossary, 'Nederlands'), en: forbiddenVariants(glossary, 'English') };
  const content = parse(readFileSync(seedFile, 'utf8')) as Record<string, Record<string, unknown>>;

  it('forbids variants in both languages, and finds them as words in any case', () => {
    assert.ok(forbidden.nl.includes('je') && forbidden.nl.includes('zelfcheck') && forbidden.nl.includes('application/pdf'), forbidden.nl.join(', '));
    assert.ok(forbidden.en.includes('administrator') && forbidden.en.includes('organization'), forbidden.en.join(', '));
    assert.deepEqual(variantsIn('Vink de signalen aan die je herkent.', forbidden.nl), ['je']);
    assert.deepEqual(variantsIn('Je antwoorden blijven hier. Toegestaan: application/pdf', forbidden.nl), ['je', 'application/pdf']);
    assert.deepEqual(variantsIn('Het meldpunt nam de melding niet aan.', forbidden.nl), ['nam de melding niet aan']);
    // A variant inside another word (also one joined by a hyphen) is not that variant.
    assert.deepEqual(variantsIn('De jeugd en het jeugdwerk; uw e-mailadres', ['je', 'mailadres']), []);
  });

  for (const language of ['nl', 'en'] as const) {
    it(`finds no forbidden variant in any element's texts (${language})`, () => {
      const offending = Object.entries(elementTables).flatMap(([element, tables]) =>
        Object.entries(tables[language] as Record<string, string>).flatMap(([key, text]) => variantsIn(text, forbidden[language]).map((variant) => `${element} ${key}: "${variant}" in "${text}"`)),
      );
      assert.deepEqual(offending, []);
    });

    it(`finds no forbidden variant in the server's default content (${language})`, () => {
      const texts = contentTexts(content, language);
      assert.ok(texts.length > 100, `only ${texts.length} texts found`);
      const offending = texts.flatMap(([where, text]) => variantsIn(text, forbidden[language]).map((variant) => `${where}: "${variant}" in "${text}"`));
      assert.deepEqual(offending, []);
    });

    it(`names each role the same in the report form and the support directory (${language})`, () => {
      const roles = (content.reportForm![language] as { roles: { id: string; label: string }[] }).roles;
      const directory = elementTables['support-directory'][language] as Record<string, string>;
      assert.deepEqual(
        roles.map((role) => directory[`role-${role.id}`]),
        roles.map((role) => role.label),
      );
    });
  }
});
