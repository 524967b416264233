// POST /reports: stores a report durably and answers with the receipt, exactly once per
// Idempotency-Key (a retry gets the same answer, with the same receipt).
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerContext } from '../context.js';
import { deadlinesOnReceipt } from '../domain/deadlines.js';
import { defineOperation } from '../http/operation.js';
import { fieldError, ProblemError, type FieldError, type Language } from '../http/problems.js';
import { clientKey, enforceRateLimit } from '../http/client.js';
import { generateReceipt, hashReceipt, normaliseReceipt } from '../security/receipts.js';
import { idempotencyKeyHash, openReplay, requestDigest, sealReplay } from '../security/replay-seal.js';
import { randomId } from '../security/tokens.js';
import { refusePlainWhenRequired, requireCurrentKey } from './encryption-checks.js';

type Submission = Schema<'PlainReportSubmission'> | Schema<'EncryptedReportSubmission'>;

/** Rules of this installation beyond the contract's schemas: text limit and the form's consents. */
function installationErrors(context: ServerContext, submission: Submission, language: Language): FieldError[] {
  const errors: FieldError[] = [];
  if ('content' in submission && submission.content.description.length > context.config.limits.maxTextLength) {
    errors.push(fieldError('/content/description', 'maxLength', { limit: context.config.limits.maxTextLength }, language));
  }
  const form = JSON.parse(context.content.document('report-form', context.content.locales.default).json) as Schema<'ReportForm'>;
  const given = submission.consents ?? [];
  for (const [index, id] of given.entries()) {
    if (!form.consents.some((consent) => consent.id === id)) errors.push(fieldError(`/consents/${index}`, 'enum', {}, language));
  }
  for (const consent of form.consents) {
    if (consent.required && !given.includes(consent.id)) errors.push(fieldError('/consents', 'required', { missingProperty: consent.id }, language));
  }
  return errors;
}

function sendReceipt(reply: FastifyReply, answer: string, replayed: boolean): FastifyReply {
  if (replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.code(201).type('application/json; charset=utf-8').send(answer);
}

export function reportRoutes(app: FastifyInstance, context: ServerContext): void {
  const { store, secret, config } = context;

  defineOperation(app, context, 'submitReport', async ({ request, reply, params, body, language }) => {
    enforceRateLimit(context.limits.reportsPerClient, clientKey(context, request));
    const submission = body as Submission;
    const errors = installationErrors(context, submission, language);
    if (errors.length) throw new ProblemError('validation', { errors });
    if ('encryptedContent' in submission) requireCurrentKey(context, submission.encryptedContent.keyId);
    else refusePlainWhenRequired(context);
    context.limits.reportsPerClient.hit(clientKey(context, request));

    const idempotencyKey = params['Idempotency-Key'] as string;
    const keyHash = idempotencyKeyHash(secret, idempotencyKey);
    const digest = requestDigest(submission);
    const now = context.now();
    const expiresAt = new Date(Date.parse(now) + config.limits.idempotencyKeyTtlSeconds * 1000).toISOString();
    const existing = await store.claimIdempotencyKey(keyHash, digest, now, expiresAt);
    if (existing) {
      if (existing.requestHash !== digest) throw new ProblemError('idempotency-key-reused');
      if (existing.state === 'pending') throw new ProblemError('idempotency-in-progress', { retryAfterSeconds: 1 });
      return sendReceipt(reply, openReplay(secret, idempotencyKey, existing.sealedResponse), true);
    }

    try {
      const receipt = generateReceipt();
      const receiptHash = await hashReceipt(secret, normaliseReceipt(receipt)!);
      const receivedAt = context.now();
      const deadlines = deadlinesOnReceipt(receivedAt);
      const answer: Schema<'ReportReceipt'> = {
        receipt,
        receivedAt,
        ...deadlines,
        status: 'received',
        followUp: config.followUp.enabled ? { available: true, sessionsPath: '/follow-up/sessions' } : { available: false },
      };
      const answerJson = JSON.stringify(answer);
      await store.createReport({
        case: {
          id: randomId('c_'),
          role: submission.role,
          category: submission.category,
          ...(submission.locale ? { locale: submission.locale } : {}),
          status: 'received',
          receivedAt,
          ...deadlines,
          consents: submission.consents ?? [],
          ...('content' in submission ? { content: submission.content } : { encryptedContent: submission.encryptedContent }),
        },
        receiptHash,
        idempotency: { keyHash, sealedResponse: sealReplay(secret, idempotencyKey, answerJson) },
      });
      return sendReceipt(reply, answerJson, false);
    } catch (error) {
      await store.releaseIdempotencyKey(keyHash);
      throw error;
    }
  });
}
