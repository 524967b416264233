// Protocols and tasks (contract 1.2, caseManagement.protocols): the organisation's protocols for
// handlers, a case's tasks, and ticking a task off (or opening it again) with who and when, each
// tick recorded in the case's audit trail in the same transaction; the people a report affected, by
// role, as the handler who opened it records them (a sealed report carries none in the clear).
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance } from 'fastify';
import { newAuditEntry } from '../domain/audit.js';
import { caseAnswer } from '../domain/case-record.js';
import { familyTasksToAdd, taskView } from '../domain/protocol-tasks.js';
import { liveCase } from '../domain/retention.js';
import { vary } from '../http/headers.js';
import { negotiateLanguage } from '../http/language.js';
import { defineOperation, type ApiRoutesOptions, type OperationCall } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import { taskOverdueJobs } from '../notifications/task-notices.js';
import { callerOperation, type Caller } from '../security/caller.js';

export async function protocolRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { store } = context;
  const options = callerOperation(context);
  const fallback = context.content.locales.default;

  const byCaller = (caller: Caller, at: string, action: string, details: Schema<'AuditDetails'>) =>
    newAuditEntry(context, { actor: caller.actor, ...(caller.sessionId ? { sessionId: caller.sessionId } : {}), at, action, details });

  /** The language of the answer, with the headers that say so. */
  function answerLanguage({ params, request, reply }: OperationCall<'getProtocols' | 'listCaseTasks' | 'setTaskStatus', Caller>): string {
    const language = negotiateLanguage(context.content.locales, params.lang, request.headers['accept-language']);
    reply.header('Content-Language', language);
    vary(reply, 'Accept-Language');
    return language;
  }

  defineOperation(app, context, 'getProtocols', async (call) => context.protocols.collection(answerLanguage(call)), options);

  defineOperation(
    app,
    context,
    'listCaseTasks',
    async (call) => {
      await liveCase(context, call.params.caseId);
      const language = answerLanguage(call);
      return { items: (await store.tasks(call.params.caseId)).map((task) => taskView(task, language, fallback)) };
    },
    options,
  );

  defineOperation(
    app,
    context,
    'setTaskStatus',
    async (call) => {
      const { caseId, taskId } = call.params;
      const { status } = call.body;
      await liveCase(context, caseId);
      const language = answerLanguage(call);
      const find = async () => (await store.tasks(caseId)).find((task) => task.taskId === taskId);
      if (!(await find())) throw new ProblemError('not-found');
      const at = context.now();
      const { auth } = call;
      const entry = byCaller(auth, at, status === 'done' ? 'task-done' : 'task-reopened', { taskId });
      // A task that already has this status changes nothing and records nothing.
      await store.setTaskStatus(caseId, { taskId, status, at, by: auth.actor }, [entry]);
      return taskView((await find())!, language, fallback);
    },
    options,
  );

  defineOperation(
    app,
    context,
    'setAffectedPeople',
    async ({ params, body, auth }) => {
      const { caseId } = params;
      const found = await liveCase(context, caseId);
      const tasks = familyTasksToAdd(context.protocols, found, context.config.organisation.timeZone, body.affectedPeople, await store.tasks(caseId));
      const at = context.now();
      // The roles stay out of the trail: auditors see no content, and who was threatened is content.
      const entry = byCaller(auth, at, 'affected-people-recorded', { tasksAdded: tasks.length });
      // The added tasks' overdue notices go in with them.
      await store.recordAffectedPeople(caseId, { affectedPeople: body.affectedPeople, tasks, at, jobs: taskOverdueJobs(caseId, tasks) }, [entry]);
      return caseAnswer(context, caseId);
    },
    options,
  );
}
