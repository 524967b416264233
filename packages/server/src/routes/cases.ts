// Case management for handlers (integrity officers): a handler token from the CLI, or a signed-in
// person's access token (domain/access.ts decides who may work which case).
import type { FastifyInstance } from 'fastify';
import { downloadName } from '../domain/download-name.js';
import { canMove } from '../domain/case-status.js';
import type { AuditDetails, NewAuditEntry } from '../domain/audit-chain.js';
import { newAuditEntry, recordAuditEntry } from '../domain/audit.js';
import { commitCaseChange } from '../domain/case-changes.js';
import { acknowledgedEntries, acknowledgement, closingChange } from '../domain/case-closing.js';
import { caseAnswer } from '../domain/case-record.js';
import { handlerMessage } from '../domain/handler-message.js';
import { liveCase } from '../domain/retention.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import { callerOperation, type Caller } from '../security/caller.js';
import type { CaseChange } from '../storage/store.js';
import { caseCountsAnswer, listCasesAnswer } from './case-list.js';

export async function caseRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { store } = context;

  /** An entry of the case's audit trail by the caller, to commit with a change. */
  function audited(caller: Caller, at: string, action: string, details?: AuditDetails): NewAuditEntry {
    return newAuditEntry(context, { actor: caller.actor, sessionId: caller.sessionId, action, at, ...(details ? { details } : {}) });
  }

  const answerCase = (caseId: string) => caseAnswer(context, caseId);

  /** The case; 410 when retention deleted it, 404 when it never existed. */
  const existingCase = (caseId: string) => liveCase(context, caseId);

  const options = callerOperation(context);

  defineOperation(
    app,
    context,
    'listCases',
    async ({ params, language, auth }) => listCasesAnswer(context, params, language, auth),
    options,
  );

  defineOperation(app, context, 'countCases', async ({ auth }) => caseCountsAnswer(context, auth), options);

  defineOperation(
    app,
    context,
    'getCase',
    async ({ params, auth }) => {
      const caseId = params.caseId;
      await existingCase(caseId);
      // Recorded before the case is read: no read escapes the trail.
      await recordAuditEntry(context, { caseId, actor: auth.actor, sessionId: auth.sessionId, action: 'read' });
      return answerCase(caseId);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'acknowledgeCase',
    async ({ params, body, auth }) => {
      const caseId = params.caseId;
      const found = await existingCase(caseId);
      if (found.status === 'closed') throw new ProblemError('case-closed');
      // Idempotent: an acknowledged case stays as it is (and the answer is a read of it).
      if (found.status === 'received') {
        const at = context.now();
        const change = acknowledgement(found, at, body.message);
        await commitCaseChange(context, found, { ...change, audit: acknowledgedEntries(context, auth, at, change.messages[0]!.id) });
      } else {
        await recordAuditEntry(context, { caseId, actor: auth.actor, sessionId: auth.sessionId, action: 'read' });
      }
      return answerCase(caseId);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'setCaseStatus',
    async ({ params, body, auth }) => {
      const caseId = params.caseId;
      const request = body;
      const found = await existingCase(caseId);
      if (!canMove(found.status, request.status)) throw new ProblemError('invalid-transition');
      const at = context.now();
      const note = request.note ? { note: request.note } : {};
      let change: CaseChange;
      if (request.status === 'acknowledged') {
        const acknowledged = acknowledgement(found, at, undefined);
        change = {
          ...acknowledged,
          events: acknowledged.events!.map((event) => ({ ...event, ...note })),
          audit: acknowledgedEntries(context, auth, at, acknowledged.messages[0]!.id),
        };
      } else if (request.status === 'closed') {
        change = closingChange(context, auth, found, { at, outcome: request.outcome!, ...note });
      } else {
        const reopening = found.status === 'closed';
        change = {
          set: { status: 'investigating', lastHandlerActionAt: at, substatus: null },
          clearOutcome: reopening,
          events: [{ at, type: reopening ? 'reopened' : 'status-changed', status: 'investigating', ...note }],
          audit: [audited(auth, at, 'status-changed', { from: found.status, to: 'investigating' })],
        };
      }
      await commitCaseChange(context, found, change);
      return answerCase(caseId);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'sendCaseMessage',
    async ({ params, body, reply, auth }) => {
      const caseId = params.caseId;
      const request = body;
      const found = await existingCase(caseId);
      if (found.status === 'closed') throw new ProblemError('case-closed');
      const { message, change } = handlerMessage(context, auth, found, request.kind ?? 'message', request.body);
      await commitCaseChange(context, found, change);
      return reply.code(201).send(message);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'getCaseAttachment',
    async ({ params, reply, auth }) => {
      const caseId = params.caseId;
      await existingCase(caseId);
      const attachment = (await store.attachments(caseId)).find((candidate) => candidate.id === params.attachmentId);
      if (!attachment) throw new ProblemError('not-found');
      await recordAuditEntry(context, { caseId, actor: auth.actor, sessionId: auth.sessionId, action: 'attachment-downloaded', details: { attachmentId: attachment.id } });
      const name = downloadName(attachment);
      const asciiName = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
      reply.header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`);
      reply.header('Content-Security-Policy', "sandbox; default-src 'none'; frame-ancestors 'none'");
      reply.header('Content-Length', String(attachment.sizeBytes));
      return reply.type('application/octet-stream').send(context.files.open(attachment.storageName));
    },
    options,
  );
}
