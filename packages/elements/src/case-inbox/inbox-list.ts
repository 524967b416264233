import type { ReactiveControllerHost } from 'lit';
import type { CaseCounts, CaseSummary } from '@weerbaar/sdk';
import { matchesShape, type Shape } from '../base/shape.js';
import { caseSummaryShape } from '../case-view/case-summary-shape.js';
import type { ConsoleSession } from './console-session.js';
import { InboxOrder, type InboxFilters } from './inbox-order.js';

export const statuses = ['received', 'acknowledged', 'investigating', 'closed'] as const;
export const categories = ['threat-intimidation', 'bribery', 'infiltration', 'undue-pressure', 'other'] as const;
export const roles = ['civil-servant', 'administrator', 'council-member', 'other'] as const;

/** How many cases one page of the list shows. */
export const casesPerPage = 25;

// What the inbox reads from the backend's answers (see base/shape.ts): anything else is an error state.
const summaryShape: Shape = { ...caseSummaryShape, 'unreadMessages?': 'n', 'assignedToMe?': 'b', 'overdueTasks?': 'n' };
const pageShape: Shape = { items: [summaryShape], 'nextCursor?': 's' };
const countMap = (keys: readonly string[]): Shape => Object.fromEntries(keys.map((key) => [key, 'n']));
const countsShape: Shape = { total: 'n', overdue: 'n', 'overdueTasks?': 'n', 'assignedToMe?': 'n', byStatus: countMap(statuses), byCategory: countMap(categories), byRole: countMap(roles) };

export type ListStatus = 'loading' | 'ready' | 'error';

/**
 * The inbox's list: the cases in the order of the legal clocks, read page by page for the current
 * filters, and the count per filter. Every answer is checked against the shape the list renders;
 * answers of an earlier session or filter (an older generation) are dropped.
 */
export class InboxList {
  filters: InboxFilters = {};
  items: CaseSummary[] = [];
  status: ListStatus = 'loading';
  counts: CaseCounts | undefined;
  /** The list in clock order, read page by page; a new one for every sign-in and filter change. */
  #order: InboxOrder | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #session: ConsoleSession;
  readonly #focus: (selector: string) => void;

  constructor(host: ReactiveControllerHost, session: ConsoleSession, focus: (selector: string) => void) {
    this.#host = host;
    this.#session = session;
    this.#focus = focus;
  }

  /** Whether another page can be read. */
  get hasMore(): boolean {
    return Boolean(this.#order?.hasMore);
  }

  /** Forgets every case and count shown, and the filters. */
  reset(): void {
    this.#order = undefined;
    this.items = [];
    this.counts = undefined;
    this.filters = {};
    this.status = 'loading';
    this.#host.requestUpdate();
  }

  /** The counts and the first page for the current filters. */
  async loadFirstPage(generation = this.#session.nextGeneration()): Promise<void> {
    void this.#loadCounts(generation);
    this.#startList(generation);
  }

  /** A fresh list for the current filters, and its first page. */
  #startList(generation: number): void {
    const client = this.#session.current?.client;
    if (!client) return;
    this.items = [];
    // Every page is checked against the shape the list renders before any case of it is used.
    this.#order = new InboxOrder(
      async (filters, cursor) => {
        const page = await client.pageCases(filters, cursor);
        if (!matchesShape(page, pageShape)) throw new Error('The backend answered a page of cases in a shape the inbox cannot show.');
        return page;
      },
      this.filters,
      casesPerPage,
    );
    void this.loadMore(generation);
  }

  async #loadCounts(generation: number): Promise<void> {
    try {
      const counts = await this.#session.call(generation, (client) => client.countCases());
      // Counts are a help, not the list: without them the filters still work.
      if (counts !== undefined) this.counts = matchesShape(counts, countsShape) ? counts : undefined;
    } catch {
      if (generation === this.#session.generation) this.counts = undefined;
    }
    this.#host.requestUpdate();
  }

  /** The next page (the first after a filter change), or a retry after an error. */
  async loadMore(generation = this.#session.generation): Promise<void> {
    const order = this.#order;
    if (!order) return;
    this.status = 'loading';
    this.#host.requestUpdate();
    let added: CaseSummary[] | undefined;
    try {
      added = await this.#session.call(generation, () => order.next());
      if (added === undefined) return;
    } catch {
      if (generation === this.#session.generation) {
        this.status = 'error';
        this.#host.requestUpdate();
      }
      return;
    }
    const firstNew = this.items.length;
    this.items = [...this.items, ...added];
    this.status = 'ready';
    this.#host.requestUpdate();
    // After "show more", focus goes to the first case that was added, not back to the top.
    if (firstNew > 0 && added.length) this.#focus(`[data-index="${firstNew}"]`);
  }

  setFilter<K extends keyof InboxFilters>(name: K, value: InboxFilters[K] | undefined): void {
    const next = { ...this.filters };
    if (value === undefined || value === false) delete next[name];
    else next[name] = value;
    this.filters = next;
    this.#host.requestUpdate();
    this.#startList(this.#session.nextGeneration());
  }
}
