/**
 * @weerbaar/sdk/dilemmas — sharing a dilemma anonymously and reading the published cards (contract
 * 1.2, capability `dilemmas`). An entry of its own, so that the reporter's core client keeps its
 * weight budget and pages without dilemmas never download this. Dilemma editors use
 * `createHandlerClient` (`@weerbaar/sdk/handler`).
 */
import { createDiscoveryCache } from './discovery.js';
import type { WeerbaarError } from './errors.js';
import { stringsIn } from './redact.js';
import { requireCapability } from './require-capability.js';
import { createTransport, json, type TransportOptions } from './transport.js';
import type { DilemmaAcknowledgement, DilemmaCardCollection, DilemmaContent, DilemmaReading, DilemmaSubmission, DilemmaTheme, ReporterRole } from './types.js';

export interface DilemmaClientOptions extends TransportOptions {
  /** The language of the cards (`lang`, e.g. `nl` or `en`); the backend's default when absent. */
  locale?: string;
}

/** A dilemma as someone shares it; the client seals `content` when the backend advertises encryption. */
export interface DilemmaToShare {
  role: ReporterRole;
  theme: DilemmaTheme;
  content: DilemmaContent;
  /** Answer with a read code (shown once) to read later what became of it. */
  wantsReadCode?: boolean;
}

export interface DilemmaCardFilters {
  role?: ReporterRole;
  theme?: DilemmaTheme;
  lang?: string;
}

export interface WeerbaarDilemmaClient {
  /** The published cards, optionally for a role or a theme. */
  getDilemmaCards(filters?: DilemmaCardFilters): Promise<DilemmaCardCollection>;
  /** Shares a dilemma once, however often the network makes it retry (one `Idempotency-Key` per call, or yours). */
  submitDilemma(dilemma: DilemmaToShare, options?: { idempotencyKey?: string; signal?: AbortSignal }): Promise<DilemmaAcknowledgement>;
  /** What became of a shared dilemma, by its read code (sent in the body, never in a URL). */
  readDilemma(readCode: string): Promise<DilemmaReading>;
}

export function createDilemmaClient({ locale, ...transportOptions }: DilemmaClientOptions): WeerbaarDilemmaClient {
  const send = createTransport(transportOptions);
  const discovery = createDiscoveryCache(send);
  return {
    async getDilemmaCards(filters = {}) {
      await requireCapability(discovery, 'dilemmas');
      const lang = filters.lang ?? locale;
      return json(send('dilemma-cards', { searchParams: { ...filters, lang }, headers: { 'Accept-Language': lang } }));
    },

    async submitDilemma(dilemma, { idempotencyKey = crypto.randomUUID(), signal } = {}) {
      const sealAndSend = async (): Promise<DilemmaAcknowledgement> => {
        await requireCapability(discovery, 'dilemmas');
        const { encryption } = (await discovery.discover()).capabilities;
        const { content, ...routing } = dilemma;
        const body: DilemmaSubmission = encryption
          ? { ...routing, ...(locale ? { locale } : {}), encryptedContent: await (await import('./seal.js')).sealDilemmaContent(encryption, content) }
          : { ...routing, ...(locale ? { locale } : {}), content };
        return json<DilemmaAcknowledgement>(
          // Safe to retry: the backend answers every repeat of this key with the first answer.
          send('dilemmas', { method: 'post', json: body, headers: { 'Idempotency-Key': idempotencyKey }, signal, retry: true, secrets: stringsIn(content) }),
        );
      };
      // The backend rotated its key after we read discovery: read it again and seal to the new key, once.
      return sealAndSend().catch((error: WeerbaarError) => {
        if (error.kind != 'key-rotated') throw error;
        discovery.forget();
        return sealAndSend();
      });
    },

    async readDilemma(readCode) {
      await requireCapability(discovery, 'dilemmas');
      return json(send('dilemmas/read', { method: 'post', json: { readCode }, secrets: [readCode] }));
    },
  };
}

export { WeerbaarApiError, WeerbaarCapabilityError, WeerbaarError, WeerbaarNetworkError, type ErrorKind } from './errors.js';
export type { DilemmaAcknowledgement, DilemmaCard, DilemmaCardCollection, DilemmaCardText, DilemmaContent, DilemmaReading, DilemmaTheme, ReporterRole } from './types.js';
