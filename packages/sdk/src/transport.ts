// The one place where the SDK talks HTTP: ky with no cookies, per-attempt timeouts, retries that
// are only used where repeating a request cannot do harm, and every failure turned into a
// WeerbaarError that carries no secret.
import ky, { HTTPError, TimeoutError } from 'ky';
import { WeerbaarApiError, WeerbaarNetworkError } from './errors.js';
import { redact } from './redact.js';
import type { Problem } from './types.js';

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
  method?: 'get' | 'post' | 'put' | 'delete';
  json?: unknown;
  body?: FormData;
  headers?: Record<string, string>;
  searchParams?: object;
  signal?: AbortSignal | undefined;
  /** Whether repeating this request can do no harm (GETs by default). */
  retry?: boolean;
  /** Values to keep out of any error (receipt, token, report content). */
  secrets?: readonly string[];
}

export type Send = (path: string, options?: RequestOptions) => Promise<Response>;

// 409 is only ever retried on `submitReport`, where it means "the same Idempotency-Key is still
// being processed" (the other retried operations do not answer 409). A `Retry-After` on any of
// these answers is honoured (up to the timeout).
const RETRY_STATUSES = [408, 409, 429, 500, 502, 503, 504];

export function createTransport({ baseUrl, timeout = 10_000, retry = 2, fetch }: TransportOptions): Send {
  return async (path, { method = 'get', searchParams, retry: safe = method === 'get', secrets, ...options } = {}) => {
    try {
      return await ky(path, {
        ...options,
        method,
        // ky adds the slash between base and path when the base has none.
        prefixUrl: baseUrl,
        // ky leaves out filters whose value is `undefined`.
        searchParams: searchParams as Record<string, string>,
        credentials: 'omit',
        timeout,
        fetch,
        retry: safe
          ? { limit: retry, methods: [method], statusCodes: RETRY_STATUSES, afterStatusCodes: RETRY_STATUSES, retryOnTimeout: true }
          : 0,
      });
    } catch (error) {
      // A 304 answers our own If-None-Match: the caller reuses its cached copy.
      if (error instanceof HTTPError && error.response.status === 304) return error.response;
      if (options.signal?.aborted) throw options.signal.reason;
      throw await toWeerbaarError(error, secrets);
    }
  };
}

async function toWeerbaarError(error: unknown, secrets?: readonly string[]) {
  // ky's own errors carry the request (with its Authorization header and body): never pass them on as `cause`.
  if (error instanceof HTTPError) {
    const { status, headers } = error.response;
    let problem: Partial<Problem> = {};
    try {
      // Every string of the problem is redacted, however deep (titles, details, field errors).
      problem = JSON.parse(await error.response.text(), (_, value: unknown) => (typeof value === 'string' ? redact(value, secrets) : value)) ?? {};
    } catch {
      // Not a problem document: the status says enough.
    }
    return new WeerbaarApiError(status, problem, headers);
  }
  return error instanceof TimeoutError
    ? new WeerbaarNetworkError('Request timed out', secrets, { cause: new Error('timeout') })
    : new WeerbaarNetworkError('Network error', secrets, { cause: error });
}

/** Reads a JSON answer as the contract's type for it. */
export async function json<T>(response: Promise<Response>): Promise<T> {
  return (await response).json() as Promise<T>;
}
