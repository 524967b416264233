// The answer to an idempotent report submission must be replayable (with the same receipt) for
// the key's lifetime, but the receipt may not be stored in the clear. So the answer is sealed
// with AES-256-GCM under a key derived (HKDF) from the Idempotency-Key itself, which only the
// client knows; the database holds the ciphertext, found by a keyed hash of the key.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { InstallationSecret } from './installation-secret.js';

const INFO = 'weerbaar/v1 idempotent replay';

function sealingKey(secret: InstallationSecret, idempotencyKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, secret.bytes, INFO, 32));
}

export function idempotencyKeyHash(secret: InstallationSecret, idempotencyKey: string): Buffer {
  return secret.keyedHash('idempotency-key', idempotencyKey);
}

/** A digest of the request, to tell a retry from another request under the same key. */
export function requestDigest(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url');
}

export function sealReplay(secret: InstallationSecret, idempotencyKey: string, answer: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret, idempotencyKey), iv);
  const ciphertext = Buffer.concat([cipher.update(answer, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

export function openReplay(secret: InstallationSecret, idempotencyKey: string, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret, idempotencyKey), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}
