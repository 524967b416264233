// Aftercare check-ins (contract 1.2, caseManagement.protocols): the reporter lists them, answers an
// open one (the free text sealed when encryption is on, like a message) and can stop them all; the
// handlers read them with the answers. A worrying answer schedules its job at once, in the same
// transaction, so the caretaker's task follows within a poll of the job runner.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { newAuditEntry } from '../domain/audit.js';
import { caseCheckIn, checkInJob, followUpCheckIn, worries } from '../domain/check-ins.js';
import { refusePlainWhenRequired, requireCurrentKey } from '../domain/encryption-checks.js';
import { liveCase } from '../domain/retention.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import { callerOperation } from '../security/caller.js';
import { authenticateFollowUp } from './follow-up.js';

export async function checkInRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { store } = context;
  const followUp = {
    offered: () => context.config.caseManagement.enabled && context.config.followUp.enabled,
    authenticate: (request: FastifyRequest) => authenticateFollowUp(context, request),
  };
  const byReporter = (at: string, action: string, details: Record<string, string | boolean> = {}) => newAuditEntry(context, { actor: { kind: 'reporter' }, at, action, details });

  /** Stopped: every check-in was cancelled before it was answered, and there was one. */
  const stopped = (items: { cancelledAt?: string }[]) => items.some((checkIn) => checkIn.cancelledAt);

  defineOperation(
    app,
    context,
    'listFollowUpCheckIns',
    async ({ auth }) => {
      const items = await store.checkIns(auth.caseId);
      const now = context.now();
      return { items: items.map((checkIn) => followUpCheckIn(checkIn, now)), stopped: stopped(items) };
    },
    followUp,
  );

  defineOperation(
    app,
    context,
    'answerFollowUpCheckIn',
    async ({ params, body, auth }) => {
      const checkIn = (await store.checkIns(auth.caseId)).find((candidate) => candidate.checkInId === params.checkInId);
      if (!checkIn) throw new ProblemError('not-found');
      if (body.encryptedText) requireCurrentKey(context, body.encryptedText.keyId);
      else if (body.text !== undefined) refusePlainWhenRequired(context);
      const at = context.now();
      const jobs = worries(body) ? [checkInJob(checkIn.checkInId, at, 'answer')] : [];
      // The answer stays out of the trail: auditors see no content.
      const entry = byReporter(at, 'check-in-answered', { checkInId: checkIn.checkInId });
      if (!(await store.answerCheckIn(auth.caseId, checkIn.checkInId, { at, answer: body }, jobs, [entry]))) throw new ProblemError('check-in-not-open');
      return followUpCheckIn({ ...checkIn, answeredAt: at, answer: body }, at);
    },
    followUp,
  );

  defineOperation(
    app,
    context,
    'stopFollowUpCheckIns',
    async ({ reply, auth }) => {
      const at = context.now();
      await store.stopCheckIns(auth.caseId, at, [byReporter(at, 'check-ins-stopped')]);
      return reply.code(204).send();
    },
    followUp,
  );

  defineOperation(
    app,
    context,
    'listCaseCheckIns',
    async ({ params }) => {
      await liveCase(context, params.caseId);
      const items = await store.checkIns(params.caseId);
      const now = context.now();
      return { items: items.map((checkIn) => caseCheckIn(checkIn, now)), stopped: stopped(items) };
    },
    callerOperation(context),
  );
}
