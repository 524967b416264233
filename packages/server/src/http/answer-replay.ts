// The public content's GETs answered again without fastify (issue 19: content near bare node:http).
// The first request for one (method, URL, Accept-Language, Accept-Encoding, If-None-Match, Origin)
// goes through fastify as every request does: routing, the hooks, the contract's validation of its
// parameters, the route. When that answer is a 200 or a 304, it is kept as fastify wrote it (status,
// every header in its order, the body's bytes). The same request again is answered with those bytes,
// a fresh Request-Id, and its access log line; anything else (another header that matters, a body, no
// Host, an error answer) goes through fastify. Only operations declared `replayable` qualify: those
// whose answer follows from those request parts and from content read once at start-up (the content
// file, the contract, discovery). Dilemma cards, which editors publish in a database that several
// instances share, are not among them.
import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

interface KeptAnswer {
  status: number;
  /**
   * As fastify passed them to `writeHead`, in their order, as node:http's flat [name, value, …] list:
   * copied and handed to `writeHead` as they are, with a fresh Request-Id at `requestIdAt`.
   */
  headers: OutgoingHttpHeader[];
  requestIdAt: number;
  body: string | Buffer | undefined;
  /** The route pattern, as the access log names it. */
  route: string;
}

/** The fields of an access log line, as plugins/access-log.ts writes them through fastify's request logger. */
export interface AccessLogLine {
  reqId: string;
  method: string;
  route: string;
  status: number;
  ms: number;
}

export interface AnswerReplayOptions {
  /** Writes the access log line of a replayed answer (the same fields as plugins/access-log.ts). */
  log: (line: AccessLogLine) => void;
  newRequestId: () => string;
  /** How many distinct requests are kept; when full, all are forgotten and kept again as they come. */
  maxAnswers?: number;
}

const REPLAYED_STATUSES = new Set([200, 304]);
/** Stands for an absent header in a key: a header value cannot hold this control character. */
const ABSENT = '\u0001';

export class AnswerReplay {
  /** Route patterns (with the API prefix) whose answers may be replayed; filled as routes are declared. */
  readonly routes = new Set<string>();
  private readonly answers = new Map<string, KeptAnswer>();
  private readonly maxAnswers: number;
  /** How many answers were replayed (for tests that must know a replay happened). */
  replayed = 0;
  private stopped = false;

  constructor(private readonly options: AnswerReplayOptions) {
    this.maxAnswers = options.maxAnswers ?? 1000;
  }

  /**
   * Answers the request from a kept answer and returns true; otherwise returns false, after arranging
   * to keep fastify's answer when the request qualifies.
   */
  handle(request: IncomingMessage, response: ServerResponse): boolean {
    const started = performance.now();
    const { method, url = '', headers } = request;
    if (this.stopped || (method !== 'GET' && method !== 'HEAD')) return false;
    const queryAt = url.indexOf('?');
    const route = queryAt === -1 ? url : url.slice(0, queryAt);
    if (!this.routes.has(route)) return false;
    // No Host (a problem), a body (refused), `Expect`: fastify answers those, every time.
    if (headers.host === undefined || headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined || headers.expect !== undefined) {
      return false;
    }
    // Joined by hand: this runs for every request, and a joined array costs allocations.
    const key = `${method}\u0000${url}\u0000${headers['accept-language'] ?? ABSENT}\u0000${headers['accept-encoding'] ?? ABSENT}\u0000${headers['if-none-match'] ?? ABSENT}\u0000${headers.origin ?? ABSENT}`;
    const kept = this.answers.get(key);
    if (!kept) {
      this.keep(key, route, response);
      return false;
    }
    const reqId = this.options.newRequestId();
    // Replacing the value keeps the header's place among the others.
    const answerHeaders = kept.headers.slice();
    answerHeaders[kept.requestIdAt] = reqId;
    response.writeHead(kept.status, answerHeaders);
    response.end(kept.body);
    this.replayed += 1;
    this.options.log({ reqId, method, route, status: kept.status, ms: Math.round(performance.now() - started) });
    return true;
  }

  /** From now on every request goes through fastify (which answers `Connection: close` while the server closes). */
  stop(): void {
    this.stopped = true;
  }

  /** Watches fastify write its answer to this request, and keeps it when it is a 200 or 304 written in one piece. */
  private keep(key: string, route: string, response: ServerResponse): void {
    let status = 0;
    let headers: OutgoingHttpHeaders | undefined;
    let body: string | Buffer | undefined;
    let whole = true;
    const { writeHead, write, end } = response;
    response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      const last = args[args.length - 1];
      // Headers set on the response itself would be merged into the ones passed: not kept then.
      whole &&= response.getHeaderNames().length === 0 && typeof last === 'object' && !Array.isArray(last);
      status = args[0];
      if (whole) headers = { ...(last as OutgoingHttpHeaders) };
      return writeHead.apply(this, args);
    } as ServerResponse['writeHead'];
    response.write = function (this: ServerResponse, ...args: Parameters<ServerResponse['write']>) {
      whole = false;
      return write.apply(this, args);
    } as ServerResponse['write'];
    response.end = function (this: ServerResponse, ...args: unknown[]) {
      const chunk = args[0];
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) body = chunk;
      else if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') whole = false;
      return (end as (...all: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse['end'];
    response.once('finish', () => {
      if (!whole || !headers || !REPLAYED_STATUSES.has(status) || headers['request-id'] === undefined) return;
      if (this.answers.size >= this.maxAnswers) this.answers.clear();
      const flat = Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [name, value]));
      this.answers.set(key, { status, headers: flat, requestIdAt: flat.indexOf('request-id') + 1, body, route });
    });
  }
}
