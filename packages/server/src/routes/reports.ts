// POST /reports: stores a report durably and answers with the receipt, exactly once per
// Idempotency-Key (a retry gets the same answer, with the same receipt).
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerContext } from '../context.js';
import { formAnswerErrors, formRules, type FormRules } from '../domain/form-answers.js';
import { checkInDays } from '../domain/check-ins.js';
import { storeCaseOnce, type NewCase } from '../domain/report-creation.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { fieldError, ProblemError, type FieldError, type Language } from '../http/problems.js';
import { clientKey, enforceRateLimit, takeRateLimit } from '../security/client-key.js';
import { refusePlainWhenRequired, requireCurrentKey } from '../domain/encryption-checks.js';

/** A report as submitted, or as a handler records one received orally (the same fields and rules). */
type Submission = Schema<'PlainReportSubmission'> | Schema<'EncryptedReportSubmission'> | Schema<'PlainIntakeRequest'> | Schema<'EncryptedIntakeRequest'>;

interface ConsentRules {
  known: Set<string>;
  required: string[];
}

/** What the report form allows: its consents, questions and signals (the same in every language). */
export interface SubmissionRules {
  consents: ConsentRules;
  form: FormRules;
}

export function submissionRules(context: ServerContext): SubmissionRules {
  const { consents } = context.content.reportForm();
  return {
    consents: {
      known: new Set(consents.map((consent) => consent.id)),
      required: consents.filter((consent) => consent.required).map((consent) => consent.id),
    },
    form: formRules(context.content),
  };
}

/** Rules of this installation beyond the contract's schemas: its text limit, its form's questions and consents, its signal checklist. */
export function installationErrors(context: ServerContext, rules: SubmissionRules, submission: Submission, language: Language): FieldError[] {
  const { consents } = rules;
  const errors: FieldError[] = [];
  if ('content' in submission) {
    if (submission.content.description.length > context.config.limits.maxTextLength) {
      errors.push(fieldError('/content/description', 'maxLength', { limit: context.config.limits.maxTextLength }, language));
    }
    errors.push(...formAnswerErrors(rules.form, submission.category, submission.content, language));
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

/** The case fields a submission gives, whoever submits it. */
export function submittedCase(submission: Submission): NewCase['case'] {
  return {
    role: submission.role,
    category: submission.category,
    ...(submission.locale ? { locale: submission.locale } : {}),
    consents: submission.consents ?? [],
    // Routed to the role's alternate group (migration 10's trigger).
    ...('concernsReceiver' in submission && submission.concernsReceiver ? { concernsReceiver: true } : {}),
    ...('content' in submission ? { content: submission.content } : { encryptedContent: submission.encryptedContent }),
  };
}

/** Checks what the contract's schemas cannot: this installation's limits and form, and its encryption key. */
export function checkSubmission(context: ServerContext, rules: SubmissionRules, submission: Submission, language: Language): void {
  const errors = installationErrors(context, rules, submission, language);
  if (errors.length) throw new ProblemError('validation', { errors });
  if ('encryptedContent' in submission) requireCurrentKey(context, submission.encryptedContent.keyId);
  else refusePlainWhenRequired(context);
}

export function sendReceipt(reply: FastifyReply, answer: string, replayed: boolean): FastifyReply {
  if (replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.code(201).type('application/json; charset=utf-8').send(answer);
}

export async function reportRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { config } = context;
  const rules = submissionRules(context);

  defineOperation(app, context, 'submitReport', async ({ request, reply, params, body, language }) => {
    await enforceRateLimit(context.limits.reportsPerClient, clientKey(context, request));
    const submission = body;
    checkSubmission(context, rules, submission, language);
    await takeRateLimit(context.limits.reportsPerClient, clientKey(context, request));

    const { answer, replayed } = await storeCaseOnce(context, params['Idempotency-Key'], submission, {
      case: submittedCase(submission),
      answer: (stored, receipt, checkIns): Schema<'ReportReceipt'> => ({
        receipt,
        receivedAt: stored.receivedAt,
        acknowledgeDueAt: stored.acknowledgeDueAt,
        feedbackDueAt: stored.feedbackDueAt,
        status: 'received',
        followUp: config.followUp.enabled ? { available: true, sessionsPath: '/follow-up/sessions' } : { available: false },
        // Dates only, for the receipt screen's calendar file; absent when the case has no check-ins.
        ...(checkIns.length ? { checkInDays: checkInDays(checkIns, config.organisation.timeZone) } : {}),
      }),
    });
    return sendReceipt(reply, answer, replayed);
  });
}
