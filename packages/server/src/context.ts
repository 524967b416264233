// Everything a request handler may use, built once at start-up.
import type { SpecValidator } from '@weerbaar/spec/validation';
import type { AttachmentFiles } from './attachments/attachment-files.js';
import type { ServerConfig } from './config.js';
import type { ContentCatalogue } from './content/catalogue.js';
import type { PublicEncryptionKey } from './domain/encryption-key.js';
import type { RequestValidation } from './http/request-validation.js';
import type { InstallationSecret } from './security/installation-secret.js';
import { RateLimiter } from './security/rate-limiter.js';
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
  files: AttachmentFiles;
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

export function createRateLimits(config: ServerConfig): RateLimits {
  const windowMs = config.rateLimitWindowSeconds * 1000;
  return {
    reportsPerClient: new RateLimiter(config.reports.maxPerClientPerWindow, windowMs),
    followUpFailuresPerClient: new RateLimiter(config.followUp.maxFailuresPerClient, windowMs),
    followUpFailuresTotal: new RateLimiter(config.followUp.maxFailuresTotal, windowMs),
    followUpSessionsPerCase: new RateLimiter(config.followUp.maxSessionsPerCase, windowMs),
  };
}
