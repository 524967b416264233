// How the full client talks HTTP: ky with no cookies, per-attempt timeouts, retries that are only
// used where repeating a request cannot do harm, and every failure turned into a WeerbaarError that
// carries no secret (errors.ts, shared with the light content client, which needs no retries).
import ky, { HTTPError, TimeoutError } from 'ky';
import { networkError, problemError } from './errors.js';

export interface TransportOptions {
  /** The API base, including `/v1`, e.g. `https://meld.voorbeeldstad.nl/v1`. */
  baseUrl: string;
  /** Milliseconds per attempt before it counts as failed (default 10 000). */
  timeout?: number;
  /** How many times a failed request that is safe to repeat is retried (default 2; `0` turns retries off). */
  retry?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  method?: 'get' | 'post' | 'put' | 'patch' | 'delete';
  json?: unknown;
  body?: FormData;
  /** Headers whose value is `undefined` are left out (by ky). */
  headers?: Record<string, string | undefined>;
  searchParams?: object;
  signal?: AbortSignal | undefined;
  /** Whether repeating this request can do no harm (GETs by default). */
  retry?: boolean;
  /** Values to keep out of any error (receipt, token, report content). */
  secrets?: readonly string[];
}

export type Send = (path: string, options?: RequestOptions) => Promise<Response>;

// What the contract says may be repeated: no answer in time, too many requests, a failure on the
// backend's side, and — only for a request with an Idempotency-Key (`submitReport`) — 409, "this
// key is still being processed". Elsewhere 409 means the case's state forbids it (a closed case),
// which no repeat changes. A `Retry-After` on any of these answers is honoured (up to the timeout).
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
const IDEMPOTENT_RETRY_STATUSES = [...RETRY_STATUSES, 409];

export function createTransport({ baseUrl, timeout = 10_000, retry = 2, fetch }: TransportOptions): Send {
  return async (path, { method = 'get', searchParams, retry: safe = method === 'get', secrets, ...options } = {}) => {
    const idempotent = !!options.headers?.['Idempotency-Key'];
    const statusCodes = idempotent ? IDEMPOTENT_RETRY_STATUSES : RETRY_STATUSES;
    try {
      return await ky(path, {
        ...options,
        method,
        // ky adds the slash between base and path when the base has none.
        prefixUrl: baseUrl,
        // ky leaves out filters whose value is `undefined`.
        searchParams: searchParams as Record<string, string>,
        credentials: 'omit',
        // A 304 answers our own If-None-Match: the caller reuses its cached copy.
        throwHttpErrors: (status) => status !== 304,
        timeout,
        fetch,
        retry: safe
          ? { limit: retry, methods: [method], statusCodes, afterStatusCodes: statusCodes, retryOnTimeout: true }
          : 0,
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      // ky's own errors carry the request (with its Authorization header and body): never pass them on as `cause`.
      throw error instanceof HTTPError ? await problemError(error.response, secrets, idempotent) : networkError(error, error instanceof TimeoutError, secrets);
    }
  };
}

/** Reads a JSON answer as the contract's type for it. */
export async function json<T>(response: Promise<Response>): Promise<T> {
  return (await response).json() as Promise<T>;
}
