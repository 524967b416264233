// Case management for handlers (integrity officers), with a bearer token from the CLI.
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { downloadName } from '../domain/download-name.js';
import { canMove } from '../domain/case-status.js';
import { feedbackDueAfterAcknowledgement } from '../domain/deadlines.js';
import type { AuditDetails, NewAuditEntry } from '../domain/audit-chain.js';
import { newAuditEntry, recordAuditEntry } from '../domain/audit.js';
import { caseSummaryView, caseView } from '../domain/views.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import { authenticateCaller, type Caller } from '../security/caller.js';
import { randomId } from '../security/tokens.js';
import type { CaseChange, CaseFilter, StoredCase } from '../storage/store.js';
import { loadCaseRecord } from '../domain/case-record.js';

const DEFAULT_ACKNOWLEDGEMENT = {
  nl: 'Wij hebben uw melding ontvangen en nemen haar in behandeling. U hoort binnen drie maanden wat wij ermee hebben gedaan.',
  en: 'We have received your report and are dealing with it. Within three months you will hear what we have done with it.',
};

/** The acknowledgement of a case, as one change: status, deadline and the message to the reporter. */
function acknowledgement(found: StoredCase, at: string, message: string | undefined): CaseChange & { messages: Schema<'CaseMessage'>[] } {
  return {
    set: { status: 'acknowledged', acknowledgedAt: at, feedbackDueAt: feedbackDueAfterAcknowledgement(at), lastHandlerActionAt: at },
    events: [{ at, type: 'acknowledged', status: 'acknowledged' }],
    messages: [
      {
        id: randomId('m_'),
        from: 'handler',
        kind: 'acknowledgement',
        sentAt: at,
        body: message ?? DEFAULT_ACKNOWLEDGEMENT[found.locale?.startsWith('en') ? 'en' : 'nl'],
      },
    ],
  };
}

export async function caseRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { store } = context;
  const offered = () => context.config.caseManagement.enabled;
  const authenticate = (request: FastifyRequest) => authenticateCaller(context, request);

  /** An entry of the case's audit trail by the caller, to commit with a change. */
  function audited(caller: Caller, at: string, action: string, details?: AuditDetails): NewAuditEntry {
    return newAuditEntry(context, { actor: caller.actor, sessionId: caller.sessionId, action, at, ...(details ? { details } : {}) });
  }

  /** The acknowledgement's entries: the clock is stamped and the status moved. */
  function acknowledgedEntries(caller: Caller, at: string, messageId: string): NewAuditEntry[] {
    return [audited(caller, at, 'acknowledged', { messageId }), audited(caller, at, 'status-changed', { from: 'received', to: 'acknowledged' })];
  }

  async function answerCase(caseId: string): Promise<Schema<'Case'>> {
    return caseView(await loadCaseRecord(store, caseId), context.now());
  }

  async function existingCase(caseId: string): Promise<StoredCase> {
    const found = await store.getCase(caseId);
    if (!found) throw new ProblemError('not-found');
    return found;
  }

  const options = { offered, authenticate };

  defineOperation(
    app,
    context,
    'listCases',
    async ({ params }) => {
      const sort = (params.sort as string | undefined) ?? '-receivedAt';
      const page = (params.page as number | undefined) ?? 1;
      const pageSize = (params.pageSize as number | undefined) ?? 20;
      const now = context.now();
      const filter: CaseFilter = {
        ...(params.status ? { status: params.status as CaseFilter['status'] } : {}),
        ...(params.category ? { category: params.category as CaseFilter['category'] } : {}),
        ...(params.overdue === true ? { overdueAt: now } : {}),
        sort: sort.replace(/^-/, '') as CaseFilter['sort'],
        descending: sort.startsWith('-'),
        offset: (page - 1) * pageSize,
        limit: pageSize,
      };
      const { items, total } = await store.listCases(filter);
      const list: Schema<'CaseList'> = {
        items: items.map((entry) => caseSummaryView(entry.case, entry.unreadMessages, now)),
        page,
        pageSize,
        totalItems: total,
        totalPages: Math.ceil(total / pageSize),
      };
      return list;
    },
    options,
  );

  defineOperation(
    app,
    context,
    'getCase',
    async ({ params, auth }) => {
      const caseId = params.caseId as string;
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
      const caseId = params.caseId as string;
      const found = await existingCase(caseId);
      if (found.status === 'closed') throw new ProblemError('case-closed');
      // Idempotent: an acknowledged case stays as it is (and the answer is a read of it).
      if (found.status === 'received') {
        const at = context.now();
        const change = acknowledgement(found, at, (body as Schema<'AcknowledgementRequest'>).message);
        await store.changeCase(caseId, { ...change, audit: acknowledgedEntries(auth, at, change.messages[0]!.id) });
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
      const caseId = params.caseId as string;
      const request = body as Schema<'StatusChangeRequest'>;
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
          audit: acknowledgedEntries(auth, at, acknowledged.messages[0]!.id),
        };
      } else if (request.status === 'closed') {
        // Closing a case that was never acknowledged also records the acknowledgement.
        const acknowledged = found.status === 'received' ? acknowledgement(found, at, undefined) : undefined;
        change = {
          set: { ...acknowledged?.set, status: 'closed', outcome: request.outcome!, lastHandlerActionAt: at },
          events: [...(acknowledged?.events ?? []), { at, type: 'closed', status: 'closed', outcome: request.outcome!, ...note }],
          messages: acknowledged?.messages ?? [],
          audit: [
            ...(acknowledged ? acknowledgedEntries(auth, at, acknowledged.messages[0]!.id) : []),
            audited(auth, at, 'status-changed', { from: acknowledged ? 'acknowledged' : found.status, to: 'closed', outcome: request.outcome! }),
          ],
        };
      } else {
        const reopening = found.status === 'closed';
        change = {
          set: { status: 'investigating', lastHandlerActionAt: at },
          clearOutcome: reopening,
          events: [{ at, type: reopening ? 'reopened' : 'status-changed', status: 'investigating', ...note }],
          audit: [audited(auth, at, 'status-changed', { from: found.status, to: 'investigating' })],
        };
      }
      await store.changeCase(caseId, change);
      return answerCase(caseId);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'sendCaseMessage',
    async ({ params, body, reply, auth }) => {
      const caseId = params.caseId as string;
      const request = body as Schema<'HandlerMessageRequest'>;
      const found = await existingCase(caseId);
      if (found.status === 'closed') throw new ProblemError('case-closed');
      const at = context.now();
      const kind = request.kind ?? 'message';
      const message: Schema<'CaseMessage'> = { id: randomId('m_'), from: 'handler', kind, sentAt: at, body: request.body };
      const feedback = kind === 'feedback';
      await store.changeCase(caseId, {
        set: { lastHandlerActionAt: at, ...(feedback && !found.feedbackGivenAt ? { feedbackGivenAt: at } : {}) },
        messages: [message],
        events: [{ at, type: feedback ? 'feedback-given' : 'message-from-handler' }],
        audit: [audited(auth, at, feedback ? 'feedback-given' : 'message-sent', { messageId: message.id, kind })],
      });
      return reply.code(201).send(message);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'getCaseAttachment',
    async ({ params, reply, auth }) => {
      const caseId = params.caseId as string;
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
