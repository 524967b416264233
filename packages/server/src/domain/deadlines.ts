// Deadlines of EU Directive 2019/1937 art. 9 (Dutch Wbk): acknowledge within 7 days of receipt;
// give feedback within 3 months of the acknowledgement or, without one, of the end of the 7 days.
import type { Schema } from '@weerbaar/spec';

export const ACKNOWLEDGE_WITHIN_DAYS = 7;
export const FEEDBACK_WITHIN_MONTHS = 3;
export const LEGAL_BASIS = 'EU Directive 2019/1937 art. 9; Wet bescherming klokkenluiders';

const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(at: string, days: number): string {
  return new Date(Date.parse(at) + days * DAY_MS).toISOString();
}

/** Calendar months in UTC; a day that does not exist in the target month becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addCalendarMonths(at: string, months: number): string {
  const date = new Date(at);
  const day = date.getUTCDate();
  const target = new Date(date);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString();
}

export function deadlinesOnReceipt(receivedAt: string): { acknowledgeDueAt: string; feedbackDueAt: string } {
  const acknowledgeDueAt = addDays(receivedAt, ACKNOWLEDGE_WITHIN_DAYS);
  return { acknowledgeDueAt, feedbackDueAt: addCalendarMonths(acknowledgeDueAt, FEEDBACK_WITHIN_MONTHS) };
}

export function feedbackDueAfterAcknowledgement(acknowledgedAt: string): string {
  return addCalendarMonths(acknowledgedAt, FEEDBACK_WITHIN_MONTHS);
}

export interface DeadlineState {
  acknowledgeDueAt: string;
  acknowledgedAt?: string;
  feedbackDueAt: string;
  feedbackGivenAt?: string;
}

/** The deadlines as the API shows them, with the overdue flags at `now`. */
export function deadlinesAt(state: DeadlineState, now: string): Schema<'Deadlines'> {
  return {
    acknowledgeDueAt: state.acknowledgeDueAt,
    ...(state.acknowledgedAt ? { acknowledgedAt: state.acknowledgedAt } : {}),
    feedbackDueAt: state.feedbackDueAt,
    ...(state.feedbackGivenAt ? { feedbackGivenAt: state.feedbackGivenAt } : {}),
    acknowledgeOverdue: !state.acknowledgedAt && state.acknowledgeDueAt < now,
    feedbackOverdue: !state.feedbackGivenAt && state.feedbackDueAt < now,
  };
}
