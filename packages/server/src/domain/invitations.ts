// One-time invitation codes: the same alphabet, length (100 bits) and grouping as a receipt, valid
// 24 hours, single use, stored only as a keyed hash. Handed over as the console's address with the
// code in the fragment (`#uitnodiging=CODE`), which a browser never sends to any server.
import type { ServerContext } from '../context.js';
import type { InstallationSecret } from '../security/installation-secret.js';
import { generateReceipt, normaliseReceipt } from '../security/receipts.js';
import type { NewInvitation } from '../storage/people-store.js';

export const INVITATION_VALID_HOURS = 24;

export interface IssuedInvitation {
  code: string;
  stored: NewInvitation;
}

export function issueInvitation(secret: InstallationSecret, now: string): IssuedInvitation {
  const code = generateReceipt();
  const expiresAt = new Date(Date.parse(now) + INVITATION_VALID_HOURS * 3600_000).toISOString();
  return { code, stored: { codeHash: invitationHash(secret, normaliseReceipt(code)!), createdAt: now, expiresAt } };
}

/** The stored hash of a typed code, or undefined when it cannot be a code at all. */
export function hashTypedInvitation(secret: InstallationSecret, typed: string): Buffer | undefined {
  const normalised = normaliseReceipt(typed);
  return normalised === undefined ? undefined : invitationHash(secret, normalised);
}

function invitationHash(secret: InstallationSecret, normalised: string): Buffer {
  return secret.keyedHash('invitation', normalised);
}

/** The console's address: configured, or `/behandelen` on this server (the console itself is issue 15's). */
export function consoleUrl(context: Pick<ServerContext, 'config' | 'publicUrl'>): string {
  return context.config.caseManagement.consoleUrl ?? `${context.publicUrl()}/behandelen`;
}

export function enrolmentUrl(context: Pick<ServerContext, 'config' | 'publicUrl'>, code: string): string {
  return `${consoleUrl(context)}#uitnodiging=${code}`;
}
