// The repository's reference-server helper (test-support/reference-server.mjs), typed for these tests.
import { startReferenceServer as start } from '../../../../test-support/reference-server.mjs';
import type { PrivateKeyJwk } from '../../src/crypto.js';

export interface ReferenceServer {
  origin: string;
  apiUrl: string;
  handlerToken: string;
  privateKeyJwk?: PrivateKeyJwk;
  output(): string;
  stop(): Promise<void>;
}

export const startReferenceServer = start as (options?: { encryption?: boolean; allowedOrigins?: string[]; env?: Record<string, string> }) => Promise<ReferenceServer>;
