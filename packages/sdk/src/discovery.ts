import { WeerbaarCapabilityError } from './errors.js';
import { json, type Send } from './transport.js';
import type { Capabilities, Discovery } from './types.js';

export interface DiscoveryCache {
  /** The backend's capability document, fetched once per client. */
  discover(): Promise<Discovery>;
  /** The parameters of a capability, or a WeerbaarCapabilityError before any request is made for it. */
  require<Name extends keyof Capabilities>(name: Name): Promise<NonNullable<Capabilities[Name]>>;
}

export function createDiscoveryCache(send: Send): DiscoveryCache {
  let pending: Promise<Discovery> | undefined;
  const discover = () => {
    // A failed discovery is not cached, so the next call tries again.
    pending ??= json<Discovery>(send('discovery')).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
  return {
    discover,
    async require(name) {
      const capability = (await discover()).capabilities[name];
      if (!capability) throw new WeerbaarCapabilityError(name);
      return capability;
    },
  };
}
