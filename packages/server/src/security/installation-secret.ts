// A random secret per installation (32 bytes, file mode 0600). It peppers every stored hash
// (receipts, tokens, idempotency keys), so a copy of the database alone is not enough to test
// guesses against it — which is why it never lives in the database. Back it up together with the
// database: without it no receipt or token works any more.
//
// SQLite (one machine): created in the data directory on first use. PostgreSQL (several
// instances): every instance must use the same secret, so it is created once with
// `weerbaar-server secret generate` and deployed to each; an instance without it refuses to start
// instead of making its own.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SECRET_FILE = 'installation.secret';

export class MissingSecretError extends Error {}

export class InstallationSecret {
  private constructor(readonly bytes: Buffer) {}

  /** Reads the secret from `dataDir`, creating it on first use. */
  static load(dataDir: string): InstallationSecret {
    return InstallationSecret.open(join(dataDir, SECRET_FILE), { create: true });
  }

  /** Reads the secret at `path`; creates it first when missing and `create` is set. */
  static open(path: string, { create }: { create: boolean }): InstallationSecret {
    if (!existsSync(path)) {
      if (!create) {
        throw new MissingSecretError(
          `The installation secret ${path} does not exist. With PostgreSQL every instance needs the same secret: ` +
            'create it once with `weerbaar-server secret generate`, back it up, and give every instance that file ' +
            '(WEERBAAR_INSTALLATION_SECRET_FILE).',
        );
      }
      InstallationSecret.generate(path);
    }
    const bytes = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (bytes.length !== 32) throw new Error(`${path} is damaged: restore it from the backup`);
    return new InstallationSecret(bytes);
  }

  /** Writes a new secret at `path`; answers false when a secret is there already (it is never replaced). */
  static generate(path: string): boolean {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      return true;
    } catch (error) {
      // Another process (a CLI command next to the server) created it first: use that one.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  /** A fast keyed hash, for high-entropy values (tokens) and lookup keys. */
  keyedHash(purpose: string, value: string): Buffer {
    return createHmac('sha256', this.bytes).update(`${purpose}\u0000${value}`).digest();
  }
}
