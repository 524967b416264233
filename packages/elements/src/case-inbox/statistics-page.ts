import { html, nothing, svg, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Statistics, StatisticsCount } from '@weerbaar/sdk';
import { longDate } from '../base/locale.js';
import { matchesShape, type Shape } from '../base/shape.js';
import type { CaseInboxStringKey } from './case-inbox.strings.js';
import type { ConsoleSession } from './console-session.js';
import type { InboxContext } from './inbox-context.js';
import { label } from './list-view.js';

// A suppressed cell carries no number: only `suppressed` is required, the number is checked where it is shown.
const cell: Shape = { suppressed: 'b', 'count?': 'n', 'days?': 'n', 'share?': 'n' };
const clockShape: Shape = { cases: cell, medianDays: cell, p90Days: cell, withinDeadline: cell };
const statisticsShape: Shape = {
  period: 's',
  startsOn: 's',
  endsOn: 's',
  minimumCellCount: 'n',
  received: cell,
  byCategory: [{ category: 's', received: cell }],
  byRole: [{ role: 's', received: cell }],
  acknowledgement: clockShape,
  feedback: clockShape,
};

/** The periods offered: this year and last year, and this year's quarters so far. */
export function periodsFor(today: Date): string[] {
  const year = today.getFullYear();
  const quarter = Math.floor(today.getMonth() / 3) + 1;
  return [String(year), ...Array.from({ length: quarter }, (_, index) => `${year}-Q${quarter - index}`), String(year - 1)];
}

/**
 * The statistics of one period for auditors and admins (`getStatistics`): what the backend
 * answers, checked against the shape the view renders. The backend suppresses small cells; the
 * view shows those as "fewer than N" and never works a number out.
 */
export class StatisticsPage {
  period = periodsFor(new Date())[0]!;
  statistics: Statistics | undefined;
  status: 'loading' | 'ready' | 'error' = 'loading';
  readonly #host: ReactiveControllerHost;
  readonly #session: ConsoleSession;

  constructor(host: ReactiveControllerHost, session: ConsoleSession) {
    this.#host = host;
    this.#session = session;
  }

  async load(period = this.period): Promise<void> {
    this.period = period;
    this.status = 'loading';
    this.#host.requestUpdate();
    try {
      const answer = await this.#session.call(this.#session.generation, (client) => client.getStatistics(period));
      if (answer === undefined || period !== this.period) return;
      if (!matchesShape(answer, statisticsShape)) throw new Error('The backend answered statistics in a shape the console cannot show.');
      this.statistics = answer;
      this.status = 'ready';
    } catch {
      if (period === this.period) this.status = 'error';
    }
    this.#host.requestUpdate();
  }
}

function periodLabel({ text }: InboxContext, period: string): string {
  const [year, quarter] = period.split('-Q');
  return quarter ? text('periodQuarter', { quarter, year: year! }) : text('periodYear', { year: year! });
}

const countOf = (value: StatisticsCount): number | undefined => (!value.suppressed && Number.isFinite(value.count) ? value.count : undefined);

/** A count as text: the number, or "fewer than N" when the backend suppressed it. */
function countText({ text }: InboxContext, value: StatisticsCount, minimum: number): string {
  const count = countOf(value);
  return count === undefined ? text('suppressed', { minimum }) : String(count);
}

