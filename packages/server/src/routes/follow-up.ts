// Follow-up: the reporter exchanges the receipt (in the body, never a URL) for a short-lived
// token, reads the case, replies and adds files. Guessing is throttled per client, in total and
// per case; a throttled client only waits (Retry-After), nobody is locked out for good.
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contentMatches, type ReceivedFile } from '../storage/attachments/attachment-storage.js';
import type { ServerContext } from '../context.js';
import type { AuditDetails, NewAuditEntry } from '../domain/audit-chain.js';
import { newAuditEntry, recordAuditEntry } from '../domain/audit.js';
import { attachmentView, followUpView } from '../domain/views.js';
import { clientKey, takeRateLimit } from '../security/client-key.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { fieldError, ProblemError, type FieldError, type Language } from '../http/problems.js';
import { hashReceipt, normaliseReceipt, sameHash } from '../security/receipts.js';
import { bearerToken, generateToken, hashToken, randomId } from '../security/tokens.js';
import type { StoredCase } from '../storage/store.js';
import { loadCaseRecord } from '../domain/case-record.js';
import { followUpSteps, relativesAmong } from '../domain/protocol-tasks.js';
import { comingCheckInDays } from '../domain/check-ins.js';
import { refusePlainWhenRequired, requireCurrentKey } from '../domain/encryption-checks.js';

export interface Session {
  tokenHash: Buffer;
  caseId: string;
}

/** The reporter's follow-up session behind the request's bearer token; 401 when there is none. */
export async function authenticateFollowUp(context: ServerContext, request: FastifyRequest): Promise<Session> {
  const token = bearerToken(request.headers.authorization, 'follow-up');
  if (token) {
    const tokenHash = hashToken(context.secret, 'follow-up', token);
    const session = await context.store.findSession(tokenHash, context.now());
    if (session) return { tokenHash, caseId: session.caseId };
  }
  throw new ProblemError('unauthorized');
}

// A receipt that cannot exist is hashed anyway, so that a wrong receipt costs the same time
// whatever is wrong with it.
const IMPOSSIBLE_RECEIPT = '00000000000000000000';

function cleanFileName(name: string | undefined): string | undefined {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return base ? base.slice(0, 255) : undefined;
}

export async function followUpRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { store, secret, config, limits } = context;
  const offered = () => config.followUp.enabled;
  const attachmentsOffered = () => config.followUp.enabled && config.attachments.enabled;

  /** The reporter's entry in the case's audit trail (never identified). */
  function byReporter(at: string, action: string, details: AuditDetails): NewAuditEntry {
    return newAuditEntry(context, { actor: { kind: 'reporter' }, at, action, details });
  }

  const authenticate = (request: FastifyRequest) => authenticateFollowUp(context, request);

  async function openCase(session: Session): Promise<StoredCase> {
    const found = await store.getCase(session.caseId);
    if (!found) throw new ProblemError('not-found');
    if (found.status === 'closed') throw new ProblemError('case-closed');
    return found;
  }

  defineOperation(
    app,
    context,
    'openFollowUpSession',
    async ({ request, reply, body }) => {
      // Every attempt takes a failure from the allowances before the receipt is checked (one
      // atomic step per limit, see rate-limiter.ts); a right receipt gives them back.
      const client = clientKey(context, request);
      const perClient = await takeRateLimit(limits.followUpFailuresPerClient, client);
      const total = await takeRateLimit(limits.followUpFailuresTotal, 'all').catch(async (error: unknown) => {
        await perClient.giveBack();
        throw error;
      });
      const normalised = normaliseReceipt((body).receipt);
      const receiptHash = await hashReceipt(secret, normalised ?? IMPOSSIBLE_RECEIPT);
      const found = normalised ? await store.findCaseIdByReceiptHash(receiptHash) : undefined;
      if (!found || !sameHash(found.receiptHash, receiptHash)) throw new ProblemError('unauthorized');
      await Promise.all([perClient.giveBack(), total.giveBack()]);
      await takeRateLimit(limits.followUpSessionsPerCase, found.caseId);
      const token = generateToken('follow-up');
      const expiresAt = new Date(Date.parse(context.now()) + config.followUp.sessionTtlSeconds * 1000).toISOString();
      await store.createSession(hashToken(secret, 'follow-up', token), found.caseId, expiresAt);
      await recordAuditEntry(context, { caseId: found.caseId, actor: { kind: 'reporter' }, action: 'follow-up-opened' });
      const session: Schema<'FollowUpSession'> = { token, tokenType: 'Bearer', expiresAt };
      return reply.code(201).send(session);
    },
    { offered },
  );

  defineOperation(
    app,
    context,
    'closeFollowUpSession',
    async ({ reply, auth }) => {
      await store.deleteSession(auth.tokenHash);
      return reply.code(204).send();
    },
    { offered, authenticate },
  );

  defineOperation(
    app,
    context,
    'getFollowUpCase',
    async ({ auth }) => {
      const record = await loadCaseRecord(store, auth.caseId);
      // In the report's language: the follow-up answer has no language of its own.
      const steps = followUpSteps(await store.tasks(auth.caseId), record.case.locale ?? context.content.locales.default, context.content.locales.default);
      // Whether to show support for relatives: the roles themselves stay with the handlers.
      const relativesAffected = relativesAmong(record.case.affectedPeople ?? context.protocols.affectedPeople(record.case.content));
      // The days of the check-ins still to come, for the follow-up's calendar file (as the receipt's).
      const now = context.now();
      const checkInDays = comingCheckInDays(await store.checkIns(auth.caseId), now, context.config.organisation.timeZone);
      return followUpView(record, now, { steps, relativesAffected, checkInDays });
    },
    { offered, authenticate },
  );

  defineOperation(
    app,
    context,
    'sendFollowUpMessage',
    async ({ reply, body, auth }) => {
      const request = body;
      await openCase(auth);
      if (request.encryptedBody) requireCurrentKey(context, request.encryptedBody.keyId);
      else refusePlainWhenRequired(context);
      const message: Schema<'CaseMessage'> = {
        id: randomId('m_'),
        from: 'reporter',
        kind: 'message',
        sentAt: context.now(),
        ...(request.encryptedBody ? { encryptedBody: request.encryptedBody } : { body: request.body! }),
      };
      await store.changeCase(auth.caseId, {
        messages: [message],
        events: [{ at: message.sentAt, type: 'message-from-reporter' }],
        audit: [byReporter(message.sentAt, 'message-received', { messageId: message.id, encrypted: Boolean(request.encryptedBody) })],
      });
      return reply.code(201).send(message);
    },
    { offered, authenticate },
  );

  defineOperation(
    app,
    context,
    'addFollowUpAttachment',
    async ({ request, reply, auth, language }) => {
      await openCase(auth);
      const existing = await store.attachments(auth.caseId);
      if (existing.length >= config.attachments.maxCount) throw new ProblemError('too-many-attachments');

      let file: ReceivedFile | undefined;
      try {
        const upload = await readUpload(request, context, language);
        file = upload.file;
        const { metadata, declaredType, fileName } = upload;
        const addedAt = context.now();
        const storageName = await context.files.keep(file);
        file = undefined;
        const attachment = {
          id: randomId('a_'),
          storageName,
          sizeBytes: upload.file.sizeBytes,
          sha256: upload.file.sha256,
          addedAt,
          ...(metadata.encryption
            ? { encryption: metadata.encryption }
            : {
                mediaType: declaredType,
                ...(fileName ? { name: fileName } : {}),
                ...(metadata.description ? { description: metadata.description } : {}),
              }),
        };
        try {
          await store.changeCase(auth.caseId, {
            attachments: [attachment],
            events: [{ at: addedAt, type: 'attachment-added' }],
            audit: [byReporter(addedAt, 'attachment-added', { attachmentId: attachment.id, encrypted: Boolean(metadata.encryption) })],
          });
        } catch (error) {
          await context.files.remove(storageName);
          throw error;
        }
        return reply.code(201).send(attachmentView(attachment));
      } finally {
        await context.files.discard(file);
      }
    },
    { offered: attachmentsOffered, authenticate },
  );
}

