// The organisation's private key, unlocked by the person's passkey (WebAuthn PRF). The passkey's
// PRF output for the contract's fixed input never leaves the browser; an AES-KW key is derived from
// it with HKDF-SHA256, and only the private scalar `d`, wrapped with that key, is kept by the
// backend (`storeWrappedKey`): opaque bytes it cannot open. The public half (`x`, `y`) comes from
// discovery, so nothing else is needed to rebuild the key.
//
// Algorithm `weerbaar-prf-hkdf-sha256-aes-kw`:
//   prf      = PRF(passkey, UTF-8 "weerbaar/v1 key wrapping")
//   kek      = HKDF-SHA256(ikm = prf, salt = UTF-8 "weerbaar/v1 key wrapping", info = UTF-8 keyId) → AES-KW-256
//   wrapped  = base64url(AES-KW(kek, d))   (d: the 32 bytes of the P-256 private key)
import type { PrivateKeyJwk } from './keyring.js';

export const WRAP_ALGORITHM = 'weerbaar-prf-hkdf-sha256-aes-kw';
const PRF_INPUT = new TextEncoder().encode('weerbaar/v1 key wrapping');

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Whether this browser can ask a passkey for its PRF output at all. */
export const passkeysAvailable = () => typeof PublicKeyCredential !== 'undefined' && !!navigator.credentials;

/**
 * Asks the signed-in person's passkey for its PRF output: a ceremony on this device whose answer
 * goes nowhere (its challenge is random and never checked by anyone). `undefined` when the passkey
 * has no PRF.
 */
export async function passkeyPrfOutput(passkeyId: string, rpId: string): Promise<ArrayBuffer | undefined> {
  const publicKey = {
    challenge: crypto.getRandomValues(new Uint8Array(32)),
    rpId,
    allowCredentials: [{ type: 'public-key', id: fromBase64Url(passkeyId) }],
    userVerification: 'required',
    extensions: { prf: { eval: { first: PRF_INPUT } } },
  } as PublicKeyCredentialRequestOptions;
  const credential = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential | null;
  const results = credential?.getClientExtensionResults() as { prf?: { results?: { first?: ArrayBuffer } } } | undefined;
  return results?.prf?.results?.first;
}

async function keyEncryptionKey(prfOutput: ArrayBuffer, keyId: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', prfOutput, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: PRF_INPUT, info: new TextEncoder().encode(keyId) },
    material,
    { name: 'AES-KW', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** The private scalar `d`, wrapped under the passkey's PRF output, as the backend keeps it. */
export async function wrapPrivateKey(privateKey: PrivateKeyJwk, prfOutput: ArrayBuffer, keyId: string): Promise<string> {
  // AES-KW wraps keys, not bytes: `d` travels as the raw bytes of a (never used) AES key.
  const scalar = await crypto.subtle.importKey('raw', fromBase64Url(privateKey.d ?? ''), 'AES-GCM', true, ['encrypt']);
  return toBase64Url(new Uint8Array(await crypto.subtle.wrapKey('raw', scalar, await keyEncryptionKey(prfOutput, keyId), 'AES-KW')));
}

/**
 * The private key again, from the wrapped `d` and the public key from discovery; rejects when the
 * PRF output is not the one it was wrapped under (AES-KW checks its integrity) or `d` does not
 * belong to the public key.
 */
export async function unwrapPrivateKey(wrappedKey: string, prfOutput: ArrayBuffer, keyId: string, publicKey: { x: string; y: string }): Promise<PrivateKeyJwk> {
  const scalar = await crypto.subtle.unwrapKey('raw', fromBase64Url(wrappedKey), await keyEncryptionKey(prfOutput, keyId), 'AES-KW', 'AES-GCM', true, ['encrypt']);
  const d = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', scalar)));
  const jwk: PrivateKeyJwk = { kty: 'EC', crv: 'P-256', x: publicKey.x, y: publicKey.y, d };
  // WebCrypto refuses a `d` that does not match `x` and `y`.
  await crypto.subtle.importKey('jwk', jwk as JsonWebKey, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  return jwk;
}
