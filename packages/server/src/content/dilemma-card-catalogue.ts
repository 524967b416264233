// The dilemma cards shipped with the installation (contract 1.2, `getDilemmaCards`) from one
// editable YAML or JSON file, checked at start-up like the content file: every card against the
// contract's DilemmaCard, each language's cards written in that language, and ids unique — so a
// typo stops the server instead of showing a broken card. The file's `sources` block only serves
// YAML anchors for the cards.
import type { Schema } from '@weerbaar/spec';
import type { SpecValidator } from '@weerbaar/spec/validation';
import type { Locales } from '../http/language.js';
import { ContentError, readContentFile, seedFile, type SchemaCheck } from './content-file.js';

/** The bundled cards (Dutch and English, draft for review), next to `dist/`. */
export const DEFAULT_DILEMMA_CARDS_FILE = seedFile('dilemma-cards');

type DilemmaCard = Schema<'DilemmaCard'>;

interface DilemmaCardsFile {
  cards?: Record<string, unknown>;
}

export class DilemmaCardCatalogue {
  private readonly byLocale = new Map<string, DilemmaCard[]>();

  private constructor(file: DilemmaCardsFile, schemaCheck: SchemaCheck, locales: Locales, source: string) {
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const locale of locales.available) {
      const cards = file.cards?.[locale] ?? [];
      if (!Array.isArray(cards)) {
        problems.push(`cards/${locale}: a list of cards`);
        continue;
      }
      for (const [index, card] of cards.entries()) {
        const issues = schemaCheck('DilemmaCard', card);
        for (const issue of issues) problems.push(`cards/${locale}/${index}${issue.pointer}: ${issue.message}`);
        if (issues.length) continue;
        const valid = card as DilemmaCard;
        if (valid.text.language !== locale) problems.push(`cards/${locale}/${index}/text/language: must be ${locale}`);
        if (ids.has(valid.cardId)) problems.push(`cards/${locale}/${index}/cardId: ${valid.cardId} is used twice`);
        ids.add(valid.cardId);
      }
      this.byLocale.set(locale, cards as DilemmaCard[]);
    }
    if (problems.length) throw new ContentError(`The dilemma cards file ${source} does not match the contract:\n  ${problems.slice(0, 50).join('\n  ')}`);
  }

  static load(path: string, validator: SpecValidator, locales: Locales): DilemmaCardCatalogue {
    const { value, schemaCheck } = readContentFile(path, 'dilemma cards file', validator);
    return new DilemmaCardCatalogue(value as DilemmaCardsFile, schemaCheck, locales, path);
  }

  /** The shipped cards in one language (none when the file has none in it). */
  cards(locale: string): DilemmaCard[] {
    return this.byLocale.get(locale) ?? [];
  }
}