interface Upload {
  file: ReceivedFile;
  metadata: Schema<'AttachmentUploadMetadata'>;
  declaredType: string;
  fileName: string | undefined;
}

/** Reads the multipart parts `file` and `metadata`, checking everything before the file is kept. */
async function readUpload(request: FastifyRequest, context: ServerContext, language: Language): Promise<Upload> {
  const errors: FieldError[] = [];
  let file: ReceivedFile | undefined;
  let declaredType = '';
  let fileName: string | undefined;
  let metadataText: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'file' && !file) {
        declaredType = part.mimetype.split(';')[0]!.trim().toLowerCase();
        fileName = cleanFileName(part.filename);
        file = await context.files.receive(part.file);
      } else if (part.type === 'field' && part.fieldname === 'metadata' && metadataText === undefined) {
        metadataText = String(part.value);
      } else {
        if (part.type === 'file') part.file.resume();
        errors.push(fieldError(`/${part.fieldname}`, 'additionalProperties', {}, language));
      }
    }
    if (!file) errors.push(fieldError('/file', 'required', {}, language));
    else if (file.sizeBytes === 0) errors.push(fieldError('/file', 'minLength', { limit: 1 }, language));
    let metadata: Schema<'AttachmentUploadMetadata'> = {};
    if (metadataText !== undefined) {
      try {
        const checked = context.validation.typed('AttachmentUploadMetadata', JSON.parse(metadataText), language, '/metadata');
        if ('value' in checked) metadata = checked.value;
        else errors.push(...checked.errors);
      } catch {
        errors.push(fieldError('/metadata', 'type', {}, language));
      }
    }
    if (errors.length) throw new ProblemError('validation', { errors });

    if (metadata.encryption) {
      requireCurrentKey(context, metadata.encryption.keyId);
      if (declaredType !== 'application/octet-stream') throw new ProblemError('unsupported-media-type');
    } else {
      refusePlainWhenRequired(context);
      if (!context.config.attachments.mediaTypes.includes(declaredType)) throw new ProblemError('unsupported-media-type');
      if (!contentMatches(declaredType, file!)) throw new ProblemError('media-type-mismatch');
    }
    return { file: file!, metadata, declaredType, fileName };
  } catch (error) {
    await context.files.discard(file);
    throw asUploadProblem(error);
  }
}

/**
 * The multipart parser reports a malformed body (no boundary, a truncated part) with plain
 * errors; those are the client's mistake (400). Limits, our own problems and system errors
 * (a full disk) keep their meaning.
 */
function asUploadProblem(error: unknown): unknown {
  if (error instanceof ProblemError) return error;
  const described =
    typeof error === 'object' &&
    error !== null &&
    (('statusCode' in error && error.statusCode !== undefined) || ('code' in error && error.code !== undefined) || ('syscall' in error && error.syscall !== undefined));
  return described ? error : new ProblemError('bad-request');
}
