// The WebAuthn relying party of this installation: the id passkeys are bound to and the origins
// where ceremonies may run. Sign-in (routes/sign-in.ts) verifies against it; discovery advertises
// its id.
import type { ServerContext } from '../context.js';

/** The WebAuthn relying party: its id and the origins where ceremonies may run. */
export function relyingParty(context: ServerContext): { rpId: string; origins: string[] } {
  const { signIn, consoleUrl } = context.config.caseManagement;
  const publicOrigin = new URL(context.publicUrl()).origin;
  const origins = new Set([publicOrigin, ...(consoleUrl ? [new URL(consoleUrl).origin] : []), ...signIn.origins]);
  return { rpId: signIn.rpId ?? new URL(context.publicUrl()).hostname, origins: [...origins] };
}
