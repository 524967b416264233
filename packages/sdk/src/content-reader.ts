// Public content as both clients read it (the full one over ky, the light one over plain fetch):
// the language as `lang` and as Accept-Language, and revalidation with the ETag, so that an
// unchanged text costs a 304, not a download.
import type { ContentOptions, NormCollection, ReportForm, SignalChecklist, SupportContactFilters, SupportDirectory } from './types.js';

/** The public content calls, offered alike by `createContentClient` and `createClient`. */
export interface WeerbaarContentClient {
  getNorms(options?: ContentOptions): Promise<NormCollection>;
  getSignalChecklist(options?: ContentOptions): Promise<SignalChecklist>;
  getSupportContacts(filters?: SupportContactFilters): Promise<SupportDirectory>;
  getReportForm(options?: ContentOptions): Promise<ReportForm>;
}

/**
 * GETs `path` (relative to the API base) with these query parameters and headers, leaving out those
 * that are `undefined`; rejects with a WeerbaarError.
 */
export type ContentGet = (path: string, searchParams: Record<string, string | undefined>, headers: Record<string, string | undefined>) => Promise<Response>;

/** Reads a content document at `path` with these query parameters (`lang` defaults to `locale`). */
export type ContentReader = <T>(path: string, query?: object) => Promise<T>;

export function createContentReader(get: ContentGet, locale?: string): ContentReader {
  // In memory only, per client: public content, never anything about a report.
  const cache = new Map<string, { etag: string; body: unknown }>();
  return async <T>(path: string, query?: object): Promise<T> => {
    const params = { lang: locale, ...query } as Record<string, string | undefined>;
    const key = path + JSON.stringify(params);
    const cached = cache.get(key);
    const response = await get(path, params, { 'Accept-Language': params.lang, 'If-None-Match': cached?.etag });
    if (response.status === 304 && cached) return cached.body as T;
    const body: unknown = await response.json();
    const etag = response.headers.get('ETag');
    if (etag) cache.set(key, { etag, body });
    return body as T;
  };
}

/** The content calls over one reader. */
export function contentCalls(getContent: ContentReader): WeerbaarContentClient {
  return {
    getNorms: (options) => getContent('norms', options),
    getSignalChecklist: (options) => getContent('signal-checklist', options),
    getSupportContacts: (filters) => getContent('support-contacts', filters),
    getReportForm: (options) => getContent('report-form', options),
  };
}
