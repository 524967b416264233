// Everything a request handler may use, built once at start-up.
import type { SpecValidator } from '@weerbaar/spec/validation';
import type { AttachmentStorage } from './storage/attachments/attachment-storage.js';
import type { ServerConfig } from './config.js';
import type { ContentCatalogue } from './content/catalogue.js';
import type { CaseWorkCatalogue } from './content/case-work-catalogue.js';
import type { ProtocolCatalogue } from './content/protocol-catalogue.js';
import type { DilemmaCardCatalogue } from './content/dilemma-card-catalogue.js';
import type { CaseLabeller } from './domain/case-labels.js';
import type { PublicEncryptionKey } from './domain/encryption-key.js';
import type { RequestValidation } from './http/request-validation.js';
import type { PeopleStore } from './storage/people-store.js';
import type { InstallationSecret } from './security/installation-secret.js';
import { RateLimiter } from './security/rate-limiter.js';
import type { AuditLog } from './storage/audit-log.js';
import type { DilemmaStore } from './storage/dilemma-store.js';
import type { RetentionStore } from './storage/retention-store.js';
import type { StatisticsSource } from './storage/statistics-source.js';
import type { Store } from './storage/store.js';

export interface RateLimits {
  reportsPerClient: RateLimiter;
  followUpFailuresPerClient: RateLimiter;
  followUpFailuresTotal: RateLimiter;
  followUpSessionsPerCase: RateLimiter;
  /** Shared dilemmas per client (the reports' allowance, counted apart). */
  dilemmasPerClient: RateLimiter;
  /** Wrong read codes per client (the follow-up allowance for wrong receipts, counted apart). */
  dilemmaReadFailuresPerClient: RateLimiter;
}

export interface ServerContext {
  config: ServerConfig;
  store: Store;
  /** Accounts, sign-in, groups, routing and access per case. */
  people: PeopleStore;
  files: AttachmentStorage;
  /** The audit chains; record entries through recordAuditEntry (domain/audit.ts). */
  audit: AuditLog;
  /** Legal holds, deletion of closed cases, tombstones (domain/retention.ts). */
  retention: RetentionStore;
  statistics: StatisticsSource;
  /** Shared dilemmas and the cards made of them (contract 1.2). */
  dilemmas: DilemmaStore;
  secret: InstallationSecret;
  content: ContentCatalogue;
  /** The texts for working cases, and the labels of case answers made from them and the content. */
  caseWork: CaseWorkCatalogue;
  /** The protocols whose steps become a new case's tasks (contract 1.2). */
  protocols: ProtocolCatalogue;
  /** The dilemma cards shipped with the installation. */
  dilemmaCards: DilemmaCardCatalogue;
  labels: CaseLabeller;
  spec: SpecValidator;
  validation: RequestValidation;
  encryptionKey: PublicEncryptionKey | undefined;
  limits: RateLimits;
  /** The current time as an RFC 3339 string (UTC). */
  now(): string;
  /** The public address, known once the server listens. */
  publicUrl(): string;
}

/** The server's rate limits, counted in `store` so that they hold across instances. */
export function createRateLimits(config: ServerConfig, store: Store): RateLimits {
  const windowMs = config.rateLimitWindowSeconds * 1000;
  return {
    reportsPerClient: new RateLimiter(store, 'reports-per-client', config.reports.maxPerClientPerWindow, windowMs),
    followUpFailuresPerClient: new RateLimiter(store, 'follow-up-failures-per-client', config.followUp.maxFailuresPerClient, windowMs),
    followUpFailuresTotal: new RateLimiter(store, 'follow-up-failures-total', config.followUp.maxFailuresTotal, windowMs),
    followUpSessionsPerCase: new RateLimiter(store, 'follow-up-sessions-per-case', config.followUp.maxSessionsPerCase, windowMs),
    dilemmasPerClient: new RateLimiter(store, 'dilemmas-per-client', config.reports.maxPerClientPerWindow, windowMs),
    dilemmaReadFailuresPerClient: new RateLimiter(store, 'dilemma-read-failures-per-client', config.followUp.maxFailuresPerClient, windowMs),
  };
}
