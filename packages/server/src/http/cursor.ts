// Opaque cursors for cursor paging (`nextCursor` → `cursor`): the position after the last item of a
// page, as base64url JSON. A cursor that does not decode to the expected shape is a 400 with a field
// error on `query:cursor`, like any other invalid parameter.
import { fieldError, ProblemError, type Language } from './problems.js';

export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position a cursor holds; every one of `fields` must be a string. */
export function decodeCursor<Field extends string>(cursor: string, fields: readonly Field[], language: Language): Record<Field, string> {
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (position && typeof position === 'object' && fields.every((field) => typeof position[field] === 'string')) {
      return Object.fromEntries(fields.map((field) => [field, position[field]])) as Record<Field, string>;
    }
  } catch {
    // Not JSON: answered below like any other cursor that is not one of ours.
  }
  throw new ProblemError('validation', { errors: [fieldError('query:cursor', 'pattern', {}, language)] });
}
