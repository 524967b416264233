// Deadline arithmetic of EU Directive 2019/1937 art. 9, in UTC, and how far an answered
// deadline may be from the computed one.

const DAY_MS = 86_400_000;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** Calendar months in UTC; a day that does not exist in the target month becomes its last day. */
export function addMonths(at: Date, months: number): Date {
  const result = new Date(at.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** Month lengths differ: computing "3 months" from a slightly different base may land up to 3 days earlier. */
const MONTH_ARITHMETIC_SLACK_MS = 3 * DAY_MS;

/**
 * Why `answered` is not the deadline `expected`, or undefined when it is. A deadline may be a
 * little earlier than computed (month arithmetic), never later than the tolerance.
 */
export function deadlineProblem(answered: string | undefined, expected: Date, toleranceSeconds: number, months = false): string | undefined {
  if (!answered) return 'is missing';
  const at = Date.parse(answered);
  if (Number.isNaN(at)) return `"${answered}" is not a date-time`;
  const tolerance = toleranceSeconds * 1000;
  const earliest = expected.getTime() - tolerance - (months ? MONTH_ARITHMETIC_SLACK_MS : 0);
  const latest = expected.getTime() + tolerance;
  if (at > latest) return `is ${answered}, later than ${expected.toISOString()}`;
  if (at < earliest) return `is ${answered}, much earlier than ${expected.toISOString()}`;
  return undefined;
}