/** One breakdown as a table with a bar per row: the bars are drawing only, the numbers are the text. */
function breakdownTable(context: InboxContext, caption: CaseInboxStringKey, kind: 'category' | 'role', rows: { label: string; value: StatisticsCount }[], minimum: number): TemplateResult {
  const { text } = context;
  const largest = Math.max(1, ...rows.map((row) => countOf(row.value) ?? 0));
  return html`<table class="statistics">
    <caption>${text(caption)}</caption>
    <thead><tr><th scope="col">${text(kind)}</th><th scope="col">${text('count')}</th><th scope="col" aria-hidden="true">${text('chart')}</th></tr></thead>
    <tbody>
      ${rows.map(
        (row) => html`<tr>
          <th scope="row">${row.label}</th>
          <td>${countText(context, row.value, minimum)}</td>
          <td class="bar-cell" aria-hidden="true">
            <svg class="bar" viewBox="0 0 100 4" preserveAspectRatio="none" focusable="false">${svg`<rect width=${((countOf(row.value) ?? 0) / largest) * 100} height="4"></rect>`}</svg>
          </td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function clocksTable(context: InboxContext, statistics: Statistics): TemplateResult {
  const { text } = context;
  const minimum = statistics.minimumCellCount;
  const hidden = text('suppressed', { minimum });
  const days = (value: { suppressed: boolean; days?: number }) => (value.suppressed || !Number.isFinite(value.days) ? hidden : new Intl.NumberFormat(context.locale).format(value.days!));
  const share = (value: { suppressed: boolean; share?: number }) =>
    value.suppressed || !Number.isFinite(value.share) ? hidden : new Intl.NumberFormat(context.locale, { style: 'percent', maximumFractionDigits: 1 }).format(value.share!);
  const row = (label: CaseInboxStringKey, clock: Statistics['acknowledgement']) => html`<tr>
    <th scope="row">${text(label)}</th>
    <td>${countText(context, clock.cases, minimum)}</td>
    <td>${days(clock.medianDays)}</td>
    <td>${days(clock.p90Days)}</td>
    <td>${share(clock.withinDeadline)}</td>
  </tr>`;
  return html`<table class="statistics">
    <caption>${text('clocksCaption')}</caption>
    <thead>
      <tr>
        <th scope="col">${text('clock')}</th><th scope="col">${text('clockCases')}</th><th scope="col">${text('medianDays')}</th>
        <th scope="col">${text('p90Days')}</th><th scope="col">${text('withinDeadline')}</th>
      </tr>
    </thead>
    <tbody>${row('deadline-acknowledge', statistics.acknowledgement)}${row('deadline-feedback', statistics.feedback)}</tbody>
  </table>`;
}

/** The statistics page: a period to choose, the received counts per kind and role, the legal clocks. */
export function statisticsView(context: InboxContext, page: StatisticsPage): TemplateResult {
  const { text } = context;
  const statistics = page.status === 'ready' ? page.statistics : undefined;
  const date = (iso: string) => {
    const parsed = new Date(`${iso}T12:00:00Z`);
    return Number.isNaN(parsed.getTime()) ? iso : longDate(context.locale, parsed);
  };
  return html`${context.heading(0, text('statisticsHeading'))}
    <p>${text('statisticsIntro')}</p>
    <form class="row" @submit=${(event: Event) => event.preventDefault()}>
      <div class="field">
        <label for="period">${text('period')}</label>
        <select id="period" @change=${(event: Event) => page.load((event.target as HTMLSelectElement).value)}>
          ${periodsFor(new Date()).map((period) => html`<option value=${period} ?selected=${period === page.period}>${periodLabel(context, period)}</option>`)}
        </select>
      </div>
    </form>
    <p role="status" part="status" class="status">
      ${page.status === 'loading' ? text('statisticsLoading') : page.status === 'error' ? text('statisticsError') : nothing}
      ${statistics ? text('receivedTotal', { count: countText(context, statistics.received, statistics.minimumCellCount) }) : nothing}
    </p>
    ${statistics
      ? html`<p>${text('statisticsPeriod', { start: date(statistics.startsOn), end: date(statistics.endsOn), minimum: statistics.minimumCellCount })}</p>
          ${breakdownTable(
            context,
            'byCategoryCaption',
            'category',
            statistics.byCategory.map((row) => ({ label: label(context, 'category', row.category), value: row.received })),
            statistics.minimumCellCount,
          )}
          ${breakdownTable(
            context,
            'byRoleCaption',
            'role',
            statistics.byRole.map((row) => ({ label: label(context, 'role', row.role), value: row.received })),
            statistics.minimumCellCount,
          )}
          ${clocksTable(context, statistics)}`
      : nothing}
    ${page.status === 'error' ? html`<p><button type="button" class="secondary" part="retry-button" @click=${() => page.load()}>${text('retry')}</button></p>` : nothing}`;
}
