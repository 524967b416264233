// A random secret per installation, kept in the data directory (file mode 0600). It peppers every
// stored hash (receipts, tokens, idempotency keys), so a copy of the database alone is not enough
// to test guesses against it. Back it up together with the database: without it no receipt or
// token works any more.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE = 'installation.secret';

export class InstallationSecret {
  private constructor(readonly bytes: Buffer) {}

  /** Reads the secret from `dataDir`, creating it on first use. */
  static load(dataDir: string): InstallationSecret {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const path = join(dataDir, SECRET_FILE);
    if (!existsSync(path)) {
      try {
        writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process (a CLI command next to the server) created it first: use that one.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    const bytes = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (bytes.length !== 32) throw new Error(`${path} is damaged: restore it from the backup`);
    return new InstallationSecret(bytes);
  }

  /** A fast keyed hash, for high-entropy values (tokens) and lookup keys. */
  keyedHash(purpose: string, value: string): Buffer {
    return createHmac('sha256', this.bytes).update(`${purpose}\u0000${value}`).digest();
  }
}
