// Statistics for the council's annual report (contract 1.1, `caseManagement.statistics`): cases
// received in a period, per category and role, and how the two legal clocks were kept. Nothing
// about a single case: every count under the minimum cell count is suppressed, and so is every
// figure computed from fewer cases; a breakdown with one suppressed cell beside a shown total loses
// its next smallest cell too, so no number can be worked out by subtraction.
import type { Schema } from '@weerbaar/spec';

export type ReporterRole = Schema<'ReporterRole'>;
export type ReportCategory = Schema<'ReportCategory'>;

/** What statistics read of a case: its codes and its clocks, never its content. */
export interface CaseClocks {
  category: ReportCategory;
  role: ReporterRole;
  receivedAt: string;
  acknowledgeDueAt: string;
  acknowledgedAt?: string;
  feedbackDueAt: string;
  feedbackGivenAt?: string;
}

export interface Period {
  period: string;
  startsOn: string;
  endsOn: string;
  /** The first instant of the period and the first after it (RFC 3339, UTC). */
  from: string;
  until: string;
}

const DAY_MS = 86_400_000;

/** The offset of `timeZone` from UTC at the instant `time`, in milliseconds. */
function zoneOffset(time: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(time));
  const value = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  return Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second')) - Math.floor(time / 1000) * 1000;
}

/** The instant a calendar day starts in `timeZone`. */
function startOfDay(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const guess = wall - zoneOffset(wall, timeZone);
  // Near a change of the clock the offset at the guess may differ from the offset at the wall time.
  return wall - zoneOffset(guess, timeZone);
}

/** A year (`2026`), quarter (`2026-Q3`) or month (`2026-07`) in the organisation's time zone. */
export function parsePeriod(period: string, timeZone: string): Period {
  const year = Number(period.slice(0, 4));
  const rest = period.slice(5);
  const [firstMonth, months] = rest === '' ? [1, 12] : rest.startsWith('Q') ? [(Number(rest.slice(1)) - 1) * 3 + 1, 3] : [Number(rest), 1];
  const endYear = year + Math.floor((firstMonth - 1 + months) / 12);
  const endMonth = ((firstMonth - 1 + months) % 12) + 1;
  const lastDay = new Date(Date.UTC(endYear, endMonth - 1, 1) - DAY_MS).toISOString().slice(0, 10);
  return {
    period,
    startsOn: `${period.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`,
    endsOn: lastDay,
    from: new Date(startOfDay(year, firstMonth, 1, timeZone)).toISOString(),
    until: new Date(startOfDay(endYear, endMonth, 1, timeZone)).toISOString(),
  };
}

type Count = Schema<'StatisticsCount'>;

/** A count cell before suppression. */
interface Cell {
  count: number;
  suppressed: boolean;
}

function cell(count: number, minimum: number): Cell {
  return { count, suppressed: count < minimum };
}

function shown(c: Cell): Count {
  return c.suppressed ? { suppressed: true } : { suppressed: false, count: c.count };
}

/**
 * Secondary suppression: in every group whose total is shown and that has exactly one suppressed
 * cell, the smallest other cell is suppressed too; repeated until nothing changes (a cell may sit
 * in two groups, a category's row and a role's column).
 */
function suppressComplements(groups: { total: Cell; cells: Cell[] }[]): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const { total, cells } of groups) {
      if (total.suppressed || cells.filter((c) => c.suppressed).length !== 1) continue;
      const next = cells.filter((c) => !c.suppressed).sort((a, b) => a.count - b.count)[0];
      if (next) {
        next.suppressed = true;
        changed = true;
      }
    }
  }
}

/** The nearest-rank percentile of sorted values. */
function nearestRank(sorted: number[], percentile: number): number {
  return sorted[Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1)]!;
}

function days(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / DAY_MS;
}

/** One clock: days from start to done over the cases that are done, and the share done in time. */
function clock(
  cases: CaseClocks[],
  minimum: number,
  now: string,
  start: (c: CaseClocks) => string,
  done: (c: CaseClocks) => string | undefined,
  due: (c: CaseClocks) => string,
): Schema<'ClockStatistics'> {
  const values = cases.flatMap((c) => (done(c) ? [Math.max(0, days(start(c), done(c)!))] : [])).sort((a, b) => a - b);
  const enough = values.length >= minimum;
  const figure = (value: () => number): Schema<'StatisticsDays'> => (enough ? { suppressed: false, days: Math.round(value() * 10) / 10 } : { suppressed: true });
  // The cases whose deadline has passed, or that met it already.
  const judged = cases.filter((c) => due(c) <= now || (done(c) !== undefined && done(c)! <= due(c)));
  const inTime = judged.filter((c) => done(c) !== undefined && done(c)! <= due(c)).length;
  return {
    cases: shown(cell(values.length, minimum)),
    medianDays: figure(() => nearestRank(values, 50)),
    p90Days: figure(() => nearestRank(values, 90)),
    withinDeadline: judged.length >= minimum ? { suppressed: false, share: Math.round((inTime / judged.length) * 1000) / 1000 } : { suppressed: true },
  };
}

/** The statistics of the cases received in `period` (`cases` holds exactly those). */
export function statistics(
  period: Period,
  cases: CaseClocks[],
  options: { minimumCellCount: number; categories: ReportCategory[]; roles: ReporterRole[]; now: string },
): Schema<'Statistics'> {
  const { minimumCellCount: minimum, categories, roles, now } = options;
  const count = (match: (c: CaseClocks) => boolean) => cell(cases.filter(match).length, minimum);
  const received = cell(cases.length, minimum);
  const byCategory = categories.map((category) => ({ category, cell: count((c) => c.category === category) }));
  const byRole = roles.map((role) => ({ role, cell: count((c) => c.role === role) }));
  const grid = categories.flatMap((category) => roles.map((role) => ({ category, role, cell: count((c) => c.category === category && c.role === role) })));
  suppressComplements([
    { total: received, cells: byCategory.map((entry) => entry.cell) },
    { total: received, cells: byRole.map((entry) => entry.cell) },
    ...byCategory.map((row) => ({ total: row.cell, cells: grid.filter((entry) => entry.category === row.category).map((entry) => entry.cell) })),
    ...byRole.map((column) => ({ total: column.cell, cells: grid.filter((entry) => entry.role === column.role).map((entry) => entry.cell) })),
  ]);
  return {
    period: period.period,
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    minimumCellCount: minimum,
    received: shown(received),
    byCategory: byCategory.map(({ category, cell: c }) => ({ category, received: shown(c) })),
    byRole: byRole.map(({ role, cell: c }) => ({ role, received: shown(c) })),
    byCategoryAndRole: grid.map(({ category, role, cell: c }) => ({ category, role, received: shown(c) })),
    acknowledgement: clock(cases, minimum, now, (c) => c.receivedAt, (c) => c.acknowledgedAt, (c) => c.acknowledgeDueAt),
    feedback: clock(cases, minimum, now, (c) => c.acknowledgedAt ?? c.acknowledgeDueAt, (c) => c.feedbackGivenAt, (c) => c.feedbackDueAt),
  };
}
