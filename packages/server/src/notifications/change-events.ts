// Webhook events for the changes of a case — acknowledged, feedback given, closed, deleted. Each is
// a job carrying the case's id and reference (never content), enqueued in the same transaction as
// the change itself: an event goes out exactly when its change committed, and a change that rolled
// back sends nothing. The event's id and time are fixed at enqueueing, so every retry sends the same
// event. The job delivers what it carries and does not read the case (a deleted case is gone).
import { DONE, type JobHandler } from '../jobs/job-runner.js';
import type { NewJob } from '../storage/job-queue.js';
import type { CaseChange } from '../storage/store.js';
import { CHANGE_EVENT_TYPES, changeEvent, deliverWebhook, newEventId, type CaseChangeKind } from './webhooks.js';

export const CHANGE_EVENT_JOB = 'change-webhook';

/** The events of `kinds` for the case, as jobs (none when no webhook receiver is configured). */
export function changeEventJobs(webhookOn: boolean, kinds: CaseChangeKind[], c: { id: string; reference: string }, at: string): NewJob[] {
  if (!webhookOn) return [];
  return kinds.map((change) => {
    const eventId = newEventId();
    return { kind: CHANGE_EVENT_JOB, key: `webhook:${change}:${c.id}:${eventId}`, payload: { change, caseId: c.id, reference: c.reference, eventId, time: at }, runAt: at };
  });
}

/** Which of the announced changes a change of a case makes: a first acknowledgement or feedback stamps its clock; closing sets the status. */
export function changesMade(change: CaseChange): CaseChangeKind[] {
  const set = change.set ?? {};
  return [
    ...(set.acknowledgedAt ? (['acknowledged'] as const) : []),
    ...(set.feedbackGivenAt ? (['feedback-given'] as const) : []),
    ...(set.status === 'closed' ? (['closed'] as const) : []),
  ];
}

/** The change with its events' jobs added, to commit together (store.changeCase). */
export function withChangeEvents(webhookOn: boolean, c: { id: string; reference: string }, change: CaseChange, at: string): CaseChange {
  const jobs = changeEventJobs(webhookOn, changesMade(change), c, at);
  return jobs.length ? { ...change, jobs: [...(change.jobs ?? []), ...jobs] } : change;
}

function isChangeKind(value: unknown): value is CaseChangeKind {
  return typeof value === 'string' && Object.hasOwn(CHANGE_EVENT_TYPES, value);
}

/** Delivers a change event; without a configured receiver (removed since it was enqueued) there is nothing to do. */
export function changeEventHandler(webhook: { url: string; secretBytes: Buffer; source: () => string } | undefined, now: () => number): JobHandler {
  return async (job) => {
    const { change, caseId, reference, eventId, time } = job.payload;
    if (!webhook || !isChangeKind(change) || typeof caseId !== 'string' || typeof reference !== 'string' || typeof eventId !== 'string' || typeof time !== 'string') return DONE;
    await deliverWebhook(webhook.url, webhook.secretBytes, changeEvent({ change, caseId, reference, eventId, time }, webhook.source()), now());
    return DONE;
  };
}
