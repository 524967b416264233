import type { PropertyDeclaration } from 'lit';
import type { SupportedLocale } from './locale.js';

/** An element's visible texts in every supported language; each table has the same keys. */
export type StringTables<Keys extends string> = Record<SupportedLocale, Record<Keys, string>>;

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
