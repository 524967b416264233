import { createDiscoveryCache } from './discovery.js';
import { stringsIn } from './redact.js';
import { createTransport, json, type TransportOptions } from './transport.js';
import type { FollowUpSession } from './follow-up.js';
import type {
  ContentOptions,
  Discovery,
  EncryptedReportSubmission,
  NormCollection,
  PlainReportSubmission,
  ReportForm,
  ReportReceipt,
  SignalChecklist,
  SupportContactFilters,
  SupportDirectory,
} from './types.js';

export interface ClientOptions extends TransportOptions {
  /** The language of content texts (`lang`, e.g. `nl` or `en`); the backend's default when absent. */
  locale?: string;
}

export interface SubmitOptions {
  /** Reuse a key (e.g. kept across a page reload) so the backend stores the report only once. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface WeerbaarClient {
  /** The backend's capabilities, limits, deadlines and links; fetched once per client. */
  discover(): Promise<Discovery>;
  getNorms(options?: ContentOptions): Promise<NormCollection>;
  getSignalChecklist(options?: ContentOptions): Promise<SignalChecklist>;
  getReportForm(options?: ContentOptions): Promise<ReportForm>;
  getSupportContacts(filters?: SupportContactFilters): Promise<SupportDirectory>;
  /** Stores a report once, however often the network makes it retry; sealed when the backend advertises encryption. */
  submitReport(report: PlainReportSubmission, options?: SubmitOptions): Promise<ReportReceipt>;
  /** Exchanges the receipt (sent in the request body only) for a short-lived follow-up session. */
  openFollowUp(receipt: string): Promise<FollowUpSession>;
}

/** A client for reporters and public content. Keeps nothing but cached public content, in memory. */
export function createClient({ locale, ...transportOptions }: ClientOptions): WeerbaarClient {
  const send = createTransport(transportOptions);
  const discovery = createDiscoveryCache(send);
  const cache = new Map<string, { etag: string; body: unknown }>();

  // Public content is revalidated with its ETag: an unchanged text costs a 304, not a download.
  async function getContent<T>(path: string, query: ContentOptions = {}): Promise<T> {
    const searchParams = { lang: locale, ...query };
    const key = path + JSON.stringify(searchParams);
    const cached = cache.get(key);
    const response = await send(path, { searchParams, headers: cached && { 'If-None-Match': cached.etag } });
    if (response.status === 304 && cached) return cached.body as T;
    const body: T = await response.json();
    const etag = response.headers.get('ETag');
    if (etag) cache.set(key, { etag, body });
    return body;
  }

  return {
    discover: discovery.discover,
    getNorms: (options) => getContent('norms', options),
    getSignalChecklist: (options) => getContent('signal-checklist', options),
    getReportForm: (options) => getContent('report-form', options),
    getSupportContacts: (filters) => getContent('support-contacts', filters),

    async submitReport(report, { idempotencyKey = crypto.randomUUID(), signal } = {}) {
      const { encryption } = (await discovery.discover()).capabilities;
      let body: PlainReportSubmission | EncryptedReportSubmission = { locale, ...report };
      if (encryption) {
        const { content, ...routing } = body;
        body = { ...routing, encryptedContent: await (await import('./seal.js')).sealReportContent(encryption, content) };
      }
      return json<ReportReceipt>(
        send('reports', {
          method: 'post',
          json: body,
          headers: { 'Idempotency-Key': idempotencyKey },
          signal,
          // Safe: the backend answers every repeat of this key with the first answer.
          retry: true,
          secrets: stringsIn(report.content),
        }),
      );
    },

    // Loaded on demand, like encryption: most visitors never follow a report up.
    openFollowUp: async (receipt) => (await import('./follow-up.js')).openFollowUpSession(send, discovery, receipt),
  };
}
