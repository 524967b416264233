// The audit hash chain of contract 1.1 ("Audit trail", algorithm `jcs-sha256-chain-v1`): an entry's
// hash is the SHA-256 of the RFC 8785 canonical JSON of the entry without its `hash`, and each
// entry names the hash of the one before it (64 zeros for the first). The same chain serves every
// case's trail and the global audit list.
import { createHash } from 'node:crypto';
import type { Schema } from '@weerbaar/spec';

export type AuditEntry = Schema<'AuditEntry'>;
export type AuditActor = Schema<'AuditActor'>;
export type AuditDetails = Schema<'AuditDetails'>;

export const AUDIT_ALGORITHM = 'jcs-sha256-chain-v1';
export const ZERO_HASH = '0'.repeat(64);

/** What a caller says about an entry; the chain adds `seq`, `previousHash` and `hash`. */
export interface NewAuditEntry {
  /** RFC 3339; written with milliseconds in UTC. */
  at: string;
  actor: AuditActor;
  sessionId?: string;
  action: string;
  details?: AuditDetails;
}

/**
 * RFC 8785 for what an entry holds (strings, safe integers, booleans, objects): members sorted by
 * UTF-16 code units (the default sort), strings as JSON.stringify writes them (which is JCS's
 * escaping: non-ASCII stays as UTF-8, never `\u`-escaped).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new TypeError('audit entries hold integers only');
  return JSON.stringify(value);
}

export function auditEntryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry), 'utf8').digest('hex');
}

/** The entry at `seq` after `previousHash`, hashed: exactly the form the export shows. */
export function chainEntry(seq: number, previousHash: string, entry: NewAuditEntry): AuditEntry {
  const unhashed: Omit<AuditEntry, 'hash'> = {
    seq,
    at: new Date(entry.at).toISOString(),
    actor: entry.actor,
    ...(entry.sessionId ? { sessionId: entry.sessionId } : {}),
    action: entry.action,
    details: entry.details ?? {},
    previousHash,
  };
  return { ...unhashed, hash: auditEntryHash(unhashed) };
}

/** The first entry of a case's trail: the report arrived (written with the case, or on first use for older cases). */
export function receivedEntry(receivedAt: string, encrypted: boolean, channel = 'online'): NewAuditEntry {
  return { at: receivedAt, actor: { kind: 'reporter' }, action: 'received', details: { channel, encrypted } };
}
