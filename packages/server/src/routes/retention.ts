// Retention operations (contract 1.1, `caseManagement.retention`): legal hold on a case, and the
// tombstones of deleted cases. The deletion itself runs as scheduled work (domain/retention.ts).
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance } from 'fastify';
import { newAuditEntry } from '../domain/audit.js';
import { caseRetention, liveCase } from '../domain/retention.js';
import { cursorPage, decodeCursor } from '../http/cursor.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { callerOperation, requireRole } from '../security/caller.js';

export async function retentionRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const options = callerOperation(context);

  defineOperation(
    app,
    context,
    'setLegalHold',
    async ({ params, body, auth }) => {
      const caseId = params.caseId;
      await liveCase(context, caseId);
      const { legalHold } = body;
      const entry = newAuditEntry(context, { actor: auth.actor, sessionId: auth.sessionId, action: legalHold ? 'legal-hold-set' : 'legal-hold-lifted' });
      // Setting what already holds changes nothing and records nothing.
      await context.retention.setLegalHold(caseId, legalHold, entry);
      return caseRetention(context, caseId);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'listDeletedCases',
    async ({ params, auth, language }) => {
      requireRole(auth, 'auditor', 'admin');
      const pageSize = params.pageSize ?? 20;
      const after = params.cursor ? decodeCursor(params.cursor, ['deletedAt', 'caseId'], language) : undefined;
      const found = await context.retention.deletedCases(after, pageSize + 1);
      const answer: Schema<'DeletedCasePage'> = cursorPage(found, pageSize, (last) => ({ deletedAt: last.deletedAt, caseId: last.caseId }));
      return answer;
    },
    options,
  );
}
