// Recording in the audit trail. `recordAuditEntry` is the one way code outside storage writes an
// entry: for a case's trail (name the case) or the global audit list (no case). A change to a case
// that must commit with its entry passes the entries in CaseChange.audit instead (store.changeCase).
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';
import { GLOBAL_CHAIN } from '../storage/audit-log.js';
import type { AuditActor, AuditDetails, AuditEntry, NewAuditEntry } from './audit-chain.js';

export interface AuditRecord {
  /** The case whose trail gets the entry; absent for the global audit list (sign-ins, accounts, groups, routing). */
  caseId?: string;
  /** Who did it: a `person` (accountId, name), a `handler-token` (name), the `reporter` or the `system`. */
  actor: AuditActor;
  /** The sign-in session of a person. */
  sessionId?: string;
  /** One of the contract's AuditAction codes, e.g. `read`, `note-added`, `signed-in`. */
  action: string;
  /** Identifiers, codes, counts and flags only: never text, category, role, receipt or a name from a report. */
  details?: AuditDetails;
  /** When it happened (default: now). */
  at?: string;
}

/** The entry to append, checked against the contract so that a wrong detail fails loudly here, not in an auditor's verifier. */
export function newAuditEntry(context: Pick<ServerContext, 'now' | 'spec'>, record: Omit<AuditRecord, 'caseId'>): NewAuditEntry {
  const entry: NewAuditEntry = {
    at: record.at ?? context.now(),
    actor: record.actor,
    ...(record.sessionId ? { sessionId: record.sessionId } : {}),
    action: record.action,
    details: record.details ?? {},
  };
  const issues = [
    ...context.spec.schema('AuditActor')(entry.actor),
    ...context.spec.schema('AuditAction')(entry.action),
    ...context.spec.schema('AuditDetails')(entry.details),
  ];
  if (issues.length) throw new Error(`audit entry ${record.action} does not hold to the contract: ${JSON.stringify(issues)}`);
  return entry;
}

/**
 * Appends one entry to a case's trail or the global list and answers it as written (with its `seq`
 * and `hash`). An unknown case is a 404 problem and nothing is written.
 */
export async function recordAuditEntry(context: Pick<ServerContext, 'audit' | 'now' | 'spec'>, record: AuditRecord): Promise<AuditEntry> {
  const written = await context.audit.append(record.caseId ?? GLOBAL_CHAIN, [newAuditEntry(context, record)]);
  if (!written) throw new ProblemError('not-found');
  return written;
}
