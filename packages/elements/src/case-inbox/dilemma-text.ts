import type { DilemmaCardText, DilemmaContent } from '@weerbaar/sdk';

/**
 * A text as compared with a shared dilemma's: case, spacing and Unicode forms do not count. The
 * server's rule (`normaliseDilemmaText` in the reference server), written once here because the
 * elements do not import the server: the console applies it to sealed dilemmas, which only it can read.
 */
export function normaliseDilemmaText(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('nl').replace(/\s+/g, ' ').trim();
}

/** A card's fields in the editor's order, each with the id of its control in the console's form. */
export function cardFields(text: DilemmaCardText): [string, string][] {
  return [
    ['dl-title', text.title],
    ['dl-situation', text.situation],
    ...text.questions.map((question, index): [string, string] => [`dl-question-${index}`, question]),
    ...(text.decision ? [['dl-decision', text.decision] as [string, string]] : []),
  ];
}

/**
 * The first field of the card (its control's id) that still holds the shared dilemma's situation or
 * what the person did, unchanged: equal to it or containing it after normalising; `undefined` when
 * none does — the same rule by which the server refuses to publish (409 `unedited-submission`).
 */
export function fieldHoldingSubmittedText(text: DilemmaCardText, content: DilemmaContent): string | undefined {
  const submitted = [content.situation, content.whatIDid].filter((part): part is string => part !== undefined).map(normaliseDilemmaText).filter(Boolean);
  return cardFields(text).find(([, written]) => submitted.some((raw) => normaliseDilemmaText(written).includes(raw)))?.[0];
}
