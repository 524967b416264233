// POST /reports: stores a report durably and answers with the receipt, exactly once per
// Idempotency-Key (a retry gets the same answer, with the same receipt).
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerContext } from '../context.js';
import { deadlinesOnReceipt } from '../domain/deadlines.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { fieldError, ProblemError, type FieldError, type Language } from '../http/problems.js';
import { clientKey, enforceRateLimit } from '../security/client-key.js';
import { generateReceipt, hashReceipt, normaliseReceipt } from '../security/receipts.js';
import { idempotencyKeyHash, openReplay, requestDigest, sealReplay } from '../security/replay-seal.js';
import { randomId } from '../security/tokens.js';
import { IdempotencyClaimLostError } from '../storage/store.js';
import { refusePlainWhenRequired, requireCurrentKey } from '../domain/encryption-checks.js';

/**
 * How long a pending Idempotency-Key claim keeps other requests with the key out. Far longer than a report
 * takes to store (scrypt + one transaction), short enough that a retry after an instance died is not
 * refused for long. (SQLite also clears pending claims on start: one process owns the file.)
 */
const IDEMPOTENCY_LEASE_SECONDS = 30;

function secondsAfter(time: string, seconds: number): string {
  return new Date(Date.parse(time) + seconds * 1000).toISOString();
}

type Submission = Schema<'PlainReportSubmission'> | Schema<'EncryptedReportSubmission'>;

interface ConsentRules {
  known: Set<string>;
  required: string[];
}

/** The report form's consents, which are the same in every language. */
function consentRules(context: ServerContext): ConsentRules {
  const form = JSON.parse(context.content.document('report-form', context.content.locales.default).json) as Schema<'ReportForm'>;
  return {
    known: new Set(form.consents.map((consent) => consent.id)),
    required: form.consents.filter((consent) => consent.required).map((consent) => consent.id),
  };
}

/** Rules of this installation beyond the contract's schemas: its text limit and its form's consents. */
function installationErrors(context: ServerContext, consents: ConsentRules, submission: Submission, language: Language): FieldError[] {
  const errors: FieldError[] = [];
  if ('content' in submission && submission.content.description.length > context.config.limits.maxTextLength) {
    errors.push(fieldError('/content/description', 'maxLength', { limit: context.config.limits.maxTextLength }, language));
  }
  const given = submission.consents ?? [];
  for (const [index, id] of given.entries()) {
    if (!consents.known.has(id)) errors.push(fieldError(`/consents/${index}`, 'enum', {}, language));
  }
  for (const id of consents.required) {
    if (!given.includes(id)) errors.push(fieldError('/consents', 'required', { missingProperty: id }, language));
  }
  return errors;
}

function sendReceipt(reply: FastifyReply, answer: string, replayed: boolean): FastifyReply {
  if (replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.code(201).type('application/json; charset=utf-8').send(answer);
}

export async function reportRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { store, secret, config } = context;
  const consents = consentRules(context);

  defineOperation(app, context, 'submitReport', async ({ request, reply, params, body, language }) => {
    await enforceRateLimit(context.limits.reportsPerClient, clientKey(context, request));
    const submission = body as Submission;
    const errors = installationErrors(context, consents, submission, language);
    if (errors.length) throw new ProblemError('validation', { errors });
    if ('encryptedContent' in submission) requireCurrentKey(context, submission.encryptedContent.keyId);
    else refusePlainWhenRequired(context);
    await context.limits.reportsPerClient.hit(clientKey(context, request));

    const idempotencyKey = params['Idempotency-Key'] as string;
    const keyHash = idempotencyKeyHash(secret, idempotencyKey);
    const digest = requestDigest(submission);
    const now = context.now();
    const claimId = randomId('claim_');
    const existing = await store.claimIdempotencyKey({
      keyHash,
      requestHash: digest,
      claimId,
      now,
      expiresAt: secondsAfter(now, config.limits.idempotencyKeyTtlSeconds),
      leaseExpiresAt: secondsAfter(now, IDEMPOTENCY_LEASE_SECONDS),
    });
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
        idempotency: { keyHash, claimId, sealedResponse: sealReplay(secret, idempotencyKey, answerJson) },
      });
      return sendReceipt(reply, answerJson, false);
    } catch (error) {
      // Another request took the key over after this one outlived its lease: that one answers with the receipt.
      if (error instanceof IdempotencyClaimLostError) throw new ProblemError('idempotency-in-progress', { retryAfterSeconds: 1 });
      await store.releaseIdempotencyKey(keyHash, claimId);
      throw error;
    }
  });
}
