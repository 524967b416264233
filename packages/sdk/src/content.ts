/**
 * @weerbaar/sdk/content — the light client for public content (norms, signal checklist, support
 * directory), on plain `fetch`: what a page needs before anyone presses anything. It reads content
 * as `createClient` does (language, ETag revalidation, timeout, no cookies, the same errors), but
 * tries each request once: retries and idempotency belong to reporting, in `@weerbaar/sdk`.
 */
import { networkError, problemError } from './errors.js';
import { contentCalls, createContentReader, type WeerbaarContentClient } from './content-reader.js';
import type { TransportOptions } from './transport.js';

export interface ContentClientOptions extends Omit<TransportOptions, 'retry'> {
  /** The language of content texts (`lang`, e.g. `nl` or `en`); the backend's default when absent. */
  locale?: string;
}

// JSON leaves out the properties whose value is `undefined`.
const definedOnly = (values: Record<string, string | undefined>): Record<string, string> => JSON.parse(JSON.stringify(values));

/** A client for public content only. Keeps nothing but that content, in memory. */
export function createContentClient({ baseUrl, locale, timeout = 10_000, fetch: send = fetch }: ContentClientOptions): WeerbaarContentClient {
  const getContent = createContentReader(async (path, searchParams, headers) => {
    // The base and path joined, and `undefined` values left out, as ky does for the full client.
    const url = `${baseUrl.replace(/\/?$/, '/')}${path}?${new URLSearchParams(definedOnly(searchParams))}`;
    let response: Response;
    try {
      response = await send(url, { headers: definedOnly(headers), credentials: 'omit', signal: AbortSignal.timeout(timeout) });
    } catch (error) {
      throw networkError(error, (error as Error | undefined)?.name === 'TimeoutError');
    }
    // A 304 answers our own If-None-Match: the reader reuses its cached copy.
    if (response.ok || response.status === 304) return response;
    throw await problemError(response);
  }, locale);
  return contentCalls(getContent);
}

export type { WeerbaarContentClient };
export { WeerbaarApiError, WeerbaarError, WeerbaarNetworkError, type ErrorKind } from './errors.js';
export type { ContentOptions, NormCollection, Problem, SignalChecklist, SupportContact, SupportContactFilters, SupportDirectory, SupportUrgency, FieldError, ReporterRole } from './types.js';
