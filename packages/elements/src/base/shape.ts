/**
 * The part of a backend answer's shape that an element relies on when it renders: `'s'` a string,
 * `'n'` a number, `'b'` a boolean, `[shape]` an array of that shape, `{ key: shape }` an object
 * (a key ending in `?` may be absent). Fields an element never reads are not described.
 *
 * The elements check every answer against such a shape before rendering it: a broken or hostile
 * backend (wrong types, missing fields, an object shaped like a Lit template where text belongs)
 * then gives the element's error state instead of a half-rendered or throwing template. The full
 * contract check (ajv over the OpenAPI document) is too heavy for the browser bundles.
 */
export type Shape = 's' | 'n' | 'b' | readonly [Shape] | { readonly [key: string]: Shape };

const primitives = { s: 'string', n: 'number', b: 'boolean' } as const;

export function matchesShape(value: unknown, shape: Shape): boolean {
  if (typeof shape === 'string') return typeof value === primitives[shape];
  if (Array.isArray(shape)) return Array.isArray(value) && value.every((item) => matchesShape(item, shape[0]));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return Object.entries(shape).every(([key, inner]) => {
    const optional = key.endsWith('?');
    const field = record[optional ? key.slice(0, -1) : key];
    return (optional && field === undefined) || matchesShape(field, inner);
  });
}
