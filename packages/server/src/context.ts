// Everything a request handler may use, built once at start-up.
import type { SpecValidator } from '@weerbaar/spec/validation';
import type { AttachmentStorage } from './storage/attachments/attachment-storage.js';
import type { ServerConfig } from './config.js';
import type { ContentCatalogue } from './content/catalogue.js';
import type { PublicEncryptionKey } from './domain/encryption-key.js';
import type { RequestValidation } from './http/request-validation.js';
import type { InstallationSecret } from './security/installation-secret.js';
import { RateLimiter } from './security/rate-limiter.js';
import type { AuditLog } from './storage/audit-log.js';
import type { Store } from './storage/store.js';

export interface RateLimits {
  reportsPerClient: RateLimiter;
  followUpFailuresPerClient: RateLimiter;
  followUpFailuresTotal: RateLimiter;
  followUpSessionsPerCase: RateLimiter;
}

export interface ServerContext {
  config: ServerConfig;
  store: Store;
  files: AttachmentStorage;
  /** The audit chains; record entries through recordAuditEntry (domain/audit.ts). */
  audit: AuditLog;
  secret: InstallationSecret;
  content: ContentCatalogue;
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
  };
}
