import { json, type Send } from './transport.js';
import type { Discovery } from './types.js';

export interface DiscoveryCache {
  /** The backend's capability document, fetched once per client. */
  discover(): Promise<Discovery>;
  /** Forgets the cached document, so the next `discover` reads it again (the encryption key rotated). */
  forget(): void;
}

export function createDiscoveryCache(send: Send): DiscoveryCache {
  let pending: Promise<Discovery> | undefined;
  return {
    discover() {
      // A failed discovery is not cached, so the next call tries again.
      pending ??= json<Discovery>(send('discovery')).catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      return pending;
    },
    forget: () => (pending = undefined),
  };
}
