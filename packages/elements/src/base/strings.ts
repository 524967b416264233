import type { PropertyDeclaration } from 'lit';
import type { SupportedLocale } from './locale.js';

/** An element's visible texts in every supported language; each table has the same keys. */
export type StringTables<Keys extends string> = Record<SupportedLocale, Record<Keys, string>>;

/** Loads one language's table: a dynamic import of its module, whose default export is the table. */
export type StringTableLoader<Keys extends string> = () => Promise<{ default: Record<Keys, string> }>;

/**
 * An element's texts where a language other than Dutch may be a loader: most pages are Dutch, so
 * the public elements' first load carries only the Dutch table, and a page (or part of one) in
 * English loads the English table when an element there first needs it (`LocaleController`).
 */
export type LocalizedStrings<Keys extends string> = { nl: Record<Keys, string> } & Record<Exclude<SupportedLocale, 'nl'>, Record<Keys, string> | StringTableLoader<Keys>>;

/** Fills `{name}` placeholders. Overriding sites keep the placeholders they need. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * The `strings` property of every element: also a JSON attribute, so a page without any script of
 * its own can override texts (`strings='{"hide":"Sluiten"}'`); invalid JSON overrides nothing.
 */
export const stringsProperty: PropertyDeclaration = {
  converter: {
    fromAttribute(value: string | null): unknown {
      try {
        return value ? JSON.parse(value) : undefined;
      } catch {
        return undefined;
      }
    },
  },
};
