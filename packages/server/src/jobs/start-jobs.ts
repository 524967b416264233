// The job runner of a serving instance, with the handlers of every kind of job: the notices, their
// mails and webhook events, the change events (notifications/). Every instance runs one; the job table makes sure each
// job runs once. CLI commands beside the server (token create, migrate) run none.
import type { FastifyBaseLogger } from 'fastify';
import type { ServerContext } from '../context.js';
import { outboxTransport, smtpTransport, type MailTransport } from '../notifications/mail.js';
import { CHANGE_EVENT_JOB, changeEventHandler } from '../notifications/change-events.js';
import { noticeHandlers, WEBHOOK_JOB } from '../notifications/notices.js';
import { TASK_OVERDUE_JOB, taskOverdueHandler } from '../notifications/task-notices.js';
import { WEBHOOK_RETRY_DELAYS_MS, webhookSecretBytes } from '../notifications/webhooks.js';
import { jobQueue } from '../storage/job-queue.js';
import { mailOutboxFor } from '../storage/mail-outbox.js';
import { sqlRunnerFor } from '../storage/sql-runner.js';
import { consoleUrl } from '../domain/invitations.js';
import { JobRunner } from './job-runner.js';
import { CHECK_IN_JOB, checkInHandler } from '../domain/check-ins.js';
import { RETENTION_JOB, retentionHandler, retentionJob } from './retention-job.js';

export interface RunningJobs {
  stop(): Promise<void>;
}

/** SMTP when configured, else the demo outbox when it is on, else none (notices are not sent). */
export function mailTransport(context: ServerContext): MailTransport | undefined {
  const { smtp, demoOutbox } = context.config;
  if (smtp.url) return smtpTransport(smtp.url, smtp.from);
  return demoOutbox ? outboxTransport(mailOutboxFor(context.store), context.now) : undefined;
}

export function startJobs(context: ServerContext, log: FastifyBaseLogger): RunningJobs {
  const { config, store } = context;
  const queue = jobQueue(sqlRunnerFor(store));
  const transport = mailTransport(context);
  const webhook =
    config.webhooks.url && config.webhooks.secret
      ? { url: config.webhooks.url, secretBytes: webhookSecretBytes(config.webhooks.secret)!, source: () => `${context.publicUrl()}/v1` }
      : undefined;
  const notices = noticeHandlers({
    queue,
    getCase: (caseId) => store.getCase(caseId),
    settings: config.notifications,
    recipientsFor: (caseId) => context.people.caseNoticeRecipients(caseId),
    organisation: config.organisation.name,
    consoleUrl: () => consoleUrl(context),
    transport,
    ...(webhook ? { webhook } : {}),
    now: () => Date.parse(context.now()),
  });
  const handlers = {
    ...notices,
    [TASK_OVERDUE_JOB]: taskOverdueHandler({
      getCase: (caseId) => store.getCase(caseId),
      tasks: (caseId) => store.tasks(caseId),
      groupRecipients: (caseId, groupId) => context.people.taskNoticeRecipients(caseId, groupId),
      caseRecipients: (caseId) => context.people.caseNoticeRecipients(caseId),
      settings: config.notifications,
      organisation: config.organisation.name,
      consoleUrl: () => consoleUrl(context),
      transport,
      now: () => Date.parse(context.now()),
    }),
    [CHANGE_EVENT_JOB]: changeEventHandler(webhook, () => Date.parse(context.now())),
    [RETENTION_JOB]: retentionHandler(context, (message) => log.info(message)),
    [CHECK_IN_JOB]: checkInHandler(context),
  };
  const runner = new JobRunner(queue, handlers, {
    now: () => Date.parse(context.now()),
    leaseMs: config.jobs.leaseSeconds * 1000,
    pollMs: config.jobs.pollMilliseconds,
    maxAttempts: config.jobs.maxAttempts,
    retrySchedules: { [WEBHOOK_JOB]: WEBHOOK_RETRY_DELAYS_MS, [CHANGE_EVENT_JOB]: WEBHOOK_RETRY_DELAYS_MS },
    log: (message) => log.warn(message),
  });
  const recipients = config.notifications.recipients.length;
  log.info(
    transport
      ? `Notices go to the people with access to each case who have an e-mail address${recipients ? ` (else to ${recipients} configured address(es))` : ''} through ${transport.description}`
      : 'Notices are not mailed: set WEERBAAR_SMTP_URL (or WEERBAAR_DEMO_OUTBOX=true for a demo)',
  );
  // Every instance offers the one retention job; the first wins (its key is fixed), the rest change nothing.
  const offered = queue.enqueue([retentionJob(context.now())], context.now()).catch((error: unknown) => log.warn(`retention job not enqueued: ${(error as Error).message}`));
  runner.start();
  return {
    async stop() {
      await offered;
      await runner.stop();
      transport?.close();
    },
  };
}
