// The HPKE public key of the integrity officer. `weerbaar-server keys generate` creates a P-256
// key pair with WebCrypto, stores only the public JWK (and its keyId) in the data directory and
// prints the private JWK once. The server itself can never open what is sealed to it.
import { webcrypto } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Schema } from '@weerbaar/spec';

export const PUBLIC_KEY_FILE = 'encryption-public-key.json';
export const HPKE_SUITE: Schema<'HpkeSuite'> = 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM';

export interface PublicEncryptionKey {
  keyId: string;
  publicKey: Schema<'EcPublicJwk'>;
}

export function readPublicKey(dataDir: string): PublicEncryptionKey | undefined {
  const path = join(dataDir, PUBLIC_KEY_FILE);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as PublicEncryptionKey;
}

/** Generates a key pair, stores the public half and returns the private JWK (to print once). */
export async function generateKeyPair(dataDir: string, now = new Date()): Promise<{ stored: PublicEncryptionKey; privateKeyJwk: webcrypto.JsonWebKey & { kid: string } }> {
  const pair = (await webcrypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as webcrypto.CryptoKeyPair;
  const publicJwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  const privateKeyJwk = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
  const keyId = `${now.toISOString().slice(0, 10)}-${webcrypto.getRandomValues(new Uint8Array(4)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '')}`;
  const stored: PublicEncryptionKey = {
    keyId,
    publicKey: { kty: 'EC', crv: 'P-256', x: publicJwk.x!, y: publicJwk.y!, kid: keyId, use: 'enc' },
  };
  const path = join(dataDir, PUBLIC_KEY_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o644 });
  renameSync(`${path}.tmp`, path);
  return { stored, privateKeyJwk: { ...privateKeyJwk, kid: keyId } };
}
