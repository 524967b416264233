import type { PrivateKeyJwk } from '@weerbaar/sdk/crypto';

export type { PrivateKeyJwk };

/**
 * The organisation's private key for one signed-in session, in memory only: never in storage, a
 * URL, an event or a request. The console makes one, hands it to every case view, and clears it
 * when the person signs out or the session locks; a reload loses it too.
 */
export interface CaseKeyring {
  /** The key, while unlocked. */
  readonly privateKey: PrivateKeyJwk | undefined;
  /** Keeps a key for the session (after a JWK file was read or a passkey unwrapped it). */
  unlock(privateKey: PrivateKeyJwk): void;
  /**
   * The passkey's PRF output from the sign-in ceremony (`onPrfOutput` of the SDK's
   * `signInWithPasskey`), so that a case view unwraps the key without asking for the passkey again.
   */
  readonly prfOutput: ArrayBuffer | undefined;
  acceptPrfOutput(output: ArrayBuffer): void;
  /** Forgets the key and the PRF output. */
  clear(): void;
  /** Calls `listener` whenever the key is unlocked or cleared; returns how to stop. */
  subscribe(listener: () => void): () => void;
}

export function createCaseKeyring(): CaseKeyring {
  let privateKey: PrivateKeyJwk | undefined;
  let prfOutput: ArrayBuffer | undefined;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  return {
    get privateKey() {
      return privateKey;
    },
    unlock(key) {
      privateKey = key;
      changed();
    },
    get prfOutput() {
      return prfOutput;
    },
    acceptPrfOutput(output) {
      prfOutput = output.slice(0);
    },
    clear() {
      privateKey = undefined;
      prfOutput = undefined;
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const base64Url = /^[A-Za-z0-9_-]+$/;

/**
 * A P-256 private key as a JWK file holds it (`weerbaar-server keys generate`), or `undefined` when
 * the text is anything else. Only the fields WebCrypto needs are kept.
 */
export function privateKeyFromJwkText(text: string): PrivateKeyJwk | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { kty, crv, x, y, d } = value as Record<string, unknown>;
  if (kty !== 'EC' || crv !== 'P-256') return undefined;
  if (![x, y, d].every((part) => typeof part === 'string' && base64Url.test(part))) return undefined;
  return { kty, crv, x: x as string, y: y as string, d: d as string };
}
