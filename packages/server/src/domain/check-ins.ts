// Aftercare check-ins (contract 1.2, caseManagement.protocols): scheduled from the protocol in the
// transaction that creates the case (default 1, 7, 30 and 90 days), answered by the reporter in
// follow-up, stopped by the reporter, and outliving the case's closing. One job per check-in, due
// when the check-in is, and one more the moment a worrying answer arrives, turns "not well",
// "unsafe", "I want contact" or no answer by the due time into a task for the caretaker's group:
// within a poll of the job runner, so well within the hour.
import type { Schema } from '@weerbaar/spec';
import type { ServerContext } from '../context.js';
import { DONE, type JobHandler } from '../jobs/job-runner.js';
import { taskOverdueJobs } from '../notifications/task-notices.js';
import { randomId } from '../security/tokens.js';
import type { NewJob } from '../storage/job-queue.js';
import type { StoredCase, StoredCheckIn, StoredTask } from '../storage/store.js';
import { newAuditEntry } from './audit.js';
import { AFTERCARE_PROTOCOL_ID, dueAtEndOfDay, zoneOffsetMs } from './protocol-tasks.js';
import type { ProtocolCatalogue } from '../content/protocol-catalogue.js';

export const CHECK_IN_JOB = 'check-in';
const DAY_MS = 86_400_000;

/** The job that looks at a check-in at `runAt`: at its due time, or at once after a worrying answer. */
export function checkInJob(checkInId: string, runAt: string, trigger: 'due' | 'answer'): NewJob {
  return { kind: CHECK_IN_JOB, key: `check-in:${trigger}:${checkInId}`, payload: { checkInId }, runAt };
}

/** The check-ins of a new case and their jobs; none when its protocol has no schedule. */
export function checkInsForNewCase(
  protocols: ProtocolCatalogue,
  stored: Pick<StoredCase, 'category' | 'role' | 'receivedAt'>,
  timeZone: string,
): { checkIns: StoredCheckIn[]; jobs: NewJob[] } {
  const schedule = protocols.protocolFor(stored.category, stored.role)?.values().next().value?.checkIns;
  if (!schedule) return { checkIns: [], jobs: [] };
  const checkIns = schedule.offsets.map((offset) => {
    const days = Number(/^P(\d+)D$/.exec(offset)![1]);
    return {
      checkInId: randomId('ci_'),
      opensAt: new Date(Date.parse(stored.receivedAt) + days * DAY_MS).toISOString(),
      dueAt: dueAtEndOfDay(stored.receivedAt, `P${days + schedule.answerWithinDays}D`, timeZone),
      ownerGroupId: schedule.ownerGroupId,
    };
  });
  return { checkIns, jobs: checkIns.map((checkIn) => checkInJob(checkIn.checkInId, checkIn.dueAt, 'due')) };
}

/** The days (YYYY-MM-DD, in the organisation's time zone) the check-ins open: dates only, for the receipt's calendar file. */
export function checkInDays(checkIns: readonly Pick<StoredCheckIn, 'opensAt'>[], timeZone: string): string[] {
  return checkIns.map(({ opensAt }) => {
    const at = Date.parse(opensAt);
    return new Date(at + zoneOffsetMs(at, timeZone)).toISOString().slice(0, 10);
  });
}

/**
 * The days of the check-ins still to come, for the follow-up's calendar file: from today (in the
 * organisation's time zone) on, without the ones answered or stopped; empty after the last one.
 */
export function comingCheckInDays(checkIns: readonly StoredCheckIn[], now: string, timeZone: string): string[] {
  const [today] = checkInDays([{ opensAt: now }], timeZone);
  const waiting = checkIns.filter((checkIn) => !checkIn.answeredAt && !checkIn.cancelledAt);
  return checkInDays(waiting, timeZone).filter((day) => day >= today!);
}

export function checkInStatus(checkIn: StoredCheckIn, now: string): Schema<'CheckInStatus'> {
  if (checkIn.answeredAt) return 'answered';
  if (checkIn.cancelledAt) return 'cancelled';
  if (now < checkIn.opensAt) return 'scheduled';
  return now >= checkIn.dueAt ? 'missed' : 'open';
}

/** An answer the caretaker must act on: not well, not safe, or asking for contact. */
export function worries(answer: Schema<'CheckInAnswer'>): boolean {
  return answer.wellbeing === 'not-well' || answer.feelsSafe === 'no' || answer.wantsContact;
}

/** The reporter's view: dates and status, never the task or the group. */
export function followUpCheckIn(checkIn: StoredCheckIn, now: string): Schema<'FollowUpCheckIn'> {
  const { checkInId, opensAt, dueAt, answeredAt } = checkIn;
  return { checkInId, opensAt, dueAt, status: checkInStatus(checkIn, now), ...(answeredAt ? { answeredAt } : {}) };
}

/** The handlers' view, with the answer and the task it became. */
export function caseCheckIn(checkIn: StoredCheckIn, now: string): Schema<'CaseCheckIn'> {
  return { ...followUpCheckIn(checkIn, now), ...(checkIn.answer ? { answer: checkIn.answer } : {}), ...(checkIn.taskId ? { taskId: checkIn.taskId } : {}) };
}

const TASK_TITLES = {
  worry: { nl: 'Nazorg: de melder vraagt aandacht na een check-in', en: 'Aftercare: the reporter needs attention after a check-in' },
  missed: { nl: 'Nazorg: check-in niet beantwoord, neem contact op', en: 'Aftercare: check-in not answered, get in touch' },
} as const;

/** How soon the caretaker acts on a check-in's task (the issue: "a task for the caretaker within the hour"). */
const CHECK_IN_TASK_WITHIN_MS = 3_600_000;

/**
 * The task a check-in becomes, its id made from the check-in's so that it is made once. Due within
 * the hour, so the overdue notice (one content-free mail per task) follows if nobody ticks it off.
 */
function checkInTask(checkIn: StoredCheckIn, reason: keyof typeof TASK_TITLES, now: string): StoredTask {
  return {
    taskId: `t_${checkIn.checkInId}`,
    protocolId: AFTERCARE_PROTOCOL_ID,
    stepId: `check-in-${reason}`,
    titles: { ...TASK_TITLES[reason] },
    ownerGroupId: checkIn.ownerGroupId,
    dueAt: new Date(Date.parse(now) + CHECK_IN_TASK_WITHIN_MS).toISOString(),
    status: 'open',
    visibleToReporter: false,
  };
}

/** Runs a check-in's job: a task when the answer worries or none came by the due time; later when it is not due yet. */
export function checkInHandler(context: Pick<ServerContext, 'store' | 'now' | 'spec'>): JobHandler {
  return async (job) => {
    const checkIn = await context.store.checkIn(String(job.payload.checkInId));
    // Deleted with its case, stopped, or already a task: nothing to do.
    if (!checkIn || checkIn.cancelledAt || checkIn.taskId) return DONE;
    const now = context.now();
    if (!checkIn.answer && now < checkIn.dueAt) return { later: checkIn.dueAt };
    const reason = checkIn.answer ? (worries(checkIn.answer) ? 'worry' : undefined) : 'missed';
    if (!reason) return DONE;
    const task = checkInTask(checkIn, reason, now);
    const entry = newAuditEntry(context, { actor: { kind: 'system' }, at: now, action: 'check-in-task-made', details: { taskId: task.taskId, reason } });
    await context.store.addCheckInTask(checkIn.caseId, checkIn.checkInId, task, { at: now, jobs: taskOverdueJobs(checkIn.caseId, [task]) }, [entry]);
    return DONE;
  };
}
