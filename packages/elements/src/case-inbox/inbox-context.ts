import type { TemplateResult } from 'lit';
import type { SupportedLocale } from '../base/locale.js';
import type { CaseInboxStringKey } from './case-inbox.strings.js';

/** What every view module of the console renders from: its texts, language and headings. */
export interface InboxContext {
  text(key: CaseInboxStringKey, values?: Record<string, string | number>): string;
  /** A heading at the console's level plus `depth`; `part` defaults to "heading" at depth 0, else "subheading". */
  heading(depth: number, content: unknown, part?: string): TemplateResult;
  readonly locale: SupportedLocale;
  /** The level of the console's top heading. */
  readonly headingLevel: number;
}
