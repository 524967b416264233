// Secrets must never leak through an error: a receipt is the reporter's only credential, a token
// opens a case, and report content may identify the reporter. Errors pass every text they carry
// through here, because a (faulty) backend or a network library may echo what it was sent.

// A receipt as issued (`XXXX-XXXX-XXXX-XXXX-XXXX`); other spellings of a receipt that was sent
// are redacted as `secrets` of that request.
const RECEIPT = /\b[0-9A-Za-z]{4}(?:-[0-9A-Za-z]{4}){3,14}\b/g;
const BEARER = /Bearer\s+[\w.~+/=-]+/gi;
const REDACTED = '[redacted]';

/** Returns `text` without receipts, bearer tokens and any of the given `secrets`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let safe = text;
  // Longest first, so that a secret containing another one is removed whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 3) safe = safe.replaceAll(secret, REDACTED);
  }
  return safe.replace(BEARER, `Bearer ${REDACTED}`).replace(RECEIPT, REDACTED);
}

/** Every string inside a value (a report's content), to redact them from errors. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
