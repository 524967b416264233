// The audit operations (contract 1.1, `caseManagement.audit`): a case's whole trail, the global audit
// list and the head of every case's trail. Reading a trail is itself recorded first, so an export
// ends with its own `audit-exported` entry.
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUDIT_ALGORITHM } from '../domain/audit-chain.js';
import { recordAuditEntry } from '../domain/audit.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import { authenticateCaller, type Caller } from '../security/caller.js';

/** The audit list and the case heads are for auditors alone; a handler token never reads them. */
function requireAuditor(caller: Caller): void {
  if (caller.kind === 'handler-token') throw new ProblemError('forbidden');
}

export async function auditRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const offered = () => context.config.caseManagement.enabled;
  const authenticate = (request: FastifyRequest) => authenticateCaller(context, request);
  const options = { offered, authenticate };

  defineOperation(
    app,
    context,
    'getCaseAudit',
    async ({ params, auth }) => {
      const caseId = params.caseId as string;
      await recordAuditEntry(context, { caseId, actor: auth.actor, sessionId: auth.sessionId, action: 'audit-exported' });
      const trail = await context.audit.caseTrail(caseId);
      if (!trail) throw new ProblemError('not-found');
      const answer: Schema<'AuditExport'> = {
        caseId,
        reference: trail.reference,
        algorithm: AUDIT_ALGORITHM,
        exportedAt: context.now(),
        entryCount: trail.entryCount,
        headHash: trail.headHash,
        entries: trail.entries,
        // Entries name sign-in sessions once people sign in; handler tokens have none.
        sessions: [],
      };
      return answer;
    },
    options,
  );

  defineOperation(
    app,
    context,
    'listAuditEntries',
    async ({ params, auth }) => {
      requireAuditor(auth);
      const fromSeq = (params.fromSeq as number | undefined) ?? 1;
      const pageSize = (params.pageSize as number | undefined) ?? 500;
      const page = await context.audit.globalEntries(fromSeq, pageSize);
      const last = page.items.at(-1);
      const answer: Schema<'AuditEntryPage'> = {
        items: page.items,
        entryCount: page.entryCount,
        headHash: page.headHash,
        ...(last && last.seq < page.entryCount ? { nextFromSeq: last.seq + 1 } : {}),
      };
      return answer;
    },
    options,
  );

  defineOperation(
    app,
    context,
    'listCaseAuditHeads',
    async ({ params, auth, language }) => {
      requireAuditor(auth);
      const pageSize = (params.pageSize as number | undefined) ?? 20;
      const after = params.cursor ? decodeCursor(params.cursor as string, ['openedAt', 'caseId'], language) : undefined;
      // One more than the page tells whether there is a next page.
      const heads = await context.audit.caseHeads(after, pageSize + 1);
      const page = heads.slice(0, pageSize);
      const last = page.at(-1);
      const answer: Schema<'CaseAuditHeadPage'> = {
        items: page.map((head) => ({
          caseId: head.caseId,
          reference: head.reference,
          entryCount: head.entryCount,
          headHash: head.headHash,
          lastEntryAt: head.lastEntryAt,
          deleted: head.deletedAt !== undefined,
        })),
        ...(heads.length > pageSize && last ? { nextCursor: encodeCursor({ openedAt: last.openedAt, caseId: last.caseId }) } : {}),
      };
      return answer;
    },
    options,
  );
}
