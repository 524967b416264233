// A notice when a protocol task becomes overdue (issue 16 item 2): one job per task, made with the
// task and keyed by it (so each task is noticed once, however many instances run), due when the
// task is. At its time it looks at the task as it is then — done, or its case closed (but for an
// aftercare check-in's task) or deleted: no notice — and mails the people of the task's group who
// may work the case (else everyone who may work it, else the configured addresses) that "a task on
// case WB-… is overdue", with the console link: no title, no step, nothing of the case.
import type { ServerConfig } from '../config.js';
import { AFTERCARE_PROTOCOL_ID } from '../domain/protocol-tasks.js';
import { DONE, type JobHandler } from '../jobs/job-runner.js';
import type { NewJob } from '../storage/job-queue.js';
import type { StoredCase, StoredTask } from '../storage/store.js';
import { noticeMail, type MailTransport } from './mail.js';

export const TASK_OVERDUE_JOB = 'task-overdue';

/** The jobs that notice the tasks of a case when they become overdue. */
export function taskOverdueJobs(caseId: string, tasks: readonly Pick<StoredTask, 'taskId' | 'dueAt'>[]): NewJob[] {
  return tasks.map((task) => ({ kind: TASK_OVERDUE_JOB, key: `task-overdue:${task.taskId}`, payload: { caseId, taskId: task.taskId }, runAt: task.dueAt }));
}

export interface TaskNoticeDependencies {
  getCase(caseId: string): Promise<StoredCase | undefined>;
  tasks(caseId: string): Promise<StoredTask[]>;
  /** The addresses of the group's people who may work the case. */
  groupRecipients(caseId: string, groupId: string): Promise<string[]>;
  /** The addresses of everyone who may work the case. */
  caseRecipients(caseId: string): Promise<string[]>;
  settings: Pick<ServerConfig['notifications'], 'recipients'>;
  organisation: string;
  consoleUrl: () => string;
  transport: MailTransport | undefined;
  now: () => number;
}

export function taskOverdueHandler(deps: TaskNoticeDependencies): JobHandler {
  return async (job) => {
    const { caseId, taskId } = job.payload;
    if (typeof caseId !== 'string' || typeof taskId !== 'string') return DONE;
    const found = await deps.getCase(caseId);
    const task = found ? (await deps.tasks(caseId)).find((candidate) => candidate.taskId === taskId) : undefined;
    // A closed case's tasks rest, except aftercare's: its check-ins go on after the closing.
    if (!found || !task || task.status === 'done' || (found.status === 'closed' && task.protocolId !== AFTERCARE_PROTOCOL_ID)) return DONE;
    if (new Date(deps.now()).toISOString() < task.dueAt) return { later: task.dueAt };
    const { transport } = deps;
    if (!transport) return DONE;
    const group = await deps.groupRecipients(caseId, task.ownerGroupId);
    const people = group.length > 0 ? group : await deps.caseRecipients(caseId);
    const recipients = people.length > 0 ? people : deps.settings.recipients;
    if (recipients.length === 0 && transport.needsRecipients) return DONE;
    const facts = { kind: 'task-overdue' as const, reference: found.reference, dueAt: task.dueAt, organisation: deps.organisation, consoleUrl: deps.consoleUrl() };
    await transport.send(noticeMail(facts, recipients));
    return DONE;
  };
}
