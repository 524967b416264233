// Receipts: the reporter's only credential. 100 random bits in Crockford base32, grouped for
// reading aloud (XXXX-XXXX-XXXX-XXXX-XXXX); stored only as a slow, peppered scrypt hash.
import { randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import type { InstallationSecret } from './installation-secret.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 20; // 20 characters × 5 bits = 100 bits
// scrypt cost: about 16 MiB and tens of milliseconds per hash; changing it invalidates stored hashes.
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export function generateReceipt(): string {
  let raw = '';
  for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return raw.match(/.{4}/g)!.join('-');
}

/**
 * The receipt as people type it, made canonical: case, spaces and dashes do not matter, and the
 * letters people confuse with digits (O, I, L) count as those digits. Undefined when it cannot be
 * a receipt at all.
 */
export function normaliseReceipt(typed: string): string | undefined {
  const raw = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (raw.length !== LENGTH) return undefined;
  for (const char of raw) if (!ALPHABET.includes(char)) return undefined;
  return raw;
}

export function hashReceipt(secret: InstallationSecret, normalised: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(normalised, secret.bytes, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
