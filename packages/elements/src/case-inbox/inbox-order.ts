import type { CaseCursorFilters, CaseCursorPage, CaseStatus, CaseSummary } from '@weerbaar/sdk';

/** The filters of the list, as `pageCases` takes them. */
export type InboxFilters = Pick<CaseCursorFilters, 'status' | 'category' | 'role' | 'assignedToMe' | 'overdue'>;

/** Reads one page of cases (the handler client's `pageCases`). */
export type PageReader = (filters: CaseCursorFilters, cursor: string | undefined) => Promise<CaseCursorPage>;

interface Stream {
  status: CaseStatus;
  sort: NonNullable<CaseCursorFilters['sort']>;
  /** When the case's next duty is due, for merging; closed cases come after every open one. */
  dueAt: (summary: CaseSummary) => number;
  buffer: CaseSummary[];
  cursor: string | undefined;
  started: boolean;
}

const acknowledgeDue = (summary: CaseSummary) => Date.parse(summary.deadlines.acknowledgeDueAt);
const feedbackDue = (summary: CaseSummary) => Date.parse(summary.deadlines.feedbackDueAt);

/**
 * The inbox in the order of the legal clocks: the case whose next duty is due soonest first, so
 * overdue ones lead. The contract sorts by one deadline at a time, so the list is four cursor-paged
 * streams merged on the device: received cases by their acknowledgement deadline, acknowledged and
 * investigated ones by their feedback deadline, then closed ones (newest first). A status filter
 * leaves one stream. Each stream reads its next page only when the merge needs it.
 */
export class InboxOrder {
  readonly #read: PageReader;
  readonly #streams: Stream[];
  readonly #pageSize: number;
  readonly #filters: Omit<InboxFilters, 'status'>;

  constructor(read: PageReader, filters: InboxFilters, pageSize: number) {
    this.#read = read;
    this.#pageSize = pageSize;
    const streams: Omit<Stream, 'buffer' | 'cursor' | 'started'>[] = [
      { status: 'received', sort: 'acknowledgeDueAt', dueAt: acknowledgeDue },
      { status: 'acknowledged', sort: 'feedbackDueAt', dueAt: feedbackDue },
      { status: 'investigating', sort: 'feedbackDueAt', dueAt: feedbackDue },
      { status: 'closed', sort: '-receivedAt', dueAt: () => Number.POSITIVE_INFINITY },
    ];
    const { status: _status, ...others } = filters;
    this.#filters = others;
    this.#streams = streams.filter((stream) => !filters.status || stream.status === filters.status).map((stream) => ({ ...stream, buffer: [], cursor: undefined, started: false }));
  }

  /** Whether a stream may still hold cases that were not taken. */
  #open(stream: Stream): boolean {
    return stream.buffer.length > 0 || !stream.started || stream.cursor !== undefined;
  }

  /** Whether more cases may follow the ones taken so far. */
  get hasMore(): boolean {
    return this.#streams.some((stream) => this.#open(stream));
  }

  async #refill(stream: Stream): Promise<void> {
    if (stream.buffer.length || (stream.started && stream.cursor === undefined)) return;
    const page = await this.#read({ ...this.#filters, status: stream.status, sort: stream.sort, pageSize: this.#pageSize }, stream.started ? stream.cursor : undefined);
    stream.started = true;
    stream.buffer = [...page.items];
    stream.cursor = page.nextCursor;
  }

  /** The next `count` cases in clock order (fewer at the end). Throws what the backend throws; nothing is lost then. */
  async next(count = this.#pageSize): Promise<CaseSummary[]> {
    const taken: [Stream, CaseSummary][] = [];
    const clocked = this.#streams.filter((stream) => stream.status !== 'closed');
    const closed = this.#streams.find((stream) => stream.status === 'closed');
    try {
      while (taken.length < count) {
        // Every stream with a clock must show its next case before the soonest can be chosen.
        await Promise.all(clocked.map((stream) => this.#refill(stream)));
        const candidates = clocked.filter((stream) => stream.buffer.length > 0);
        if (candidates.length) {
          const soonest = candidates.reduce((best, stream) => (stream.dueAt(stream.buffer[0]!) < best.dueAt(best.buffer[0]!) ? stream : best));
          taken.push([soonest, soonest.buffer.shift()!]);
          continue;
        }
        if (!closed) break;
        await this.#refill(closed);
        if (!closed.buffer.length) break;
        taken.push([closed, closed.buffer.shift()!]);
      }
    } catch (error) {
      // Put back what was taken, so that "try again" continues where this call started.
      for (const [stream, summary] of taken.reverse()) stream.buffer.unshift(summary);
      throw error;
    }
    return taken.map(([, summary]) => summary);
  }
}
