// Retention and deletion (contract 1.1, `caseManagement.retention`; Directive art. 17–18): a closed
// case is kept for the retention period of its outcome, then deleted on its date unless it is on
// legal hold. Deletion removes everything the case holds and leaves a content-free tombstone and the
// audit trail, which gains a `deleted` entry and still verifies.
import type { Schema } from '@weerbaar/spec';
import { CASE_OUTCOMES, type ServerConfig } from '../config.js';
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';
import type { ClosedCase } from '../storage/retention-store.js';
import type { CaseOutcome, StoredCase } from '../storage/store.js';
import { changeEventJobs } from '../notifications/change-events.js';
import { newAuditEntry } from './audit.js';
import { webhooksOn } from './case-changes.js';
import { deleteExpiredDilemmas } from './dilemmas.js';

const DAY_MS = 86_400_000;

/** Days a case closed with `outcome` is kept (the longest period when the outcome is unknown). */
export function retentionDays(config: ServerConfig, outcome: CaseOutcome | undefined): number {
  return outcome ? config.retention.days[outcome] : Math.max(...Object.values(config.retention.days));
}

/** The day a closed case is deleted: its closing day (UTC) plus the retention period. */
export function deleteOn(config: ServerConfig, closed: ClosedCase): string {
  const closingDay = Date.parse(`${closed.closedAt.slice(0, 10)}T00:00:00Z`);
  return new Date(closingDay + retentionDays(config, closed.outcome) * DAY_MS).toISOString().slice(0, 10);
}

/** The retention periods as discovery advertises them. */
export function retentionCapability(config: ServerConfig): Schema<'CaseManagementCapability'>['retention'] {
  return { periods: CASE_OUTCOMES.map((outcome) => ({ outcome, days: config.retention.days[outcome] })) };
}

/** The case's retention state (`CaseRetention`). */
export async function caseRetention(context: Pick<ServerContext, 'config' | 'retention'>, caseId: string): Promise<Schema<'CaseRetention'>> {
  const { legalHold, closed } = await context.retention.retentionOf(caseId);
  return { legalHold, ...(closed ? { deleteOn: deleteOn(context.config, closed) } : {}) };
}

/** The case, or the problem for its absence: 410 when it was deleted under retention, else 404. */
export async function liveCase(context: Pick<ServerContext, 'store' | 'retention'>, caseId: string): Promise<StoredCase> {
  const found = await context.store.getCase(caseId);
  if (found) return found;
  throw new ProblemError((await context.retention.deletedCase(caseId)) ? 'case-deleted' : 'not-found');
}

export interface RetentionRun {
  /** The cases deleted by this run. */
  deleted: string[];
  /** Closed cases kept because their date has not come (legal holds are not counted: they are not looked at). */
  kept: number;
  /** Shared dilemmas deleted because their period ended (contract 1.2). */
  dilemmasDeleted: number;
}

/**
 * Deletes every closed case whose date has come and that is not on legal hold. Safe to run on
 * several instances at once: each deletion re-checks the case under a lock, so a case is deleted
 * once, and a hold set meanwhile wins. Shared dilemmas whose period ended go too. The job runner (or `weerbaar-server retention run`) calls it.
 */
export async function runRetention(context: Pick<ServerContext, 'config' | 'retention' | 'files' | 'now' | 'spec' | 'dilemmas' | 'audit'>): Promise<RetentionRun> {
  const now = context.now();
  const today = now.slice(0, 10);
  const run: RetentionRun = { deleted: [], kept: 0, dilemmasDeleted: await deleteExpiredDilemmas(context) };
  for (const closed of await context.retention.closedCasesNotHeld()) {
    if (deleteOn(context.config, closed) > today) {
      run.kept++;
      continue;
    }
    const entry = newAuditEntry(context, { actor: { kind: 'system' }, action: 'deleted', at: now, details: closed.outcome ? { outcome: closed.outcome } : {} });
    // Its webhook event commits with the deletion, carrying the reference the store read under its lock.
    const events = (reference: string) => changeEventJobs(webhooksOn(context.config), ['deleted'], { id: closed.caseId, reference }, now);
    const deleted = await context.retention.deleteCase(closed.caseId, entry, events);
    if (!deleted) continue;
    // After the commit: a crash here leaves unreferenced bytes, never a case without its files.
    for (const name of deleted.attachmentStorageNames) await context.files.remove(name);
    run.deleted.push(closed.caseId);
  }
  return run;
}
