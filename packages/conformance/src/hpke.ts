// HPKE (RFC 9180, base mode) as the contract's encryption capability uses it, done by the kit
// itself so that a backend's encryption is tested independently of the Weerbaar SDK.
import { Aes256Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from '@hpke/core';
import type { Schema } from '@weerbaar/spec';

export const HPKE_SUITE = 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM';
export const REPORT_INFO = 'weerbaar/v1 report';

type PublicJwk = Schema<'EcPublicJwk'>;

function suite(): CipherSuite {
  return new CipherSuite({ kem: new DhkemP256HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
}

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64url');
}

/** Imports the advertised key with WebCrypto, as a browser would; throws when it is not a usable P-256 public key. */
export async function importPublicKey(jwk: PublicJwk): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true }, { name: 'ECDH', namedCurve: 'P-256' }, true, []);
}

/** Seals `plaintext` to the public key, with the given info string and empty associated data. */
export async function seal(jwk: PublicJwk, info: string, plaintext: string): Promise<{ enc: string; ciphertext: string }> {
  const cipherSuite = suite();
  const recipientPublicKey = await cipherSuite.kem.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, true);
  const sealed = await cipherSuite.seal({ recipientPublicKey, info: new TextEncoder().encode(info) }, new TextEncoder().encode(plaintext));
  return { enc: base64url(sealed.enc), ciphertext: base64url(sealed.ct) };
}
