// What every module shares during one run: the client, the contract, the discovery document,
// the recorder, and the synthetic reports created so far.
import { randomUUID } from 'node:crypto';
import { fixtures, type Fixture, type Schema } from '@weerbaar/spec';
import type { SpecValidator } from '@weerbaar/spec/validation';
import { seal, HPKE_SUITE, REPORT_INFO } from './hpke.js';
import type { Exchange, HttpClient } from './http.js';
import type { Recorder } from './recorder.js';
import type { SecretRegistry } from './secrets.js';
import type { CheckDefinition, ConformanceOptions, Evidence, ProfileId } from './types.js';

export type Discovery = Schema<'Discovery'>;
export type ReportReceipt = Schema<'ReportReceipt'>;
export type CaseView = Schema<'Case'>;

export interface ConformanceModule {
  id: string;
  profile: ProfileId;
  title: string;
  checks: CheckDefinition[];
  /** `late` modules run after all others (guessing receipts may rate-limit the kit's own client). */
  phase?: 'late';
  run?(context: RunContext): Promise<void>;
  /** Called for every answer the kit receives, whichever module caused it. */
  observe?(context: RunContext, exchange: Exchange): void;
  /** Called once after every module ran. */
  finish?(context: RunContext): void;
}

export interface Settings {
  /** Where the kit listens for the backend's webhooks, with the shared secret. */
  webhookReceiver?: { port: number; host?: string; secret: string; waitSeconds: number };
  maxGuessAttempts: number;
  concurrentDuplicates: number;
  deadlineToleranceSeconds: number;
  foreignOrigin: string;
}

/** A report the kit submitted and the backend accepted. */
export interface SubmittedReport {
  body: Record<string, unknown>;
  receipt: ReportReceipt;
  /** Unique text in the description (plain reports), to recognise the case when reading it back. */
  marker: string;
}

/** Access tokens of signed-in people (contract 1.1), for the access profile. */
export interface PeopleTokens {
  personToken?: string;
  auditorToken?: string;
}

export class RunContext {
  discovery?: Discovery;
  people: PeopleTokens = {};
  readonly reports: SubmittedReport[] = [];

  constructor(
    readonly client: HttpClient,
    readonly validator: SpecValidator,
    readonly secrets: SecretRegistry,
    readonly record: Recorder,
    readonly settings: Settings,
    readonly handlerToken: string | undefined,
  ) {}

  static settingsFrom(options: ConformanceOptions): Settings {
    const { webhookReceiver } = options;
    return {
      ...(webhookReceiver ? { webhookReceiver: { ...webhookReceiver, waitSeconds: webhookReceiver.waitSeconds ?? 30 } } : {}),
      maxGuessAttempts: options.maxGuessAttempts ?? 60,
      concurrentDuplicates: options.concurrentDuplicates ?? 5,
      deadlineToleranceSeconds: options.deadlineToleranceSeconds ?? 3600,
      foreignOrigin: options.foreignOrigin ?? 'https://unconfigured-origin.invalid',
    };
  }

  evidence(exchange: Exchange): Evidence {
    return this.client.evidence(exchange);
  }

  /** Whether the backend can read back cases for us (case management advertised and a token given). */
  get canReadBack(): boolean {
    return this.handlerToken !== undefined && this.discovery?.capabilities.caseManagement !== undefined;
  }

  get handlerHeaders(): Record<string, string> {
    return { Authorization: `Bearer ${this.handlerToken ?? ''}` };
  }

  fixture(name: string): Fixture {
    const found = fixtures.find((fixture) => fixture.name === name);
    if (!found) throw new Error(`The spec has no fixture ${name}`);
    return found;
  }

  newIdempotencyKey(): string {
    return randomUUID();
  }

