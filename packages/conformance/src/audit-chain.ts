// The kit's own check of an audit chain (contract 1.1, "Verifying an export"), written from the
// contract's text and independent of the SDK and the reference server, so that a mistake shared by
// those two is still caught here.
import { createHash } from 'node:crypto';
import type { Schema } from '@weerbaar/spec';

type AuditEntry = Schema<'AuditEntry'>;

export const ZERO_HASH = '0'.repeat(64);

/** RFC 8785 (JCS) for JSON without floating-point numbers: sorted members, no whitespace, UTF-8 as is. */
export function jcs(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => jcs(item)).join(',')}]`;
  const members = Object.entries(value as Record<string, unknown>).filter(([, member]) => member !== undefined);
  members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${members.map(([name, member]) => `${JSON.stringify(name)}:${jcs(member)}`).join(',')}}`;
}

/** The hash an entry must carry. */
export function expectedHash(entry: AuditEntry): string {
  const withoutHash: Record<string, unknown> = { ...entry };
  delete withoutHash.hash;
  return createHash('sha256').update(Buffer.from(jcs(withoutHash), 'utf8')).digest('hex');
}

/** What is wrong with a chain of entries and its stated head, in words; empty when it holds. */
export function chainProblems(entries: AuditEntry[], head: { entryCount: number; headHash: string }): string[] {
  const problems: string[] = [];
  let previous = ZERO_HASH;
  entries.forEach((entry, index) => {
    if (entry.seq !== index + 1) problems.push(`entry ${index + 1} has seq ${entry.seq}`);
    if (entry.previousHash !== previous) problems.push(`seq ${entry.seq}: previousHash is not the hash of the entry before it`);
    if (expectedHash(entry) !== entry.hash) problems.push(`seq ${entry.seq}: the hash does not recompute from the entry`);
    previous = entry.hash;
  });
  if (head.entryCount !== entries.length) problems.push(`entryCount ${head.entryCount} but ${entries.length} entries`);
  if (head.headHash !== previous) problems.push('headHash is not the hash of the last entry');
  return problems;
}
