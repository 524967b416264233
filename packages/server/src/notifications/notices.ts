// Notices to the people who handle reports: a new report, acknowledgement due, feedback due, a
// deadline passed. Each is a job in the job table, scheduled with the report in the same
// transaction and run by whichever instance claims it (jobs/job-runner.ts); at its time it looks
// at the case as it is then — closed, already acknowledged, feedback already given: no notice;
// its time moved (an acknowledgement moves the feedback deadline): it waits until then — and
// hands the mail (and the signed webhook event, when configured) to delivery jobs of their own, so
// that a mail server or receiver that is away is retried alone.
import type { ServerConfig } from '../config.js';
import { addDays, feedbackDueAfterAcknowledgement } from '../domain/deadlines.js';
import { DONE, type JobHandler, type JobOutcome } from '../jobs/job-runner.js';
import type { JobQueue, NewJob } from '../storage/job-queue.js';
import type { StoredCase } from '../storage/store.js';
import { noticeMail, type MailTransport } from './mail.js';
import { caseEvent, deliverWebhook, newEventId } from './webhooks.js';

export const NOTICE_KINDS = ['received', 'acknowledgement-due', 'acknowledgement-overdue', 'feedback-due', 'feedback-overdue'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Job kinds. */
export const NOTICE_JOB = 'case-notice';
export const MAIL_JOB = 'notice-mail';
export const WEBHOOK_JOB = 'notice-webhook';

type NoticeSettings = Pick<ServerConfig['notifications'], 'acknowledgementDueWithinDays' | 'feedbackDueWithinDays'>;

interface CaseClocks {
  status: StoredCase['status'];
  receivedAt: string;
  acknowledgeDueAt: string;
  acknowledgedAt?: string;
  feedbackDueAt: string;
  feedbackGivenAt?: string;
}

/** The deadline a notice is about, and when it is sent for the case as it is now; undefined when it no longer applies. */
export function noticeTiming(kind: NoticeKind, c: CaseClocks, settings: NoticeSettings): { sendAt: string; dueAt?: string } | undefined {
  if (c.status === 'closed') return undefined;
  switch (kind) {
    case 'received':
      return { sendAt: c.receivedAt };
    case 'acknowledgement-due':
      return c.acknowledgedAt ? undefined : { sendAt: addDays(c.acknowledgeDueAt, -settings.acknowledgementDueWithinDays), dueAt: c.acknowledgeDueAt };
    case 'acknowledgement-overdue':
      return c.acknowledgedAt ? undefined : { sendAt: c.acknowledgeDueAt, dueAt: c.acknowledgeDueAt };
    case 'feedback-due':
      return c.feedbackGivenAt ? undefined : { sendAt: addDays(c.feedbackDueAt, -settings.feedbackDueWithinDays), dueAt: c.feedbackDueAt };
    case 'feedback-overdue':
      return c.feedbackGivenAt ? undefined : { sendAt: c.feedbackDueAt, dueAt: c.feedbackDueAt };
  }
}

/**
 * The notice jobs of a new case. The feedback notices are scheduled for the earliest their
 * deadline can be (an acknowledgement at once gives receipt + 3 months); at that time they look
 * at the deadline as it is then and wait for it when it is later.
 */
export function noticeJobs(caseId: string, c: Omit<CaseClocks, 'status'>, settings: NoticeSettings): NewJob[] {
  const earliestFeedbackDue = feedbackDueAfterAcknowledgement(c.receivedAt);
  const earliest = { ...c, status: 'received' as const, feedbackDueAt: earliestFeedbackDue };
  return NOTICE_KINDS.map((kind) => ({
    kind: NOTICE_JOB,
    key: `notice:${kind}:${caseId}`,
    payload: { caseId, notice: kind },
    runAt: noticeTiming(kind, earliest, settings)!.sendAt,
  }));
}

export interface NoticeDependencies {
  queue: JobQueue;
  getCase(caseId: string): Promise<StoredCase | undefined>;
  settings: ServerConfig['notifications'];
  /**
   * Who is mailed about a case: the people with access to it. Without this, or when nobody with
   * access has an address, the configured `settings.recipients`.
   */
  recipientsFor?(caseId: string): Promise<string[]>;
  organisation: string;
  consoleUrl: () => string;
  /** None: the notices are decided and recorded, but no mail goes out. */
  transport: MailTransport | undefined;
  /** Where signed events go as well, when configured. */
  webhook?: { url: string; secretBytes: Buffer; source: () => string };
  now: () => number;
}

function isNoticeKind(value: unknown): value is NoticeKind {
  return (NOTICE_KINDS as readonly unknown[]).includes(value);
}

/** The job handlers of notices and their mails. */
export function noticeHandlers(deps: NoticeDependencies): Record<string, JobHandler> {
  const iso = () => new Date(deps.now()).toISOString();

  /** What a notice should do now: nothing (it no longer applies, or a later notice covers it), wait, or go out. */
  async function decide(caseId: string, notice: NoticeKind): Promise<JobOutcome | { send: StoredCase; dueAt?: string }> {
    const found = await deps.getCase(caseId);
    const timing = found && noticeTiming(notice, found, deps.settings);
    if (!found || !timing) return DONE;
    const now = iso();
    if (now < timing.sendAt) return { later: timing.sendAt };
    // A "due" notice that comes after its deadline (the server was down) is replaced by the overdue one.
    if (notice.endsWith('-due') && timing.dueAt && timing.dueAt <= now) return DONE;
    return { send: found, ...(timing.dueAt ? { dueAt: timing.dueAt } : {}) };
  }

  return {
    [NOTICE_JOB]: async (job) => {
      const { caseId, notice } = job.payload;
      if (typeof caseId !== 'string' || !isNoticeKind(notice)) return DONE;
      const decision = await decide(caseId, notice);
      if (!('send' in decision)) return decision;
      const deliveries: NewJob[] = [{ kind: MAIL_JOB, key: `mail:${notice}:${caseId}`, payload: { caseId, notice }, runAt: iso() }];
      // The event's id and time are fixed now, so that every retry sends the same event.
      if (deps.webhook) deliveries.push({ kind: WEBHOOK_JOB, key: `webhook:${notice}:${caseId}`, payload: { caseId, notice, eventId: newEventId(), time: iso() }, runAt: iso() });
      await deps.queue.enqueue(deliveries, iso());
      return DONE;
    },
    [MAIL_JOB]: async (job) => {
      const { caseId, notice } = job.payload;
      if (typeof caseId !== 'string' || !isNoticeKind(notice)) return DONE;
      const found = await deps.getCase(caseId);
      // Closed since the notice decided: a closed case gets no notice.
      if (!found || found.status === 'closed') return DONE;
      const { transport } = deps;
      if (!transport) return DONE;
      // Read when the mail goes out: whoever was excluded or lost access meanwhile is not mailed.
      const people = (await deps.recipientsFor?.(caseId)) ?? [];
      const recipients = people.length > 0 ? people : deps.settings.recipients;
      if (recipients.length === 0 && transport.needsRecipients) return DONE;
      const dueAt = noticeTiming(notice, found, deps.settings)?.dueAt;
      const facts = { kind: notice, reference: found.reference, ...(dueAt ? { dueAt } : {}), organisation: deps.organisation, consoleUrl: deps.consoleUrl() };
      await transport.send(noticeMail(facts, recipients));
      return DONE;
    },
    [WEBHOOK_JOB]: async (job) => {
      const { caseId, notice, eventId, time } = job.payload;
      if (!deps.webhook || typeof caseId !== 'string' || !isNoticeKind(notice) || typeof eventId !== 'string' || typeof time !== 'string') return DONE;
      const found = await deps.getCase(caseId);
      if (!found || found.status === 'closed') return DONE;
      await deliverWebhook(deps.webhook.url, deps.webhook.secretBytes, caseEvent(notice, found, eventId, time, deps.webhook.source()), deps.now());
      return DONE;
    },
  };
}
