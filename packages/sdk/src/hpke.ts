// The contract's one HPKE suite (RFC 9180 base mode): DHKEM(P-256, HKDF-SHA256), HKDF-SHA256,
// AES-256-GCM, on WebCrypto through @hpke/core. Shared by sealing (reporter) and opening (handler).
import { Aes256Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from '@hpke/core';

export const SUITE = 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM';

/** The info strings that bind a ciphertext to what it is, so a message cannot pass for a report. */
export type SealedKind = 'report' | 'message' | 'attachment' | 'note' | 'dilemma';

export const info = (kind: SealedKind) => new TextEncoder().encode(`weerbaar/v1 ${kind}`);

export const suite = () => new CipherSuite({ kem: new DhkemP256HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
