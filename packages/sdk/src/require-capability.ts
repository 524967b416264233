// Apart from discovery.ts so that only the code that needs a capability (follow-up, which loads on
// demand, and the handler's entry) carries it: the reporter's core entry is weighed to the byte.
import type { DiscoveryCache } from './discovery.js';
import { WeerbaarCapabilityError } from './errors.js';
import type { Capabilities } from './types.js';

/** The parameters of a capability, or a WeerbaarCapabilityError before any request is made for it. */
export async function requireCapability<Name extends keyof Capabilities>(discovery: DiscoveryCache, name: Name): Promise<NonNullable<Capabilities[Name]>> {
  const capability = (await discovery.discover()).capabilities[name];
  if (!capability) throw new WeerbaarCapabilityError(name);
  return capability;
}
