// Cursor paging of the case list (contract 1.1, caseManagement.cursorPaging): a cursor is the last
// case of a page — its value in the sort column and its reference, the tie-break — plus a digest of
// the filters and sort it was made with, so that a cursor used with other filters is refused instead
// of silently skipping cases. Keyset paging costs the same on page 1 and page 1000, and a case never
// appears twice as long as its sort value does not change (received and acknowledgement dates never
// do; a late acknowledgement moves `feedbackDueAt`).
import { createHash } from 'node:crypto';

export interface CursorPosition {
  value: string;
  reference: string;
}

/** The filters and sort of a list, as one comparable digest. */
export function listDigest(filters: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.entries(filters).filter(([, value]) => value !== undefined).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

export function encodeCursor(digest: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ d: digest, v: position.value, r: position.reference })).toString('base64url');
}

/** The position a cursor names, or undefined when it is not one of ours or belongs to other filters. */
export function decodeCursor(cursor: string, digest: string): CursorPosition | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { d?: unknown; v?: unknown; r?: unknown };
    if (parsed.d !== digest || typeof parsed.v !== 'string' || typeof parsed.r !== 'string') return undefined;
    return { value: parsed.v, reference: parsed.r };
  } catch {
    return undefined;
  }
}