  /**
   * A valid, synthetic report: the spec's minimal anonymous fixture with a unique marker, sealed
   * to the backend's key when the backend refuses plain content.
   */
  async reportBody(): Promise<{ body: Record<string, unknown>; marker: string }> {
    const marker = `conformance-${randomUUID()}`;
    const base = structuredClone(this.fixture('submitReport/valid/minimal-anonymous').body) as Record<string, unknown> & {
      content: { description: string };
    };
    base.content.description = `Synthetische conformancetest (${marker}); geen echte melding.`;
    const encryption = this.discovery?.capabilities.encryption;
    if (!encryption?.required) return { body: base, marker };
    const { content, ...routing } = base;
    const sealed = await seal(encryption.publicKey, REPORT_INFO, JSON.stringify(content));
    return { body: { ...routing, encryptedContent: { keyId: encryption.keyId, suite: HPKE_SUITE, ...sealed } }, marker };
  }

  /** POSTs a report; on `201` remembers its receipt (and redacts it from all evidence from now on). */
  async submit(body: unknown, idempotencyKey = this.newIdempotencyKey(), marker = ''): Promise<Exchange> {
    const exchange = await this.client.send({ operationId: 'submitReport', headers: { 'Idempotency-Key': idempotencyKey }, json: body });
    this.learnReceipt(exchange, body, marker);
    return exchange;
  }

  learnReceipt(exchange: Exchange, body: unknown, marker: string): ReportReceipt | undefined {
    const receipt = (exchange.json as ReportReceipt | undefined)?.receipt;
    if (exchange.status !== 201 || typeof receipt !== 'string') return undefined;
    this.secrets.addReceipt(receipt);
    const known = this.reports.some((report) => report.receipt.receipt === receipt);
    if (!known) this.reports.push({ body: body as Record<string, unknown>, receipt: exchange.json as ReportReceipt, marker });
    return exchange.json as ReportReceipt;
  }

  /** Submits a fresh valid report and returns it, or undefined when the backend did not accept it. */
  async newReport(): Promise<SubmittedReport | undefined> {
    const { body, marker } = await this.reportBody();
    const exchange = await this.submit(body, this.newIdempotencyKey(), marker);
    if (exchange.status !== 201) return undefined;
    return this.reports.find((report) => report.receipt.receipt === (exchange.json as ReportReceipt).receipt);
  }

  /** Exchanges a receipt for a follow-up token; returns the token or undefined. */
  async openSession(receipt: string): Promise<{ token?: string; exchange: Exchange }> {
    const exchange = await this.client.send({ operationId: 'openFollowUpSession', json: { receipt } });
    const token = exchange.status === 201 ? (exchange.json as { token?: unknown } | undefined)?.token : undefined;
    if (typeof token === 'string') {
      this.secrets.addToken(token);
      return { token, exchange };
    }
    return { exchange };
  }

  /** The number of cases the backend holds, read with the handler token (undefined when it cannot be read). */
  async caseCount(): Promise<number | undefined> {
    if (!this.canReadBack) return undefined;
    const exchange = await this.client.send({ operationId: 'listCases', headers: this.handlerHeaders, query: { pageSize: '1' } });
    const total = (exchange.json as { totalItems?: unknown } | undefined)?.totalItems;
    return exchange.status === 200 && typeof total === 'number' ? total : undefined;
  }

  /** Finds the case of a submitted report through case management (the receipt is never sent there). */
  async findCase(report: SubmittedReport): Promise<CaseView | undefined> {
    if (!this.canReadBack) return undefined;
    const list = await this.client.send({
      operationId: 'listCases',
      headers: this.handlerHeaders,
      query: { sort: '-receivedAt', pageSize: '100', category: String(report.body.category) },
    });
    const items = ((list.json as { items?: Schema<'CaseSummary'>[] } | undefined)?.items ?? []).filter(
      (item) => item.receivedAt === report.receipt.receivedAt && item.role === report.body.role,
    );
    for (const item of items) {
      const exchange = await this.client.send({ operationId: 'getCase', headers: this.handlerHeaders, pathParams: { caseId: item.caseId } });
      const found = exchange.json as CaseView | undefined;
      if (exchange.status !== 200 || !found) continue;
      const description = found.content?.description ?? '';
      const envelope = (report.body.encryptedContent as { ciphertext?: string } | undefined)?.ciphertext;
      if ((report.marker && description.includes(report.marker)) || (envelope && found.encryptedContent?.ciphertext === envelope)) return found;
    }
    return undefined;
  }
}
