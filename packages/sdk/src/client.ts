import { contentCalls, createContentReader, type WeerbaarContentClient } from './content-reader.js';
import { createDiscoveryCache } from './discovery.js';
import type { WeerbaarError } from './errors.js';
import { stringsIn } from './redact.js';
import { createTransport, json, type TransportOptions } from './transport.js';
import type { FollowUpSession } from './follow-up.js';
import type {
  ContentOptions,
  Discovery,
  EncryptedReportSubmission,
  PlainReportSubmission,
  ReportForm,
  ReportReceipt,
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

/** The content calls of `WeerbaarContentClient` (`@weerbaar/sdk/content`), with retries, and the rest. */
export interface WeerbaarClient extends WeerbaarContentClient {
  /** The backend's capabilities, limits, deadlines and links; fetched once per client. */
  discover(): Promise<Discovery>;
  getReportForm(options?: ContentOptions): Promise<ReportForm>;
  /** Stores a report once, however often the network makes it retry; sealed when the backend advertises encryption. */
  submitReport(report: PlainReportSubmission, options?: SubmitOptions): Promise<ReportReceipt>;
  /** Exchanges the receipt (sent in the request body only) for a short-lived follow-up session. */
  openFollowUp(receipt: string): Promise<FollowUpSession>;
}

/** A client for reporters and public content. Keeps nothing but cached public content, in memory. */
export function createClient({ locale, ...transportOptions }: ClientOptions): WeerbaarClient {
  const send = createTransport(transportOptions);
  const discovery = createDiscoveryCache(send);
  const getContent = createContentReader((path, searchParams, headers) => send(path, { searchParams, headers }), locale);

  return {
    discover: discovery.discover,
    ...contentCalls(getContent),

    async submitReport(report, { idempotencyKey = crypto.randomUUID(), signal } = {}) {
      const sealAndSend = async (): Promise<ReportReceipt> => {
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
      };
      // The backend rotated its key after we read discovery: read it again and seal to the new key,
      // once. The refused request stored nothing and claimed no key, so the same key is reused.
      return sealAndSend().catch((error: WeerbaarError) => {
        if (error.kind != 'key-rotated') throw error;
        discovery.forget();
        return sealAndSend();
      });
    },

    // Loaded on demand, like encryption: most visitors never follow a report up.
    openFollowUp: async (receipt) => (await import('./follow-up.js')).openFollowUpSession(send, discovery, receipt),
  };
}
