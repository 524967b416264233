// Working a case (contract 1.1, caseManagement.workflow and notes): feedback as an explicit action
// that stamps the 3-month clock, substatuses from the organisation's list, internal notes that no
// reporter-facing answer ever contains, the organisation's lists and message templates, and the
// record of an exported case record. Each is recorded in the case's audit trail.
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance } from 'fastify';
import { newAuditEntry, recordAuditEntry } from '../domain/audit.js';
import { commitCaseChange } from '../domain/case-changes.js';
import { caseAnswer } from '../domain/case-record.js';
import { notesEncryptionRequired } from '../domain/case-work-offer.js';
import { requireCurrentKey } from '../domain/encryption-checks.js';
import { handlerMessage } from '../domain/handler-message.js';
import { liveCase } from '../domain/retention.js';
import { vary } from '../http/headers.js';
import { negotiateLanguage } from '../http/language.js';
import { defineOperation, type ApiRoutesOptions, type OperationCall } from '../http/operation.js';
import { fieldError, ProblemError } from '../http/problems.js';
import { callerOperation, type Caller } from '../security/caller.js';
import { randomId } from '../security/tokens.js';
import type { StoredNote } from '../storage/store.js';

export async function caseWorkRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { store } = context;
  const options = callerOperation(context);

  /** An entry by the caller, to commit with a change of the case. */
  const byCaller = (caller: Caller, action: string, details: Schema<'AuditDetails'> = {}) =>
    newAuditEntry(context, { actor: caller.actor, ...(caller.sessionId ? { sessionId: caller.sessionId } : {}), action, details });

  /** The language of a list answer, with the headers that say so. */
  function listLanguage({ params, request, reply }: OperationCall<'getCaseOptions' | 'getMessageTemplates', Caller>): string {
    const language = negotiateLanguage(context.content.locales, params.lang, request.headers['accept-language']);
    reply.header('Content-Language', language);
    vary(reply, 'Accept-Language');
    return language;
  }

  defineOperation(
    app,
    context,
    'giveFeedback',
    async ({ params, body, auth }) => {
      const caseId = params.caseId;
      const found = await liveCase(context, caseId);
      if (found.status === 'closed') throw new ProblemError('case-closed');
      const { change } = handlerMessage(context, auth, found, 'feedback', (body).message);
      await commitCaseChange(context, found, change);
      return caseAnswer(context, caseId);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'setCaseSubstatus',
    async ({ params, body, language, auth }) => {
      const caseId = params.caseId;
      const { substatus } = body;
      const found = await liveCase(context, caseId);
      if (substatus !== null && !context.caseWork.allowsSubstatus(found.status, substatus)) {
        throw new ProblemError('validation', { errors: [{ ...fieldError('/substatus', 'enum', {}, language), code: 'unknown-substatus' }] });
      }
      const from = found.substatus;
      if ((from ?? null) !== substatus) {
        const details = { ...(from ? { from } : {}), ...(substatus ? { to: substatus } : {}) };
        await store.changeCase(caseId, { set: { substatus }, audit: [byCaller(auth, 'substatus-changed', details)] });
      }
      return caseAnswer(context, caseId);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'listCaseNotes',
    async ({ params, auth }) => {
      const caseId = params.caseId;
      await liveCase(context, caseId);
      // Recorded before the notes are read: no read escapes the trail.
      await recordAuditEntry(context, { caseId, actor: auth.actor, ...(auth.sessionId ? { sessionId: auth.sessionId } : {}), action: 'notes-read' });
      const list: Schema<'NoteList'> = { items: await store.notes(caseId) };
      return list;
    },
    options,
  );

  defineOperation(
    app,
    context,
    'addCaseNote',
    async ({ params, body, reply, auth }) => {
      const caseId = params.caseId;
      const request = body;
      await liveCase(context, caseId);
      if (request.encryptedBody) requireCurrentKey(context, request.encryptedBody.keyId);
      else if (notesEncryptionRequired(context)) throw new ProblemError('encryption-required');
      const note: StoredNote = {
        noteId: randomId('n_'),
        author: auth.actor,
        createdAt: context.now(),
        ...(request.encryptedBody ? { encryptedBody: request.encryptedBody } : { body: request.body! }),
      };
      await store.changeCase(caseId, { notes: [note], audit: [byCaller(auth, 'note-added', { noteId: note.noteId, encrypted: note.encryptedBody !== undefined })] });
      return reply.code(201).send(note);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'recordCaseExport',
    async ({ params, body, reply, auth }) => {
      const caseId = params.caseId;
      const request = body;
      await liveCase(context, caseId);
      const exportId = randomId('x_');
      // The trail is the record of the export: its entry's seq goes on the printed record.
      const entry = await recordAuditEntry(context, {
        caseId,
        actor: auth.actor,
        ...(auth.sessionId ? { sessionId: auth.sessionId } : {}),
        action: 'record-exported',
        details: { exportId, includesIdentity: request.includesIdentity, purpose: request.purpose, ...(request.identityBasis ? { identityBasis: request.identityBasis } : {}) },
      });
      const record: Schema<'CaseExportRecord'> = { exportId, recordedAt: entry.at, auditSeq: entry.seq };
      return reply.code(201).send(record);
    },
    options,
  );

  defineOperation(app, context, 'getCaseOptions', async (call) => context.caseWork.caseOptions(listLanguage(call)), options);

  defineOperation(app, context, 'getMessageTemplates', async (call) => context.caseWork.messageTemplates(listLanguage(call)), options);
}
