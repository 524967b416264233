// The audit operations (contract 1.1, `caseManagement.audit`): a case's whole trail, the global audit
// list and the head of every case's trail. Reading a trail is itself recorded first, so an export
// ends with its own `audit-exported` entry.
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance } from 'fastify';
import { AUDIT_ALGORITHM } from '../domain/audit-chain.js';
import { recordAuditEntry } from '../domain/audit.js';
import { cursorPage, decodeCursor } from '../http/cursor.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import { callerOperation, requireRole } from '../security/caller.js';

export async function auditRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const options = callerOperation(context, { auditorsReadAnyCase: true });

  defineOperation(
    app,
    context,
    'getCaseAudit',
    async ({ params, auth }) => {
      const caseId = params.caseId;
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
        // The sign-ins of the people whose entries are in the trail (handler tokens have none).
        sessions: (await context.people.sessionsByIds([...new Set(trail.entries.flatMap((entry) => (entry.sessionId ? [entry.sessionId] : [])))])).map(
          (session) => ({
            sessionId: session.id,
            actor: { kind: 'person' as const, accountId: session.accountId, name: session.displayName },
            method: session.method,
            startedAt: session.startedAt,
            ...(session.endedAt ? { endedAt: session.endedAt } : {}),
          }),
        ),
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
      requireRole(auth, 'auditor');
      const fromSeq = params.fromSeq ?? 1;
      const pageSize = params.pageSize ?? 500;
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
      requireRole(auth, 'auditor');
      const pageSize = params.pageSize ?? 20;
      const after = params.cursor ? decodeCursor(params.cursor, ['openedAt', 'caseId'], language) : undefined;
      const page = cursorPage(await context.audit.caseHeads(after, pageSize + 1), pageSize, (last) => ({ openedAt: last.openedAt, caseId: last.caseId }));
      const answer: Schema<'CaseAuditHeadPage'> = {
        items: page.items.map((head) => ({
          caseId: head.caseId,
          reference: head.reference,
          entryCount: head.entryCount,
          headHash: head.headHash,
          lastEntryAt: head.lastEntryAt,
          deleted: head.deletedAt !== undefined,
        })),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
      return answer;
    },
    options,
  );
}
