// Bearer tokens: follow-up tokens (short-lived, one case), handler tokens (created with the CLI)
// and access tokens (a signed-in person's session). Random 256-bit values; only their keyed hash is stored.
import { randomBytes } from 'node:crypto';
import type { InstallationSecret } from './installation-secret.js';

export type TokenKind = 'follow-up' | 'handler' | 'access';

const PREFIX: Record<TokenKind, string> = { 'follow-up': 'wbf_', handler: 'wbh_', access: 'wba_' };

export function generateToken(kind: TokenKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function hashToken(secret: InstallationSecret, kind: TokenKind, token: string): Buffer {
  return secret.keyedHash(`token:${kind}`, token);
}

/** A random identifier with a readable prefix (`c_` case, `a_` attachment, `m_` message). */
export function randomId(prefix: string, bytes = 12): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** The bearer token of an `Authorization` header, when it has the right shape. */
export function bearerToken(header: string | undefined, kind: TokenKind): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~-]{20,200})$/i.exec(header ?? '');
  return match && match[1]!.startsWith(PREFIX[kind]) ? match[1] : undefined;
}
