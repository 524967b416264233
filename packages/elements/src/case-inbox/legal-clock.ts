import type { CaseSummary } from '@weerbaar/sdk';

/** Which legal duty a case waits for: acknowledging receipt (7 days) or giving feedback (3 months). */
export type DeadlineKind = 'acknowledge' | 'feedback';

/** The next duty of a case and how much time is left for it, in calendar days. */
export interface LegalClock {
  kind: DeadlineKind;
  dueAt: Date;
  /** Calendar days from today until the due day (0: due today); negative once past. */
  daysLeft: number;
  overdue: boolean;
}

const DAY_MS = 86_400_000;

/** The calendar day of `date` in `timeZone` (the browser's own when absent), as days since 1970. */
function calendarDay(date: Date, timeZone?: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const part = (type: string) => Number(parts.find((item) => item.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS;
}

/**
 * The duty a case waits for now: the acknowledgement until it was sent, then feedback until it was
 * given; none after that. Counted in calendar days, so a report received 6 days ago and not
 * acknowledged has "1 day left", whatever the hour; it is overdue as soon as the moment passed
 * (or the backend says so).
 */
export function legalClock(deadlines: CaseSummary['deadlines'], now: Date, timeZone?: string): LegalClock | undefined {
  const open: [DeadlineKind, string, boolean] | undefined = !deadlines.acknowledgedAt
    ? ['acknowledge', deadlines.acknowledgeDueAt, deadlines.acknowledgeOverdue]
    : !deadlines.feedbackGivenAt
      ? ['feedback', deadlines.feedbackDueAt, deadlines.feedbackOverdue]
      : undefined;
  if (!open) return undefined;
  const [kind, due, overdueByBackend] = open;
  const dueAt = new Date(due);
  if (Number.isNaN(dueAt.getTime())) return undefined;
  return {
    kind,
    dueAt,
    daysLeft: calendarDay(dueAt, timeZone) - calendarDay(now, timeZone),
    overdue: overdueByBackend || dueAt.getTime() < now.getTime(),
  };
}
