// Verifies an exported audit trail (contract 1.1, "Verifying an export", algorithm
// `jcs-sha256-chain-v1`) with WebCrypto, in a browser or in Node. It trusts nothing in the export:
// every hash is recomputed from the entry itself.
import type { AuditEntry, AuditExport } from './types.js';

/** An earlier head of the same trail a verifier kept (from the case-heads list or a printed record). */
export interface KnownAuditHead {
  entryCount: number;
  headHash: string;
}

export type AuditTrailProblemCode =
  /** `seq` does not run 1, 2, 3, … (an entry was removed, inserted or moved). */
  | 'seq-out-of-order'
  /** `previousHash` is not the hash of the entry before (64 zeros for the first). */
  | 'broken-link'
  /** The entry's hash does not recompute: the entry was changed. */
  | 'hash-mismatch'
  /** `entryCount` is not the number of entries. */
  | 'count-mismatch'
  /** `headHash` is not the last entry's hash. */
  | 'head-mismatch'
  /** Fewer entries than a head kept earlier: the tail was cut. */
  | 'truncated'
  /** The entry at a kept head's `seq` has another hash: history was rewritten. */
  | 'known-head-mismatch';

export interface AuditTrailProblem {
  code: AuditTrailProblemCode;
  /** The entry the problem is in (absent for the count and head). */
  seq?: number;
}

export interface AuditTrailVerification {
  valid: boolean;
  problems: AuditTrailProblem[];
}

const ZERO_HASH = '0'.repeat(64);

/** RFC 8785 canonical JSON of what an entry holds: strings, integers, booleans, objects. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The hash an entry must have: SHA-256 of the canonical JSON of the entry without `hash`. */
export async function auditEntryHash(entry: AuditEntry): Promise<string> {
  const { hash: _hash, ...unhashed } = entry;
  return sha256Hex(canonical(unhashed));
}

/**
 * Checks an export of a case's audit trail (`getCaseAudit`): the order of `seq`, every link, every
 * hash, the count and the head — and, given a head kept earlier, that the export still contains it.
 * A changed, removed or reordered entry and a cut tail each make it invalid.
 */
export async function verifyAuditTrail(
  exported: Pick<AuditExport, 'entries' | 'entryCount' | 'headHash'>,
  known?: KnownAuditHead,
): Promise<AuditTrailVerification> {
  const problems: AuditTrailProblem[] = [];
  const { entries } = exported;
  const hashes = await Promise.all(entries.map(auditEntryHash));
  entries.forEach((entry, index) => {
    if (entry.seq !== index + 1) problems.push({ code: 'seq-out-of-order', seq: entry.seq });
    if (entry.previousHash !== (index === 0 ? ZERO_HASH : entries[index - 1]!.hash)) problems.push({ code: 'broken-link', seq: entry.seq });
    if (hashes[index] !== entry.hash) problems.push({ code: 'hash-mismatch', seq: entry.seq });
  });
  if (exported.entryCount !== entries.length) problems.push({ code: 'count-mismatch' });
  if (exported.headHash !== (entries.at(-1)?.hash ?? ZERO_HASH)) problems.push({ code: 'head-mismatch' });
  if (known) {
    if (entries.length < known.entryCount) problems.push({ code: 'truncated' });
    else if (known.entryCount > 0 && entries[known.entryCount - 1]!.hash !== known.headHash) {
      problems.push({ code: 'known-head-mismatch', seq: known.entryCount });
    }
  }
  return { valid: problems.length === 0, problems };
}
