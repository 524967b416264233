// Oral and meeting intake (contract 1.1, caseManagement.intake; Directive 2019/1937 art. 9(2), 18):
// a handler records a report made by phone or in a meeting and hands the reporter a receipt on the
// spot; the minutes stay draft until the reporter approves them or asks for a correction through
// follow-up, and every version is kept.
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditActor, NewAuditEntry } from '../domain/audit-chain.js';
import { newAuditEntry, recordAuditEntry } from '../domain/audit.js';
import { intakeOffered } from '../domain/case-work-offer.js';
import { refusePlainWhenRequired, requireCurrentKey } from '../domain/encryption-checks.js';
import { storeCaseOnce } from '../domain/report-creation.js';
import { liveCase } from '../domain/retention.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { fieldError, ProblemError } from '../http/problems.js';
import { authenticateCaller } from '../security/caller.js';
import type { StoredMinutes } from '../storage/store.js';
import { authenticateFollowUp } from './follow-up.js';
import { checkSubmission, sendReceipt, submissionRules, submittedCase } from './reports.js';

/** A conversation cannot be recorded before it took place; a few minutes allow for clocks that differ. */
const HELD_AT_TOLERANCE_MS = 5 * 60 * 1000;

/** The latest version as the reporter reads it (no author: the reporter knows who they spoke with). */
function followUpMinutes({ author: _author, ...version }: StoredMinutes): Schema<'FollowUpMinutes'> {
  return version;
}

export async function intakeRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { store } = context;
  const rules = submissionRules(context);
  const offered = () => intakeOffered(context);
  const caseWork = { offered, authenticate: (request: FastifyRequest) => authenticateCaller(context, request) };

  /** An entry of the case's trail, to commit with the change it records. */
  const entry = (actor: AuditActor, sessionId: string | undefined, action: string, details: Schema<'AuditDetails'>): NewAuditEntry =>
    newAuditEntry(context, { actor, ...(sessionId ? { sessionId } : {}), action, details });
  const followUp = { offered, authenticate: (request: FastifyRequest) => authenticateFollowUp(context, request) };

  defineOperation(
    app,
    context,
    'recordIntake',
    async ({ reply, params, body, language, auth }) => {
      const intake = body;
      if (Date.parse(intake.heldAt) > Date.parse(context.now()) + HELD_AT_TOLERANCE_MS) {
        throw new ProblemError('validation', { errors: [fieldError('/heldAt', 'maximum', { limit: context.now() }, language)] });
      }
      checkSubmission(context, rules, intake, language);
      const minutes = (receivedAt: string): StoredMinutes => ({ version: 1, createdAt: receivedAt, author: auth.actor, status: 'draft', body: intake.minutes.body });
      let recordedCaseId: string | undefined;
      const { answer, replayed } = await storeCaseOnce(context, params['Idempotency-Key'], intake, {
        case: { ...submittedCase(intake), channel: intake.channel },
        minutes,
        audit: [entry(auth.actor, auth.sessionId, 'intake-recorded', { channel: intake.channel, version: 1 })],
        answer: (stored, receipt): Schema<'IntakeReceipt'> => {
          recordedCaseId = stored.id;
          return {
            caseId: stored.id,
            reference: stored.reference,
            receipt,
            receivedAt: stored.receivedAt,
            acknowledgeDueAt: stored.acknowledgeDueAt,
            feedbackDueAt: stored.feedbackDueAt,
            status: stored.status,
            minutes: minutes(stored.receivedAt),
          };
        },
      });
      // The person who recorded it is assigned to it (not a handler token: it belongs to nobody).
      if (!replayed && recordedCaseId && auth.kind === 'person') {
        const caseId = recordedCaseId;
        const at = context.now();
        // The assignment and its audit entry commit together (or, when the recorder is excluded, neither).
        await context.people.addCaseAccessUnlessExcluded(caseId, auth.account.id, 'assignee', at, [entry(auth.actor, auth.sessionId, 'assigned', { accountId: auth.account.id })]);
      }
      return sendReceipt(reply, answer, replayed);
    },
    caseWork,
  );

  defineOperation(
    app,
    context,
    'listMinutes',
    async ({ params, auth }) => {
      const caseId = params.caseId;
      await liveCase(context, caseId);
      // Recorded before the minutes are read.
      await recordAuditEntry(context, { caseId, actor: auth.actor, ...(auth.sessionId ? { sessionId: auth.sessionId } : {}), action: 'minutes-read' });
      const list: Schema<'MinutesList'> = { items: await store.minutes(caseId) };
      return list;
    },
    caseWork,
  );

  defineOperation(
    app,
    context,
    'reviseMinutes',
    async ({ params, body, reply, auth }) => {
      const caseId = params.caseId;
      const revision = body;
      const found = await liveCase(context, caseId);
      if (found.status === 'closed') throw new ProblemError('case-closed');
      const version: StoredMinutes = { version: revision.basedOnVersion + 1, createdAt: context.now(), author: auth.actor, status: 'draft', body: revision.body };
      // The store adds it only when basedOnVersion is still the latest version, atomically.
      const added = await store.addMinutes(caseId, version, [entry(auth.actor, auth.sessionId, 'minutes-added', { version: version.version })]);
      if (!added) throw new ProblemError('stale-version');
      return reply.code(201).send(version);
    },
    caseWork,
  );

  defineOperation(
    app,
    context,
    'getFollowUpMinutes',
    async ({ auth }) => {
      const latest = (await store.minutes(auth.caseId)).at(-1);
      if (!latest) throw new ProblemError('not-found');
      return followUpMinutes(latest);
    },
    followUp,
  );

  defineOperation(
    app,
    context,
    'answerFollowUpMinutes',
    async ({ body, reply, auth }) => {
      const answer = body;
      if (answer.encryptedCorrection) requireCurrentKey(context, answer.encryptedCorrection.keyId);
      else if (answer.correction !== undefined) refusePlainWhenRequired(context);
      const record: NonNullable<StoredMinutes['answer']> = {
        answeredAt: context.now(),
        decision: answer.decision,
        ...(answer.correction !== undefined ? { correction: answer.correction } : {}),
        ...(answer.encryptedCorrection ? { encryptedCorrection: answer.encryptedCorrection } : {}),
      };
      const status = answer.decision === 'approve' ? 'approved' : 'correction-requested';
      // Only the latest version, and only while it is a draft: one answer, never a second.
      const audit = [entry({ kind: 'reporter' }, undefined, status === 'approved' ? 'minutes-approved' : 'minutes-correction-requested', { version: answer.version })];
      if (!(await store.answerMinutes(auth.caseId, { version: answer.version, status, answer: record }, audit))) {
        const exists = (await store.minutes(auth.caseId)).length > 0;
        throw new ProblemError(exists ? 'minutes-answered' : 'not-found');
      }
      const latest = (await store.minutes(auth.caseId)).at(-1)!;
      return reply.code(201).send(followUpMinutes(latest));
    },
    followUp,
  );
}
