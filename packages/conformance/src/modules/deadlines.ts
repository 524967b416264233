// The deadlines a new report is answered with (acknowledge within 7 days, feedback within 3 months).
import type { ConformanceModule, RunContext } from '../context.js';
import { addDays, addMonths, deadlineProblem } from '../deadlines.js';

export const ACKNOWLEDGE_DUE = 'WRA-DL-01';
export const FEEDBACK_DUE = 'WRA-DL-02';

export function deadlinePolicy(context: RunContext): { days: number; months: number } {
  return { days: context.discovery?.deadlines.acknowledgeWithinDays ?? 7, months: context.discovery?.deadlines.feedbackWithinMonths ?? 3 };
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const { days, months } = deadlinePolicy(context);
  const tolerance = context.settings.deadlineToleranceSeconds;
  if (context.reports.length === 0) {
    record.skip(ACKNOWLEDGE_DUE, 'no report was accepted');
    record.skip(FEEDBACK_DUE, 'no report was accepted');
    return;
  }
  for (const { receipt } of context.reports) {
    const received = new Date(receipt.receivedAt);
    const acknowledge = deadlineProblem(receipt.acknowledgeDueAt, addDays(received, days), tolerance);
    record.expect(
      ACKNOWLEDGE_DUE,
      acknowledge === undefined,
      `acknowledgeDueAt ${acknowledge} (receivedAt ${receipt.receivedAt} + ${days} days)`,
      undefined,
      `acknowledgeDueAt is receivedAt + ${days} days on every receipt`,
    );
    const feedback = deadlineProblem(receipt.feedbackDueAt, addMonths(new Date(receipt.acknowledgeDueAt), months), tolerance, true);
    record.expect(
      FEEDBACK_DUE,
      feedback === undefined,
      `feedbackDueAt ${feedback} (acknowledgeDueAt + ${months} months, as no acknowledgement was sent yet)`,
      undefined,
      `feedbackDueAt is ${months} months after the end of the acknowledgement period on every receipt`,
    );
  }
}

export const deadlinesModule: ConformanceModule = {
  id: 'deadlines',
  profile: 'core',
  title: 'Deadlines of a new report',
  checks: [
    {
      id: ACKNOWLEDGE_DUE,
      title: 'acknowledgeDueAt is receivedAt plus the advertised days (at most 7).',
      requirement: 'info.description "Deadlines"; components.schemas.DeadlinePolicy',
      adr: ['/core/date-time/timezone'],
      severity: 'MUST',
    },
    {
      id: FEEDBACK_DUE,
      title: 'Before acknowledgement, feedbackDueAt is 3 months after the end of the 7-day period.',
      requirement: 'info.description "Deadlines"',
      severity: 'MUST',
    },
  ],
  run,
};
